import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import {
  CALENDAR_24X7,
  computeDue,
  firstWorkingInstant,
  instantAfterWorkingTime,
  slaBudget,
  validateCalendar,
  workingTimeBetween,
  type BusinessCalendar,
  type Interval,
  type SlaDuration,
  type TimeWindow,
  type Weekday,
} from '../../domain/calendar/index.js';

const M = 60_000;
const H = 3_600_000;
const DAY = 86_400_000;
const NUM_RUNS = 200;
const WEEKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const START_2026 = Date.UTC(2026, 0, 1);
const END_2026 = Date.UTC(2027, 0, 1);
const FIRST_DAY = START_2026 / DAY;

const pad = (n: number): string => String(n).padStart(2, '0');
const clock = (m: number): string => (m === 1440 ? '24:00' : `${pad(Math.floor(m / 60))}:${pad(m % 60)}`);
const dateOf = (day: number): string => new Date(day * DAY).toISOString().slice(0, 10);

// Boundaries favour the DST-sensitive early hours and the ends of the day.
const boundaryArb = fc.oneof(
  fc.integer({ min: 0, max: 1440 }),
  fc.constantFrom(0, 60, 90, 120, 135, 150, 180, 540, 720, 1080, 1440),
);
const windowsArb = (granularity = 1): fc.Arbitrary<TimeWindow[]> =>
  fc
    .uniqueArray(granularity === 1 ? boundaryArb : boundaryArb.map((b) => b - (b % granularity)), {
      maxLength: 6,
    })
    .map((points) => {
      const sorted = [...points].sort((a, b) => a - b);
      const out: TimeWindow[] = [];
      for (let i = 0; i + 1 < sorted.length; i += 2) out.push([clock(sorted[i]!), clock(sorted[i + 1]!)]);
      return out;
    });

const weeklyMinutes = (week: Record<Weekday, TimeWindow[]>): number =>
  WEEKDAYS.flatMap((d) => week[d]).reduce((sum, [a, b]) => sum + toMin(b) - toMin(a), 0);
const toMin = (c: string): number => Number(c.slice(0, 2)) * 60 + Number(c.slice(3));

const calendarArb = (zones: readonly string[]): fc.Arbitrary<BusinessCalendar> =>
  fc
    .record({
      timeZone: fc.constantFrom(...zones),
      week: fc.tuple(...WEEKDAYS.map(() => windowsArb())),
      holidays: fc.uniqueArray(fc.integer({ min: FIRST_DAY - 3, max: FIRST_DAY + 420 }), { maxLength: 60 }),
      special: fc.array(fc.tuple(fc.integer({ min: FIRST_DAY - 3, max: FIRST_DAY + 420 }), windowsArb()), {
        maxLength: 12,
      }),
    })
    .map(({ timeZone, week, holidays, special }) => {
      const w = Object.fromEntries(WEEKDAYS.map((d, i) => [d, week[i]!])) as Record<Weekday, TimeWindow[]>;
      // Keep the walks short: a calendar with a few minutes a week would need years for a 40-hour budget.
      if (weeklyMinutes(w) < 240) w.mon = [['09:00', '17:00']];
      return {
        name: 'random',
        timeZone,
        week: w,
        holidays: holidays.map(dateOf),
        specialDays: Object.fromEntries(special.map(([d, ws]) => [dateOf(d), ws])),
      };
    });

const ZONES = ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Shanghai', 'Australia/Lord_Howe'];
const anyCalendar = calendarArb(ZONES);
const fromArb = fc.integer({ min: START_2026, max: END_2026 - 1 });
const durationArb: fc.Arbitrary<SlaDuration> = fc.record({
  days: fc.integer({ min: 0, max: 10 }),
  ms: fc.oneof(
    fc.constant(0),
    fc.integer({ min: 0, max: 40 }).map((h) => h * H),
    fc.integer({ min: 0, max: 40 * H }),
  ),
});
const pausesArb = fc.array(
  fc.record({
    start: fc.integer({ min: -2 * DAY, max: 30 * DAY }),
    len: fc.integer({ min: 0, max: 3 * DAY }),
  }),
  { maxLength: 4 },
);
const toPauses = (from: number, ps: { start: number; len: number }[]): Interval[] =>
  ps.map(({ start, len }) => ({ from: from + start, to: from + start + len }));

