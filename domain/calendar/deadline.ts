/**
 * The deadline rule of the integrator contract:
 *
 * 1. `s` is the first working instant at or after `from`.
 * 2. Days part `P{n}D`: with `o` the working time on the date of `s` before `s` and `dn` the n-th working
 *    date after it, the days part is the working time from `s` to offset `o` into `dn` (or to the end of
 *    `dn` when `dn` has less than `o` of working time).
 * 3. The time part adds exactly that much working time.
 * 4. Due is the earliest instant at which the working time elapsed since `s`, outside `pauses`, reaches
 *    the budget — so a budget used up exactly at 18:00 is due at 18:00, not at the next opening.
 *
 * Arithmetic is over whole working intervals; only the walk over dates is a loop.
 */
import {
  type BusinessCalendar,
  type Interval,
  type PreparedCalendar,
  assertInstant,
  firstWorking,
  localDay,
  prepareCalendar,
  windowsOn,
  workOn,
  workingIntervals,
  MAX_IDLE_DAYS,
  formatLocalDate,
} from './calendar.js';
import { type SlaDuration, toSlaDuration } from './duration.js';
import { BeyondHorizon, HORIZON_DAYS } from './bounds.js';

/** Union of the pauses as sorted, disjoint, non-touching intervals, dropping those that end by `after`. */
function mergePauses(pauses: readonly Interval[] | undefined, after: number): Interval[] {
  if (!pauses || pauses.length === 0) return [];
  const sorted = pauses
    .map((p, i) => {
      assertInstant(`pauses[${i}].from`, p?.from);
      assertInstant(`pauses[${i}].to`, p?.to);
      return { from: p.from, to: p.to };
    })
    .filter((p) => p.to > p.from && p.to > after)
    .sort((a, b) => a.from - b.from);
  const out: Interval[] = [];
  for (const p of sorted) {
    const last = out[out.length - 1];
    if (last && p.from <= last.to) last.to = Math.max(last.to, p.to);
    else out.push(p);
  }
  return out;
}

/** Walks the merged pauses forward; positions asked for must not decrease. */
class PauseCursor {
  private k = 0;
  constructor(private readonly pauses: readonly Interval[]) {}

  /** The unpaused stretch that starts at `a`, or at the end of the pause covering `a`. */
  free(a: number): { from: number; until: number } {
    const ps = this.pauses;
    while (this.k < ps.length && (ps[this.k] as Interval).to <= a) this.k++;
    const p = ps[this.k];
    // Merged pauses never touch, so the next one starts strictly after this one ends. The cursor stays on
    // the covering pause: the caller may come back with a position still inside it.
    if (p && p.from <= a) return { from: p.to, until: ps[this.k + 1]?.from ?? Infinity };
    return { from: a, until: p ? p.from : Infinity };
  }
}

function daysPart(p: PreparedCalendar, s: number, sDay: number, n: number): number {
  if (n === 0) return 0;
  const windows = windowsOn(p, sDay);
  let total = 0;
  let o = 0;
  for (const w of windows) {
    total += w.to - w.from;
    o += Math.min(Math.max(s - w.from, 0), w.to - w.from);
  }
  // Rest of the start date, then whole dates in between, then min(o, W(dn)) of dn.
  let budget = total - o;
  let idle = 0;
  for (let day = sDay + 1, count = 0; ; day++) {
    if (day - sDay > HORIZON_DAYS) throw new BeyondHorizon(p.name);
    const w = workOn(p, day);
    if (w === 0) {
      if (++idle > MAX_IDLE_DAYS) {
        throw new Error(
          `business calendar ${JSON.stringify(p.name)} has no working time in the ${MAX_IDLE_DAYS} days before ${formatLocalDate(day)}`,
        );
      }
      continue;
    }
    idle = 0;
    if (++count === n) return budget + Math.min(o, w);
    budget += w;
  }
}

function budgetOf(p: PreparedCalendar, from: number, d: SlaDuration): { start: number; budgetMs: number } {
  const first = firstWorking(p, from);
  return { start: first.instant, budgetMs: daysPart(p, first.instant, first.day, d.days) + d.ms };
}

