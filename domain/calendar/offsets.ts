/**
 * Local wall-clock readings to UTC instants, for a calendar's dates. The zone's offset is looked up
 * as rarely as exactness allows (a look-up costs microseconds, a date has several window ends), so a
 * deadline's cost is the windows it crosses, not time-zone arithmetic.
 */
import type { Zone } from 'luxon';
import { DAY_MS, MINUTE_MS, type PreparedCalendar } from './calendar.js';

/**
 * UTC instant of a local wall-clock reading (given as "local ms": the reading encoded as if it were UTC).
 *
 * We do not use luxon's `DateTime.fromObject` here: for an ambiguous reading it picks the occurrence
 * whose offset matches the offset of `Settings.now()`, so the same calendar would give different
 * deadlines in summer and in winter. The policy here is fixed:
 * - ambiguous reading (fall-back): the earlier occurrence, so a window over the repeated hour
 *   contains both occurrences and has its real, longer length;
 * - non-existent reading (spring-forward gap): shifted forward by the gap, like luxon
 *   (02:30 in Europe/Berlin on 2026-03-29 is 03:30 CEST), so a window inside the gap is empty.
 */
export function localToUtc(zone: Zone, local: number): number {
  const before = zone.offset(local - DAY_MS);
  const after = zone.offset(local + DAY_MS);
  let best = Number.NaN;
  for (const o of before === after ? [before] : [before, after]) {
    const utc = local - o * MINUTE_MS;
    if (zone.offset(utc) === o && !(utc >= best)) best = utc;
  }
  if (!Number.isNaN(best)) return best;
  return local - Math.min(before, after) * MINUTE_MS;
}

const WEEK = 7;

/** The zone's offset at 00:00 UTC of a day since 1970, memoised. */
function offsetAtUtcDay(p: PreparedCalendar, day: number): number {
  let o = p.offsets.get(day);
  if (o === undefined) {
    o = p.zone.offset(day * DAY_MS);
    p.offsets.set(day, o);
  }
  return o;
}

/** The one offset at every grid day `first, first + step, … ≤ last`, or undefined if it changes. */
function sameOffset(p: PreparedCalendar, first: number, last: number, step: number): number | undefined {
  const o = offsetAtUtcDay(p, first);
  for (let d = first + step; d <= last; d += step) if (offsetAtUtcDay(p, d) !== o) return undefined;
  return o;
}

/**
 * The zone's one offset around local date `day`, or undefined on an offset change. A date's readings
 * lie within a day either side in UTC; when the offset is the same at the grid points around that
 * span it is the offset throughout (no zone changes its offset and back within a week), so the date
 * costs no zone look-up of its own: one per week, one per day near a change, several per window only
 * on the date of a change. This keeps a deadline's cost at the windows it crosses.
 */
function steadyOffset(p: PreparedCalendar, day: number): number | undefined {
  if (p.zone.isUniversal) return p.zone.offset(0);
  const first = Math.floor((day - 1) / WEEK) * WEEK;
  const last = (Math.floor((day + 2) / WEEK) + 1) * WEEK;
  return sameOffset(p, first, last, WEEK) ?? sameOffset(p, day - 1, day + 2, 1);
}

interface OffsetChange {
  before: number;
  after: number;
  /** The first instant with the offset `after`. */
  at: number;
}

const CHANGES = new WeakMap<PreparedCalendar, Map<number, OffsetChange>>();

/** The one offset change between 00:00 UTC of `d` and of `d + 1`, found to the minute (as zones change). */
function changeOn(p: PreparedCalendar, d: number): OffsetChange {
  let changes = CHANGES.get(p);
  if (!changes) CHANGES.set(p, (changes = new Map()));
  let c = changes.get(d);
  if (!c) {
    const before = offsetAtUtcDay(p, d);
    let lo = d * DAY_MS;
    let hi = lo + DAY_MS;
    while (hi - lo > MINUTE_MS) {
      const mid = lo + Math.floor((hi - lo) / MINUTE_MS / 2) * MINUTE_MS;
      if (p.zone.offset(mid) === before) lo = mid;
      else hi = mid;
    }
    c = { before, after: offsetAtUtcDay(p, d + 1), at: hi };
    changes.set(d, c);
  }
  return c;
}

/** The same policy as {@link localToUtc}, knowing the one change near the reading. */
function acrossChange(c: OffsetChange, local: number): number {
  const early = local - c.before * MINUTE_MS;
  const late = local - c.after * MINUTE_MS;
  const earlyOk = early < c.at;
  const lateOk = late >= c.at;
  if (earlyOk && lateOk) return Math.min(early, late);
  if (earlyOk) return early;
  if (lateOk) return late;
  return local - Math.min(c.before, c.after) * MINUTE_MS;
}

/** Reads local wall-clock times (as "local ms") of local date `day` as UTC instants. */
export function localReader(p: PreparedCalendar, day: number): (local: number) => number {
  const steady = steadyOffset(p, day);
  if (steady !== undefined) return (local) => local - steady * MINUTE_MS;
  const changed = [day - 1, day, day + 1].filter((d) => offsetAtUtcDay(p, d) !== offsetAtUtcDay(p, d + 1));
  if (changed.length === 1) {
    const c = changeOn(p, changed[0]!);
    return (local) => acrossChange(c, local);
  }
  return (local) => localToUtc(p.zone, local);
}