const clockArb = fc.record({ cal: anyCalendar, from: fromArb, duration: durationArb, rawPauses: pausesArb });

const run = (prop: fc.IProperty<any> | fc.IAsyncProperty<any>, numRuns = NUM_RUNS) =>
  fc.assert(prop as fc.IProperty<unknown>, { numRuns });

describe('deadline properties', () => {
  it('generated calendars are valid', () => {
    run(
      fc.property(anyCalendar, (cal) => {
        expect(validateCalendar(cal)).toEqual([]);
      }),
    );
  });

  it('(a) the working time from s to due is exactly the budget', () => {
    run(
      fc.property(clockArb, ({ cal, from, duration, rawPauses }) => {
        const pauses = toPauses(from, rawPauses);
        const { start, budgetMs } = slaBudget(cal, from, duration);
        const due = computeDue(cal, from, duration, pauses);
        expect(start).toBe(firstWorkingInstant(cal, from));
        expect(start).toBeGreaterThanOrEqual(from);
        expect(due).toBeGreaterThanOrEqual(start);
        expect(due).toBe(instantAfterWorkingTime(cal, start, budgetMs, pauses));
        expect(workingTimeBetween(cal, start, due, pauses)).toBe(budgetMs);
      }),
    );
  });

  it('(b) due is the earliest such instant: its last millisecond is unpaused working time', () => {
    run(
      fc.property(clockArb, ({ cal, from, duration, rawPauses }) => {
        const pauses = toPauses(from, rawPauses);
        const { start, budgetMs } = slaBudget(cal, from, duration);
        const due = computeDue(cal, from, duration, pauses);
        if (budgetMs === 0) {
          // Zero budget: due at s, even if s is inside a pause.
          expect(due).toBe(start);
          return;
        }
        expect(due).toBeGreaterThan(start);
        expect(workingTimeBetween(cal, start, due - 1, pauses)).toBe(budgetMs - 1);
      }),
    );
  });

  it('(c) a longer duration never gives an earlier due', () => {
    const extraArb = fc.record({
      days: fc.integer({ min: 0, max: 3 }),
      ms: fc.integer({ min: 0, max: 10 * H }),
    });
    run(
      fc.property(clockArb, extraArb, ({ cal, from, duration, rawPauses }, extra) => {
        const pauses = toPauses(from, rawPauses);
        const longer = { days: duration.days + extra.days, ms: duration.ms + extra.ms };
        expect(computeDue(cal, from, longer, pauses)).toBeGreaterThanOrEqual(
          computeDue(cal, from, duration, pauses),
        );
      }),
    );
  });

  it('(c) adding a pause never gives an earlier due', () => {
    run(
      fc.property(clockArb, pausesArb, ({ cal, from, duration, rawPauses }, more) => {
        const pauses = toPauses(from, rawPauses);
        const due = computeDue(cal, from, duration, pauses);
        expect(computeDue(cal, from, duration, [...pauses, ...toPauses(from, more)])).toBeGreaterThanOrEqual(
          due,
        );
      }),
    );
  });

  it('(c) without pauses, a later start never gives an earlier due', () => {
    // Not true with pauses: when dn is shorter than o, moving `from` forward inside a pause shrinks the
    // days part while the pause hides the difference, so the due can come earlier.
    run(
      fc.property(
        anyCalendar,
        fromArb,
        fc.integer({ min: 0, max: 4 * DAY }),
        durationArb,
        (cal, from, delta, duration) => {
          expect(computeDue(cal, from + delta, duration)).toBeGreaterThanOrEqual(
            computeDue(cal, from, duration),
          );
        },
      ),
    );
  });

  it('(d) with a positive budget the due is never strictly inside a pause', () => {
    // It can coincide with a pause's start (the clock ran out just as the pause began) and, with a zero
    // budget, lie anywhere inside one, so only the interior is excluded and only for budget > 0.
    run(
      fc.property(clockArb, ({ cal, from, duration, rawPauses }) => {
        const pauses = toPauses(from, rawPauses);
        const { budgetMs } = slaBudget(cal, from, duration);
        fc.pre(budgetMs > 0);
        const due = computeDue(cal, from, duration, pauses);
        for (const p of pauses) expect(p.from < due && due < p.to, JSON.stringify({ p, due })).toBe(false);
        // And the moment just before it is working time: a clock never falls due in closed hours.
        expect(workingTimeBetween(cal, due - 1, due)).toBe(1);
      }),
    );
  });

  it('(e) in 24x7 PT{n}H is n hours and P{n}D is n × 24 hours', () => {
    run(
      fc.property(
        fc.integer({ min: 0, max: 4_102_444_800_000 }),
        fc.integer({ min: 0, max: 1000 }),
        fc.integer({ min: 0, max: 60 }),
        (from, n, m) => {
          expect(computeDue(CALENDAR_24X7, from, `PT${n}H`)).toBe(from + n * H);
          expect(computeDue(CALENDAR_24X7, from, `P${m}D`)).toBe(from + m * DAY);
          expect(computeDue(CALENDAR_24X7, from, `P${m}DT${n}H`)).toBe(from + m * DAY + n * H);
        },
      ),
    );
  });

  it('(f) from a local midnight (o = 0) the days part is the working time of n whole working dates', () => {
    run(
      fc.property(
        anyCalendar,
        fc.integer({ min: FIRST_DAY, max: FIRST_DAY + 364 }),
        fc.integer({ min: 1, max: 8 }),
        (cal, day, n) => {
          // None of these zones changes offset at midnight in 2026/27, so luxon's midnight is unambiguous.
          const midnight = (d: number): number =>
            DateTime.fromISO(dateOf(d), { zone: cal.timeZone }).toMillis();
          const workOn = (d: number): number => workingTimeBetween(cal, midnight(d), midnight(d + 1));
          const { start, budgetMs } = slaBudget(cal, midnight(day), { days: n, ms: 0 });
          let d = day;
          let sum = 0;
          for (let count = 0; count < n; d++) {
            const w = workOn(d);
            if (w > 0) {
              sum += w;
              count++;
            }
          }
          expect(budgetMs).toBe(sum);
          while (workOn(d) === 0) d++;
          // d is now dn, the n-th working date after the date of s; the days part reaches its first window.
          expect(workingTimeBetween(cal, start, firstWorkingInstant(cal, midnight(d)))).toBe(sum);
        },
      ),
    );
  });

  it('firstWorkingInstant is the first working millisecond at or after t', () => {
    run(
      fc.property(anyCalendar, fromArb, (cal, t) => {
        const s = firstWorkingInstant(cal, t);
        expect(s).toBeGreaterThanOrEqual(t);
        expect(workingTimeBetween(cal, t, s)).toBe(0);
        expect(workingTimeBetween(cal, s, s + 1)).toBe(1);
      }),
    );
  });

  it('workingTimeBetween is additive and bounded by elapsed time', () => {
    run(
      fc.property(
        anyCalendar,
        fromArb,
        fc.integer({ min: 0, max: 5 * DAY }),
        fc.integer({ min: 0, max: 5 * DAY }),
        pausesArb,
        (cal, a, x, y, raw) => {
          const pauses = toPauses(a, raw);
          const ab = workingTimeBetween(cal, a, a + x, pauses);
          const bc = workingTimeBetween(cal, a + x, a + x + y, pauses);
          expect(ab + bc).toBe(workingTimeBetween(cal, a, a + x + y, pauses));
          expect(ab).toBeLessThanOrEqual(workingTimeBetween(cal, a, a + x));
          expect(workingTimeBetween(cal, a, a + x)).toBeLessThanOrEqual(x);
        },
      ),
    );
  });
});

