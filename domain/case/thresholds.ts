/**
 * The case's moments in time: the warning, breach and expiry thresholds of its SLA clocks and the
 * moments of a wait for the customer, which one its durable timer waits for next, and what firing
 * them decides. Pure: the caller gives the time.
 */
import { CLOCKS, isTerminal, type ClockName } from './contract.js';
import { clockDueAt, clockWarnAt } from './clocks.js';
import {
  customerWaitMoments,
  NO_REPLY_CAUSE,
  NO_REPLY_REASON,
  type CustomerWaitMoment,
} from './customer-wait.js';
import { clone, close, raiseLevel, Recorder, type Outcome } from './decision.js';
import type { CaseState } from './types.js';
import { iso } from '../time.js';

export interface Threshold {
  clock: ClockName;
  kind: 'warning' | 'breach' | 'expiry';
  at: number;
}

/** All pending thresholds of running clocks, earliest first. */
export function pendingThresholds(s: CaseState): Threshold[] {
  const out: Threshold[] = [];
  for (const name of CLOCKS) {
    // A state carried over from before the findings clock existed may lack it (see workflows/case.ts).
    const clock = s.clocks[name] as CaseState['clocks'][ClockName] | undefined;
    if (!clock || clock.breached) continue;
    const due = clockDueAt(clock, s.sla.calendar);
    if (due === undefined) continue;
    const warnAt = name === 'rate' ? undefined : clockWarnAt(clock, s.sla, name);
    if (warnAt !== undefined && warnAt < due) out.push({ clock: name, kind: 'warning', at: warnAt });
    out.push({ clock: name, kind: name === 'rate' ? 'expiry' : 'breach', at: due });
  }
  return out.sort((a, b) => a.at - b.at);
}

export const nextThreshold = (s: CaseState): Threshold | undefined => pendingThresholds(s)[0];

/** What the case's durable timer waits for: an SLA threshold or a moment of the wait for the customer. */
export type Moment = Threshold | CustomerWaitMoment;

export function nextMoment(s: CaseState): Moment | undefined {
  const t = nextThreshold(s);
  const w = customerWaitMoments(s)[0];
  return w && (!t || w.at < t.at) ? w : t;
}

/** The reminder (once per wait), then the automatic close, each when its moment has come. */
function fireCustomerWait(r: Recorder, now: number): void {
  for (const m of customerWaitMoments(r.state)) {
    const w = r.state.customerWait!;
    if (m.at > now || r.state.status !== 'pending_customer') break;
    if (m.kind === 'reminder') {
      w.reminded = true;
      r.emit(
        'case.customer_reminded',
        { waitingSince: iso(w.since), closeAt: w.closeAt === undefined ? null : iso(w.closeAt) },
        'system',
      );
    } else {
      close(
        r,
        'withdrawn',
        { reason: NO_REPLY_REASON, cause: NO_REPLY_CAUSE, waitingSince: iso(w.since) },
        'system',
      );
    }
  }
}

/** Fires every threshold whose moment has come, each exactly once (flags on the clock). */
export function fireDueThresholds(current: CaseState, now: number): Outcome {
  const s = clone(current);
  const r = new Recorder(s, { now, actor: 'sla' });
  for (const t of pendingThresholds(s)) {
    if (t.at > now || isTerminal(s.status)) break;
    const clock = s.clocks[t.clock];
    if (t.kind === 'warning') {
      if (clock.warned) continue;
      clock.warned = true;
      r.emit('sla.warning', { clock: t.clock, dueAt: iso(clockDueAt(clock, s.sla.calendar)!) });
    } else if (t.kind === 'breach') {
      clock.breached = true;
      clock.warned = true;
      const breach = { clock: t.clock, at: iso(t.at) };
      s.breaches.push(breach);
      r.emit('sla.breached', { ...breach, detectedAt: iso(now) });
      r.emit('supervisor.notified', { reason: `${t.clock} deadline missed` });
      raiseLevel(r, `${t.clock} deadline missed`, 'breach');
    } else {
      r.emit('sla.rating_expired', { dueAt: iso(t.at) });
      close(r, 'closed', { rating: null, reason: 'no rating before the deadline' });
    }
  }
  if (!isTerminal(s.status)) fireCustomerWait(r, now);
  return r.outcome();
}
