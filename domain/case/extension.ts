/** Where an extension moves a clock's deadline, kept within the bounds of domain/calendar/bounds.ts. */
import {
  BeyondHorizon,
  computeDue,
  MAX_AHEAD_DAYS,
  parseSlaDuration,
  type BusinessCalendar,
  type SlaDuration,
} from '../calendar/index.js';
import { InvalidCommand } from './commands.js';

const DAY_MS = 86_400_000;

/**
 * `until` as given, or `by` counted on the calendar from the current deadline `due`. Refused
 * (InvalidCommand) when not a time or duration, or more than {@link MAX_AHEAD_DAYS} days after `now`:
 * an unbounded deadline would make every later workflow task of the case walk the calendar for ever.
 */
export function extensionTarget(
  calendar: BusinessCalendar,
  due: number,
  cmd: { until?: string; by?: string },
  now: number,
): number {
  const latest = now + MAX_AHEAD_DAYS * DAY_MS;
  let target: number;
  if (cmd.until !== undefined) {
    target = Date.parse(cmd.until);
    if (!Number.isFinite(target)) throw new InvalidCommand(`'until' is not a time: ${cmd.until}`);
  } else {
    let by: SlaDuration;
    try {
      by = parseSlaDuration(cmd.by ?? 'PT0S');
    } catch (err) {
      throw new InvalidCommand(`'by': ${(err as Error).message}`);
    }
    try {
      target = computeDue(calendar, due, by);
    } catch (err) {
      if (err instanceof BeyondHorizon) throw new InvalidCommand(`'by': ${err.message}`);
      throw err;
    }
  }
  if (target > latest) {
    throw new InvalidCommand(
      `the new deadline must be at most ${MAX_AHEAD_DAYS} days after now (${new Date(latest).toISOString()})`,
    );
  }
  return target;
}
