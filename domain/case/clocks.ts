/**
 * SLA clocks as budgets of working time. A clock keeps its start, budget, extensions and pauses;
 * its due moment is always recomputed from those, so a pause, a priority change or an extension
 * can never skip a threshold or count paused time in wall-clock minutes.
 */
import {
  BeyondHorizon,
  instantAfterWorkingTime,
  parseSlaDuration,
  slaBudget,
  workingTimeBetween,
  type BusinessCalendar,
} from '../calendar/index.js';
import { CLOCKS, type ClockName, type Priority } from './contract.js';
import type { Clock, ClockCalendars, ClockTargets, SlaPolicy, SlaSnapshot } from './types.js';
import { leadFor, warningOffset } from './warnings.js';

const TARGET_KEY: Record<ClockName, keyof ClockTargets> = {
  respond: 'respondWithin',
  resolve: 'resolveWithin',
  callback: 'callbackWithin',
  rate: 'rateWithin',
  findings: 'findingsWithin',
};

/**
 * A department's preliminary findings, when neither the policy nor the transfer sets a target:
 * three working days on the policy's calendar (seed 004 leaves "[X] working days" to configure).
 */
export const DEFAULT_FINDINGS_WITHIN = 'P3D';

export function idleClock(): Clock {
  return { state: 'idle', extraMs: 0, pauses: [], warned: false, breached: false };
}

/** The policy's target for a clock; undefined only for one a policy may leave out (findings). */
export function policyTarget(sla: SlaSnapshot, clock: ClockName, priority: Priority): string | undefined {
  const key = TARGET_KEY[clock];
  return sla.byPriority?.[priority]?.[key] ?? sla[key];
}

/**
 * The calendar a clock counts on when a `…On` field of the policy (the priority's first) names one
 * other than the policy's; undefined: the policy's. Only cases opened since per-clock rules ask.
 */
export function ownCalendar(
  sla: SlaSnapshot,
  clock: ClockName,
  priority: Priority,
): BusinessCalendar | undefined {
  if (!sla.perClock) return undefined;
  const key = `${clock}On` as const;
  const name = sla.byPriority?.[priority]?.[key] ?? sla[key];
  return name === undefined || name === sla.calendar.name ? undefined : sla.calendars?.[name];
}

/** Every calendar name the policy's `…On` fields use (the API snapshots these with the case). */
export function calendarsNamed(policy: ClockCalendars & Pick<SlaPolicy, 'byPriority'>): string[] {
  const names = new Set<string>();
  for (const targets of [policy, ...Object.values(policy.byPriority ?? {})]) {
    for (const clock of CLOCKS) {
      const name = targets?.[`${clock}On`];
      if (name !== undefined) names.add(name);
    }
  }
  return [...names];
}

/** The calendar a running clock counts on: its own, else the policy's. */
export const clockCalendar = (clock: Clock, policyCalendar: BusinessCalendar): BusinessCalendar =>
  clock.calendar ?? policyCalendar;

export function targetFor(sla: SlaSnapshot, clock: ClockName, priority: Priority): string {
  return policyTarget(sla, clock, priority) ?? DEFAULT_FINDINGS_WITHIN;
}

/** `target`: a transfer's own findings target when the policy has none. */
export function startClock(
  sla: SlaSnapshot,
  name: ClockName,
  priority: Priority,
  now: number,
  target = targetFor(sla, name, priority),
): Clock {
  const own = ownCalendar(sla, name, priority);
  const { start, budgetMs } = slaBudget(own ?? sla.calendar, now, target);
  return {
    ...idleClock(),
    state: 'running',
    startedAt: now,
    start,
    budgetMs,
    ...(own ? { calendar: own } : {}),
  };
}

export function stopClock(clock: Clock): Clock {
  return clock.state === 'running' || clock.state === 'paused' ? { ...clock, state: 'stopped' } : clock;
}

export function pauseClock(clock: Clock, now: number): Clock {
  return clock.state === 'running' ? { ...clock, state: 'paused', pausedAt: now } : clock;
}

