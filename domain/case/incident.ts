/**
 * What a case does with its incident's word (pure, like machine.ts): link, a public message, the
 * incident's resolution, unlink. Every notice is idempotent: a message whose sequence the case
 * already has changes nothing, so a fan-out that is retried or overlaps a late link never doubles it.
 */
import { ActionNotAllowed } from './commands.js';
import { isTerminal, type CaseStatus } from './contract.js';
import { stopClock } from './clocks.js';
import { clone, markResolved, Recorder, type Context, type Outcome } from './decision.js';
import type { CaseState } from './types.js';
import type { IncidentMessage, IncidentNotice } from '../incident/types.js';

/** Cases the incident's resolution resolves; later ones (resolved and past) are left as they are. */
export const RESOLVED_BY_INCIDENT: readonly CaseStatus[] = [
  'new',
  'investigating',
  'pending_customer',
  'pending_approval',
];

export function applyIncidentNotice(current: CaseState, notice: IncidentNotice, ctx: Context): Outcome {
  const s = clone(current);
  const r = new Recorder(s, ctx);
  if (notice.kind === 'link') {
    link(r, notice);
    return r.outcome();
  }
  // A notice from an incident the case is no longer linked to (unlinked meanwhile) is moot.
  if (isTerminal(s.status) || s.incident?.id !== notice.incidentId) return r.outcome();
  if (notice.kind === 'unlink') {
    if (notice.message) deliver(r, notice.message);
    s.incident = null;
    r.emit('case.incident_unlinked', { incidentId: notice.incidentId, reason: notice.reason });
    return r.outcome();
  }
  deliver(r, notice.message);
  if (notice.kind === 'resolve' && RESOLVED_BY_INCIDENT.includes(s.status)) {
    const { summary, remedy, resolvedBy, approvedBy } = notice.resolution;
    s.clocks.respond = stopClock(s.clocks.respond);
    s.acceptedAt ??= new Date(ctx.now).toISOString();
    s.resolution = { summary, remedy };
    s.proposedBy = `incident:${notice.incidentId}`;
    r.emit('case.resolution_proposed', {
      summary,
      remedy,
      needsApproval: false,
      incidentId: notice.incidentId,
    });
    // With four eyes the incident's resolution was proposed by one supervisor and approved by
    // another: the case's approval names both.
    r.emit(
      'case.approved',
      {
        comment: null,
        proposedBy: s.proposedBy,
        incidentId: notice.incidentId,
        ...(approvedBy ? { resolutionProposedBy: resolvedBy } : {}),
      },
      approvedBy ?? resolvedBy,
    );
    markResolved(r);
  }
  return r.outcome();
}

/** Refusals a link can meet: the case is closed, or another incident has it. */
export function checkLink(s: CaseState, incidentId: string): void {
  if (isTerminal(s.status)) {
    throw new ActionNotAllowed('link', s.status, `the case is already '${s.status}' and cannot be linked`);
  }
  if (s.incident && s.incident.id !== incidentId) {
    throw new ActionNotAllowed(
      'link',
      s.status,
      `the case is already linked to incident ${s.incident.number}`,
      {
        incidentId: s.incident.id,
      },
    );
  }
}

function link(r: Recorder, notice: Extract<IncidentNotice, { kind: 'link' }>): void {
  const s = r.state;
  checkLink(s, notice.incident.id);
  if (!s.incident) {
    s.incident = { ...notice.incident, linkedAt: new Date(r.ctx.now).toISOString(), lastMessageSeq: 0 };
    r.emit('case.incident_linked', {
      incidentId: notice.incident.id,
      incidentNumber: notice.incident.number,
      title: notice.incident.title,
    });
  }
  // A case linked late gets the incident's current word at once.
  if (notice.latest) deliver(r, notice.latest);
}

function deliver(r: Recorder, m: IncidentMessage): void {
  const link = r.state.incident!;
  if (m.seq <= link.lastMessageSeq) return;
  link.lastMessageSeq = m.seq;
  r.emit(
    'case.incident_update',
    { incidentId: link.id, updateId: m.id, sequence: m.seq, message: m.text, incidentStatus: m.status },
    m.actor,
  );
}
