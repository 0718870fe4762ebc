/** Who may take each case action. Kept free of server imports: the console reads it too. */
import type { CaseAction } from '../domain/case/commands.js';
import type { Role } from '../domain/people.js';

const STAFF: Role[] = ['agent', 'supervisor'];

/** Who may take each action (docs/api.md's endpoint tables; admin may do everything). */
export const ACTION_ROLES: Record<CaseAction, Role[]> = {
  accept: STAFF,
  assign: STAFF,
  reject: STAFF,
  findings: STAFF,
  'wait-for-customer': STAFF,
  'customer-reply': ['integrator', 'agent'],
  resolution: STAFF,
  approval: ['supervisor'],
  callback: STAFF,
  rating: ['integrator', 'agent'],
  escalate: ['integrator', 'agent', 'supervisor'],
  notes: STAFF,
  withdraw: ['integrator', 'supervisor'],
  extend: ['supervisor'],
  priority: STAFF,
  transfer: STAFF,
  // A member of the department that has the case, or a supervisor (api/case-commands.ts).
  'refuse-transfer': STAFF,
};
