/** What a case shows: its view (API, console, projection) and its deadlines as times. Pure. */
import { CLOCKS, workflowIdForCase, type ClockName } from './contract.js';
import { clockDueAt } from './clocks.js';
import { customerWaitView } from './customer-wait.js';
import { pendingThresholds } from './thresholds.js';
import type { CaseState, CaseView } from './types.js';
import { iso } from '../time.js';

export function deadlines(s: CaseState): CaseView['deadlines'] {
  const at = (c: ClockName): string | null => {
    const clock = s.clocks[c] as CaseState['clocks'][ClockName] | undefined;
    const t = clock && clockDueAt(clock, s.sla.calendar);
    return t === undefined ? null : iso(t);
  };
  return {
    respondBy: at('respond'),
    resolveBy: at('resolve'),
    callbackBy: at('callback'),
    rateBy: at('rate'),
    // Once the case has been transferred: cases never handed to a department read as before.
    ...(s.clocks.findings && s.clocks.findings.state !== 'idle' ? { findingsBy: at('findings') } : {}),
  };
}

export const isBreached = (s: CaseState): boolean => s.breaches.length > 0;

export function toCaseView(s: CaseState): CaseView {
  return {
    id: s.id,
    number: s.number,
    type: s.type,
    channel: s.channel,
    status: s.status,
    priority: s.priority,
    level: s.level,
    subject: s.subject,
    description: s.description,
    customer: s.customer,
    product: s.product ?? null,
    externalRef: s.externalRef ?? null,
    assignee: s.assignee,
    owner: s.owner,
    team: s.team ?? null,
    slaPolicy: s.sla.name,
    deadlines: deadlines(s),
    sla: {
      calendar: s.sla.calendar.name,
      timeZone: s.sla.calendar.timeZone,
      thresholds: pendingThresholds(s).map((t) => ({ clock: t.clock, kind: t.kind, at: iso(t.at) })),
      // A fired warning leaves the thresholds; the clock is still in its warning phase until it ends.
      warned: CLOCKS.filter(
        (c) => s.clocks[c]?.warned && !s.clocks[c].breached && s.clocks[c].state === 'running',
      ),
    },
    breaches: s.breaches,
    rating: s.rating,
    reopenCount: s.reopenCount,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
    closedAt: s.closedAt,
    workflowId: workflowIdForCase(s.id),
    ...(s.customerWait ? { customerWait: customerWaitView(s.customerWait) } : {}),
    ...(s.transfer
      ? { transfer: { team: s.transfer.team, returnTo: s.transfer.returnTo, since: s.transfer.at } }
      : {}),
    // Only while linked: views of cases never linked stay as they were.
    ...(s.incident
      ? { incident: { id: s.incident.id, number: s.incident.number, title: s.incident.title } }
      : {}),
  };
}
