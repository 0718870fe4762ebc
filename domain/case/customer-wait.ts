/**
 * Waiting on the customer: while a case is `pending_customer`, its policy may remind the customer
 * after some working time and withdraw the case after a longer one. Both moments are fixed on the
 * case's calendar when the wait begins (the same deadline rule as the SLA clocks); leaving
 * `pending_customer` drops them, and waiting again starts afresh. Pure: the caller gives the time.
 */
import { BeyondHorizon, computeDue } from '../calendar/index.js';
import type { CaseState, CaseView, CustomerWait, SlaSnapshot } from './types.js';
import { iso } from '../time.js';

/** A policy that says nothing about the reminder reminds after two working days. */
export const DEFAULT_REMIND_CUSTOMER_AFTER = 'P2D';

/** The reason an automatic close gives (the customer's message renders it in their language). */
export const NO_REPLY_REASON = 'no reply from the customer';
/** Marks a withdrawal the service made because the customer did not answer. */
export const NO_REPLY_CAUSE = 'no_customer_reply';

export type CustomerWaitKind = 'reminder' | 'close';

export interface CustomerWaitMoment {
  clock: 'customer';
  kind: CustomerWaitKind;
  at: number;
}

/** The policy's fields as a case keeps them: the default reminder filled in, null meaning never. */
export function customerWaitPolicy(p: {
  remindCustomerAfter?: string | null;
  closeWithoutReplyAfter?: string | null;
}): { remindCustomerAfter: string | null; closeWithoutReplyAfter: string | null } {
  return {
    remindCustomerAfter:
      p.remindCustomerAfter === undefined ? DEFAULT_REMIND_CUSTOMER_AFTER : p.remindCustomerAfter,
    closeWithoutReplyAfter: p.closeWithoutReplyAfter ?? null,
  };
}

/** A moment past the horizon (a sparse calendar) is none: the wait then simply has no such timer. */
function dueOrNone(sla: SlaSnapshot, now: number, duration: string | null | undefined): number | undefined {
  if (!duration) return undefined;
  try {
    return computeDue(sla.calendar, now, duration);
  } catch (err) {
    if (err instanceof BeyondHorizon) return undefined;
    throw err;
  }
}

/** The timers of a wait that begins at `now`, or none when the case's policy sets neither. */
export function armCustomerWait(sla: SlaSnapshot, now: number): CustomerWait | undefined {
  const remindAt = dueOrNone(sla, now, sla.remindCustomerAfter);
  const closeAt = dueOrNone(sla, now, sla.closeWithoutReplyAfter);
  if (remindAt === undefined && closeAt === undefined) return undefined;
  return {
    since: now,
    reminded: false,
    ...(remindAt !== undefined ? { remindAt } : {}),
    ...(closeAt !== undefined ? { closeAt } : {}),
  };
}

/** The wait's moments still ahead, earliest first. */
export function customerWaitMoments(s: CaseState): CustomerWaitMoment[] {
  const w = s.status === 'pending_customer' ? s.customerWait : undefined;
  if (!w) return [];
  const out: CustomerWaitMoment[] = [];
  if (w.remindAt !== undefined && !w.reminded)
    out.push({ clock: 'customer', kind: 'reminder', at: w.remindAt });
  if (w.closeAt !== undefined) out.push({ clock: 'customer', kind: 'close', at: w.closeAt });
  return out.sort((a, b) => a.at - b.at);
}

export function customerWaitView(w: CustomerWait): NonNullable<CaseView['customerWait']> {
  const at = (t: number | undefined) => (t === undefined ? null : iso(t));
  return { since: iso(w.since), remindAt: at(w.remindAt), closeAt: at(w.closeAt), reminded: w.reminded };
}
