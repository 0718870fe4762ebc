/**
 * When a clock warns, for cases opened since per-clock rules (docs/api.md, Warnings): the lead the
 * policy sets for that clock (`warnBefore`, one for all or by clock), else a share of its budget
 * (`warnAtFraction`). A warning always falls strictly after the clock's start and strictly before
 * its deadline: a lead that reaches back to the start is moved to the fraction (0.5 when the policy
 * gives none), because a warning at birth tells nobody anything. Pure.
 */
import { BeyondHorizon, slaBudget, type BusinessCalendar } from '../calendar/index.js';
import { CLOCKS, type ClockName } from './contract.js';
import type { SlaSnapshot } from './types.js';

/** The clocks that warn: every clock but `rate`, whose expiry closes the case instead of breaching. */
export const WARNING_CLOCKS: readonly ClockName[] = CLOCKS.filter((c) => c !== 'rate');

/** Where a lead reaches back to the clock's start and the policy names no fraction. */
export const DEFAULT_WARN_FRACTION = 0.5;

/** The lead the policy sets for this clock, if any. */
export function leadFor(sla: Pick<SlaSnapshot, 'warnBefore'>, clock: ClockName): string | undefined {
  const w = sla.warnBefore;
  return typeof w === 'string' ? w : w?.[clock];
}

/**
 * Working time from the clock's start to its warning (strictly between 0 and `budgetMs`), or
 * undefined: no warning. A days part of the lead counts working days on the clock's calendar from
 * the clock's start, exactly as the deadline rule counts a target's days: on a regular week `P1D`
 * before a `P3D` deadline is one working day before it.
 */
export function warningOffset(
  calendar: BusinessCalendar,
  start: number,
  budgetMs: number,
  lead: string | undefined,
  fraction: number | undefined,
): number | undefined {
  if (!(budgetMs > 0)) return undefined;
  if (lead !== undefined) {
    const leadMs = leadWorkingTime(calendar, start, lead);
    // A zero lead would warn at the deadline itself: that is the breach, not a warning.
    if (leadMs === 0) return undefined;
    if (leadMs < budgetMs) return budgetMs - leadMs;
  } else if (fraction === undefined) {
    return undefined;
  }
  const at = Math.round(budgetMs * (fraction ?? DEFAULT_WARN_FRACTION));
  return at > 0 && at < budgetMs ? at : undefined;
}

/** A lead past the horizon reaches back beyond any start: as long as infinite. */
function leadWorkingTime(calendar: BusinessCalendar, start: number, lead: string): number {
  try {
    return slaBudget(calendar, start, lead).budgetMs;
  } catch (err) {
    if (err instanceof BeyondHorizon) return Infinity;
    throw err;
  }
}