function instantAfter(
  p: PreparedCalendar,
  start: number,
  budgetMs: number,
  pauses?: readonly Interval[],
): number {
  if (budgetMs === 0) return start;
  const cursor = new PauseCursor(mergePauses(pauses, start));
  let remaining = budgetMs;
  let walk = workingIntervals(p, start);
  // Dates walked, pauses skipped: what bounds the cost (bounds.ts).
  let walked = 0;
  let from: number | undefined;
  for (;;) {
    const next = walk.next();
    if (next.done) throw new Error('unreachable: unbounded working-interval walk ended');
    const w = next.value;
    from ??= w.day;
    if (walked + w.day - from > HORIZON_DAYS) throw new BeyondHorizon(p.name);
    let a = w.from;
    while (a < w.to) {
      const free = cursor.free(a);
      if (free.from >= w.to) {
        // A pause ran past this window: restart the walk at its end instead of visiting every date in it.
        if (free.from > w.to) {
          walk = workingIntervals(p, free.from);
          walked += w.day - from;
          from = undefined;
        }
        break;
      }
      const end = Math.min(w.to, free.until);
      // `<=`: the budget may run out exactly at a window's end, which is then the due moment.
      if (remaining <= end - free.from) return free.from + remaining;
      remaining -= end - free.from;
      a = end;
    }
  }
}

/** The first working instant `start` and the working-time budget of a clock started at `from`. */
export function slaBudget(
  cal: BusinessCalendar,
  from: number,
  duration: SlaDuration | string,
): { start: number; budgetMs: number } {
  assertInstant('from', from);
  const d = toSlaDuration(duration);
  return budgetOf(prepareCalendar(cal), from, d);
}

/** Earliest instant at which `budgetMs` of working time outside `pauses` has elapsed since `start`. */
export function instantAfterWorkingTime(
  cal: BusinessCalendar,
  start: number,
  budgetMs: number,
  pauses?: Interval[],
): number {
  assertInstant('start', start);
  if (typeof budgetMs !== 'number' || !Number.isFinite(budgetMs) || budgetMs < 0) {
    throw new Error(`budgetMs must be a non-negative finite number, got ${String(budgetMs)}`);
  }
  const p = prepareCalendar(cal);
  // A case asks for the same clock's due moment many times per change (view, search attributes,
  // timer, projection) and again on every replay: answer repeats from the calendar's memo.
  const key = pauses?.length
    ? `${start}+${budgetMs}-${pauses.map((x) => `${x.from}:${x.to}`).join(',')}`
    : `${start}+${budgetMs}`;
  let due = p.answers.get(key);
  if (due === undefined) {
    due = instantAfter(p, start, budgetMs, pauses);
    p.answers.set(key, due);
  }
  return due;
}

/** The due moment of a clock started at `from` with `duration`, pushed out by working time inside `pauses`. */
export function computeDue(
  cal: BusinessCalendar,
  from: number,
  duration: SlaDuration | string,
  pauses?: Interval[],
): number {
  assertInstant('from', from);
  const d = toSlaDuration(duration);
  const p = prepareCalendar(cal);
  const { start, budgetMs } = budgetOf(p, from, d);
  return instantAfter(p, start, budgetMs, pauses);
}

/** Working milliseconds in `[a, b)` that are not inside any pause; 0 when `b <= a`. */
export function workingTimeBetween(cal: BusinessCalendar, a: number, b: number, pauses?: Interval[]): number {
  assertInstant('a', a);
  assertInstant('b', b);
  if (b <= a) return 0;
  const p = prepareCalendar(cal);
  const cursor = new PauseCursor(mergePauses(pauses, a));
  let total = 0;
  // One spare date: near a DST change at midnight an instant can read as the date before its windows'.
  for (const w of workingIntervals(p, a, localDay(p, b) + 1)) {
    if (w.from >= b) break;
    const to = Math.min(w.to, b);
    let x = w.from;
    while (x < to) {
      const free = cursor.free(x);
      if (free.from >= to) break;
      const end = Math.min(to, free.until);
      total += end - free.from;
      x = end;
    }
  }
  return total;
}
