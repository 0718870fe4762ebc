/**
 * Who may see which case event. Staff (agents, supervisors, admins) see every event; integrators —
 * through the API and through webhooks alike — never see an internal note (docs/api.md). One rule,
 * used by every read a non-staff party makes.
 */
import type { CaseEvent } from './types.js';

export type Audience = 'staff' | 'integrator';
export type Visibility = 'internal' | 'public';

/** An event is internal only when it is a note written as internal; everything else is public. */
export function eventVisibility(e: Pick<CaseEvent, 'type' | 'data'>): Visibility {
  return e.type === 'case.note_added' && e.data.visibility !== 'public' ? 'internal' : 'public';
}

export const visibleTo = (audience: Audience, e: Pick<CaseEvent, 'type' | 'data'>): boolean =>
  audience === 'staff' || eventVisibility(e) === 'public';