/**
 * An independent, minute-by-minute implementation of the rule for zones without DST, where local time
 * is UTC plus a constant. It shares nothing with the interval arithmetic under test.
 */
describe('deadline agrees with a minute-by-minute oracle (fixed-offset zones)', () => {
  const FIXED: Record<string, number> = {
    UTC: 0,
    'Asia/Shanghai': 480,
    'Asia/Kolkata': 330,
    'Asia/Kathmandu': 345,
    'America/Phoenix': -420,
  };
  const fixedCalendar = calendarArb(Object.keys(FIXED));

  function oracle(cal: BusinessCalendar) {
    const offset = FIXED[cal.timeZone]!;
    const holidays = new Set(cal.holidays);
    const cache = new Map<number, [number, number][]>();
    const windowsOf = (day: number): [number, number][] => {
      let ws = cache.get(day);
      if (!ws) {
        const date = dateOf(day);
        const raw = cal.specialDays?.[date] ?? (holidays.has(date) ? [] : cal.week[WEEKDAYS[(day + 3) % 7]!]);
        ws = raw.map(([a, b]) => [toMin(a), toMin(b)]);
        cache.set(day, ws);
      }
      return ws;
    };
    /** Is UTC minute t working time? */
    const working = (t: number): boolean => {
      const local = t + offset;
      const day = Math.floor(local / 1440);
      const m = local - day * 1440;
      return windowsOf(day).some(([a, b]) => a <= m && m < b);
    };
    const dayOf = (t: number): number => Math.floor((t + offset) / 1440);
    const workOn = (day: number): number => {
      let n = 0;
      for (let m = 0; m < 1440; m++) if (working(day * 1440 - offset + m)) n++;
      return n;
    };
    const due = (fromMin: number, days: number, minutes: number, pauses: [number, number][]): number => {
      let s = fromMin;
      while (!working(s)) s++;
      let budget = minutes;
      if (days > 0) {
        const sDay = dayOf(s);
        let o = 0;
        for (let t = sDay * 1440 - offset; t < s; t++) if (working(t)) o++;
        budget += workOn(sDay) - o;
        for (let day = sDay + 1, count = 0; ; day++) {
          const w = workOn(day);
          if (w === 0) continue;
          if (++count === days) {
            budget += Math.min(o, w);
            break;
          }
          budget += w;
        }
      }
      if (budget === 0) return s;
      for (let t = s, elapsed = 0; ; t++) {
        if (working(t) && !pauses.some(([a, b]) => a <= t && t < b) && ++elapsed === budget) return t + 1;
      }
    };
    const between = (a: number, b: number): number => {
      let n = 0;
      for (let t = a; t < b; t++) if (working(t)) n++;
      return n;
    };
    return { due, between };
  }

  const minuteFromArb = fc.integer({ min: START_2026 / M, max: END_2026 / M - 1 });

  it('computeDue matches the oracle', () => {
    run(
      fc.property(
        fixedCalendar,
        minuteFromArb,
        fc.integer({ min: 0, max: 5 }),
        fc.integer({ min: 0, max: 12 * 60 }),
        fc.array(
          fc.tuple(fc.integer({ min: -1440, max: 10 * 1440 }), fc.integer({ min: 0, max: 2 * 1440 })),
          {
            maxLength: 3,
          },
        ),
        (cal, fromMin, days, minutes, raw) => {
          const pauses = raw.map(([start, len]): [number, number] => [
            fromMin + start,
            fromMin + start + len,
          ]);
          const expected = oracle(cal).due(fromMin, days, minutes, pauses);
          const actual = computeDue(
            cal,
            fromMin * M,
            { days, ms: minutes * M },
            pauses.map(([a, b]) => ({ from: a * M, to: b * M })),
          );
          expect(actual / M).toBe(expected);
        },
      ),
      150,
    );
  });

  it('workingTimeBetween matches the oracle', () => {
    run(
      fc.property(fixedCalendar, minuteFromArb, fc.integer({ min: 0, max: 3 * 1440 }), (cal, a, len) => {
        expect(workingTimeBetween(cal, a * M, (a + len) * M) / M).toBe(oracle(cal).between(a, a + len));
      }),
      150,
    );
  });
});