export function resumeClock(clock: Clock, now: number): Clock {
  if (clock.state !== 'paused' || clock.pausedAt === undefined) return clock;
  const { pausedAt: from, ...rest } = clock;
  return { ...rest, state: 'running', pauses: [...clock.pauses, { from, to: now }] };
}

/** A new target for the same clock: elapsed and paused time are kept, only the budget changes. */
export function retargetClock(clock: Clock, sla: SlaSnapshot, name: ClockName, priority: Priority): Clock {
  if (clock.startedAt === undefined || clock.state === 'idle' || clock.state === 'stopped') return clock;
  // A findings target the transfer gave (the policy has none) is not the priority's to change.
  const target = policyTarget(sla, name, priority);
  if (target === undefined) return clock;
  if (!sla.perClock) {
    const { budgetMs } = slaBudget(sla.calendar, clock.startedAt, target);
    return { ...clock, budgetMs };
  }
  // The new priority may count this clock on another calendar (urgent: round the clock): the time
  // since the clock started is then counted on that calendar.
  const own = ownCalendar(sla, name, priority);
  const { start, budgetMs } = slaBudget(own ?? sla.calendar, clock.startedAt, target);
  const { calendar: _previous, ...rest } = clock;
  return { ...rest, start, budgetMs, ...(own ? { calendar: own } : {}) };
}

/**
 * A threshold more than the horizon ahead (bounds.ts) is none: the case waits for its next change
 * instead of failing every workflow task on it. The API and the commands keep new deadlines within
 * the horizon; this only guards a case that got there anyway (a sparse calendar, long pauses).
 */
function withinHorizon(at: () => number): number | undefined {
  try {
    return at();
  } catch (err) {
    if (err instanceof BeyondHorizon) return undefined;
    throw err;
  }
}

/** `calendar`: the policy's; a clock with a calendar of its own counts on that one. */
export function clockDueAt(clock: Clock, calendar: BusinessCalendar): number | undefined {
  if (clock.state !== 'running' || clock.start === undefined || clock.budgetMs === undefined)
    return undefined;
  const { start, budgetMs, extraMs, pauses } = clock;
  const cal = clockCalendar(clock, calendar);
  return withinHorizon(() => instantAfterWorkingTime(cal, start, budgetMs + extraMs, pauses));
}

export function clockWarnAt(clock: Clock, sla: SlaSnapshot, name: ClockName): number | undefined {
  if (clock.state !== 'running' || clock.warned || clock.breached) return undefined;
  if (clock.start === undefined || clock.budgetMs === undefined) return undefined;
  if (sla.perClock) {
    const { start, pauses } = clock;
    const cal = clockCalendar(clock, sla.calendar);
    const at = warningOffset(
      cal,
      start,
      clock.budgetMs + clock.extraMs,
      leadFor(sla, name),
      sla.warnAtFraction,
    );
    return at === undefined
      ? undefined
      : withinHorizon(() => instantAfterWorkingTime(cal, start, at, pauses));
  }
  // Cases opened before per-clock rules: one lead for every clock, its days as 24 h of working time.
  if (typeof sla.warnBefore !== 'string' || !sla.warnBefore) return undefined;
  const before = parseSlaDuration(sla.warnBefore);
  const warnMs = before.days * 86_400_000 + before.ms;
  const budget = Math.max(0, clock.budgetMs + clock.extraMs - warnMs);
  const { start, pauses } = clock;
  return withinHorizon(() => instantAfterWorkingTime(sla.calendar, start, budget, pauses));
}

/**
 * Moves a running clock's deadline to `until`, or later by `by` counted on the calendar from the
 * current deadline. Stored as extra working time so later pauses still push the new deadline.
 */
export function extendClock(clock: Clock, calendar: BusinessCalendar, newDue: number): Clock {
  const due = clockDueAt(clock, calendar);
  if (due === undefined) return clock;
  const cal = clockCalendar(clock, calendar);
  return { ...clock, extraMs: clock.extraMs + workingTimeBetween(cal, due, newDue, clock.pauses) };
}
