import { describe, it, expect, afterEach } from 'vitest';
import { DateTime, Settings } from 'luxon';
import {
  CALENDAR_24X7,
  computeDue,
  firstWorkingInstant,
  instantAfterWorkingTime,
  parseSlaDuration,
  slaBudget,
  validateCalendar,
  workingTimeBetween,
  type BusinessCalendar,
  type TimeWindow,
  type Weekday,
} from '../../domain/calendar/index.js';

const H = 3_600_000;
const M = 60_000;

/** Epoch ms of a local wall-clock time; only used for readings that are neither ambiguous nor skipped. */
const at = (zone: string, local: string): number => {
  const dt = DateTime.fromISO(local, { zone });
  if (!dt.isValid) throw new Error(`bad test time ${local}`);
  return dt.toMillis();
};
/** Local reading with offset, so a failing assertion shows the wall clock and the DST side. */
const show = (zone: string, t: number): string =>
  DateTime.fromMillis(t, { zone }).toFormat("yyyy-MM-dd'T'HH:mmZZ");

const weekOf = (weekdays: TimeWindow[], weekend: TimeWindow[] = []): Record<Weekday, TimeWindow[]> => ({
  mon: weekdays,
  tue: weekdays,
  wed: weekdays,
  thu: weekdays,
  fri: weekdays,
  sat: weekend,
  sun: weekend,
});

const BERLIN = 'Europe/Berlin';
const OFFICE: BusinessCalendar = {
  name: 'office',
  timeZone: BERLIN,
  week: weekOf([['09:00', '18:00']]),
  holidays: [],
};
// 2026-06-01 is a Monday; June is well away from DST changes.
const office = (local: string): number => at(BERLIN, local);
const officeDue = (local: string, duration: string, pauses?: { from: number; to: number }[]): string =>
  show(BERLIN, computeDue(OFFICE, office(local), duration, pauses));

describe('parseSlaDuration', () => {
  it.each([
    ['P3D', { days: 3, ms: 0 }],
    ['PT4H', { days: 0, ms: 4 * H }],
    ['PT30M', { days: 0, ms: 30 * M }],
    ['P1DT12H', { days: 1, ms: 12 * H }],
    ['PT1H30M', { days: 0, ms: 90 * M }],
    ['PT0S', { days: 0, ms: 0 }],
    ['P0D', { days: 0, ms: 0 }],
    ['P1W', { days: 7, ms: 0 }],
    ['P2W3D', { days: 17, ms: 0 }],
    ['PT45S', { days: 0, ms: 45_000 }],
    ['PT1.5S', { days: 0, ms: 1_500 }],
    ['PT36H', { days: 0, ms: 36 * H }],
  ])('accepts %s', (iso, expected) => {
    expect(parseSlaDuration(iso)).toEqual(expected);
  });

  it.each(['P1M', 'P1Y', 'P1Y2M3D', 'P2MT1H', 'P0.5Y'])('rejects months and years: %s', (iso) => {
    expect(() => parseSlaDuration(iso)).toThrow(/months and years are not supported/);
  });

  it.each(['', 'P', 'PT', 'P1DT', '3D', 'P-1D', 'P1.5D', 'PT1.5H', 'p3d', 'P3D ', 'P3DX', 'PT1M2H', 'hello'])(
    'rejects garbage: %j',
    (iso) => {
      expect(() => parseSlaDuration(iso)).toThrow(/invalid SLA duration .*expected an ISO-8601 duration/);
    },
  );

  it('rejects signed durations with a specific message', () => {
    expect(() => parseSlaDuration('-P1D')).toThrow(/signed durations are not allowed/);
  });

  it('rejects bad duration objects passed to computeDue', () => {
    expect(() => computeDue(CALENDAR_24X7, 0, { days: -1, ms: 0 })).toThrow(/non-negative integers/);
    expect(() => computeDue(CALENDAR_24X7, 0, { days: 1.5, ms: 0 })).toThrow(/non-negative integers/);
  });
});

describe('validateCalendar', () => {
  it('accepts good calendars', () => {
    expect(validateCalendar(CALENDAR_24X7)).toEqual([]);
    expect(validateCalendar(OFFICE)).toEqual([]);
    expect(validateCalendar(SHANGHAI)).toEqual([]);
    expect(
      validateCalendar({
        ...OFFICE,
        week: weekOf([
          ['09:00', '12:00'],
          ['12:00', '24:00'],
        ]),
      }),
    ).toEqual([]);
  });

  it('reports each kind of problem', () => {
    const bad = {
      name: '',
      timeZone: 'Mars/Olympus_Mons',
      week: {
        ...weekOf([['09:00', '18:00']]),
        mon: [['9:00', '18:00']],
        tue: [['09:00', '25:00']],
        wed: [['18:00', '09:00']],
        thu: [
          ['09:00', '13:00'],
          ['12:00', '18:00'],
        ],
        fri: [
          ['13:00', '18:00'],
          ['09:00', '12:00'],
        ],
        sat: [['24:00', '24:00']],
      },
      holidays: ['2026-02-30', '2026-1-01'],
      specialDays: { '2026-13-01': [['09:00', '12:60']] },
    } as BusinessCalendar;
    const problems = validateCalendar(bad);
    const expectProblem = (re: RegExp) =>
      expect(
        problems.some((p) => re.test(p)),
        `${re}\n${problems.join('\n')}`,
      ).toBe(true);
    expectProblem(/^name:/);
    expectProblem(/^timeZone: "Mars\/Olympus_Mons" is not a known IANA time zone/);
    expectProblem(/^week\.mon\[0\]: start "9:00" is not HH:MM/);
    expectProblem(/^week\.tue\[0\]: end "25:00" is not HH:MM/);
    expectProblem(/^week\.wed\[0\]: window 18:00–09:00 does not start before it ends/);
    expectProblem(/^week\.thu\[1\]: .*must not overlap/);
    expectProblem(/^week\.fri\[1\]: .*must be in order/);
    expectProblem(/^week\.sat\[0\]: a window cannot start at 24:00/);
    expectProblem(/^holidays\[0\]: "2026-02-30" is not a date/);
    expectProblem(/^holidays\[1\]: "2026-1-01" is not a date/);
    expectProblem(/^specialDays\.2026-13-01: not a date/);
    expectProblem(/^specialDays\.2026-13-01\[0\]: end "12:60"/);
  });

  it('reports a missing weekday and a week without working time', () => {
    const { sun: _sun, ...sixDays } = OFFICE.week;
    expect(validateCalendar({ ...OFFICE, week: sixDays as Record<Weekday, TimeWindow[]> })).toEqual([
      'week.sun: must be a list of ["HH:MM","HH:MM"] windows',
    ]);
    expect(validateCalendar({ ...OFFICE, week: weekOf([]) })).toEqual([
      'week: has no working time on any weekday',
    ]);
  });

  it('makes the computations throw on an invalid calendar', () => {
    expect(() => computeDue({ ...OFFICE, timeZone: 'Nowhere' }, 0, 'P1D')).toThrow(
      /invalid business calendar "office": timeZone/,
    );
  });
});

describe('24x7', () => {
  const t = Date.UTC(2026, 2, 27, 13, 17, 5, 123);
  it('P3D is exactly 72 hours', () => {
    expect(computeDue(CALENDAR_24X7, t, 'P3D')).toBe(t + 72 * H);
  });
  it('PT4H, P1W, P1DT12H', () => {
    expect(computeDue(CALENDAR_24X7, t, 'PT4H')).toBe(t + 4 * H);
    expect(computeDue(CALENDAR_24X7, t, 'P1W')).toBe(t + 7 * 24 * H);
    expect(computeDue(CALENDAR_24X7, t, 'P1DT12H')).toBe(t + 36 * H);
  });
  it('is frozen, so one caller cannot change everybody’s deadlines', () => {
    expect(() => {
      (CALENDAR_24X7.week.mon as TimeWindow[]).push(['00:00', '01:00']);
    }).toThrow();
  });
});

describe('office hours, Mon–Fri 09:00–18:00', () => {
  it('Monday 10:00 + P3D is Thursday 10:00', () => {
    expect(officeDue('2026-06-01T10:00', 'P3D')).toBe('2026-06-04T10:00+02:00');
  });

  it('Saturday noon + P3D is Wednesday 18:00: three whole working days', () => {
    // s = Monday 09:00, o = 0, d3 = Thursday; offset 0 into Thursday (09:00) is the same working time as
    // Wednesday 18:00, and the earliest instant with that much working time is Wednesday 18:00.
    expect(officeDue('2026-06-06T12:00', 'P3D')).toBe('2026-06-10T18:00+02:00');
    expect(slaBudget(OFFICE, office('2026-06-06T12:00'), 'P3D')).toEqual({
      start: office('2026-06-08T09:00'),
      budgetMs: 27 * H,
    });
  });

  it('Friday 17:00 + PT2H is Monday 10:00', () => {
    expect(officeDue('2026-06-05T17:00', 'PT2H')).toBe('2026-06-08T10:00+02:00');
  });

  it('a clock that runs out exactly at 18:00 is due at 18:00, not at the next opening', () => {
    expect(officeDue('2026-06-01T17:00', 'PT1H')).toBe('2026-06-01T18:00+02:00');
    expect(officeDue('2026-06-01T09:00', 'PT9H')).toBe('2026-06-01T18:00+02:00');
    // Friday 18:00 is closed (windows are half-open), so the clock starts Monday 09:00.
    expect(officeDue('2026-06-05T18:00', 'P1D')).toBe('2026-06-08T18:00+02:00');
  });

  it('days and time parts add up', () => {
    // o = 1 h; P1D reaches Tuesday 10:00 (9 h of working time), PT2H adds two more.
    expect(officeDue('2026-06-01T10:00', 'P1DT2H')).toBe('2026-06-02T12:00+02:00');
    expect(officeDue('2026-06-01T10:00', 'P1W')).toBe('2026-06-10T10:00+02:00');
  });

  it('a zero budget is due at the first working instant', () => {
    expect(officeDue('2026-06-06T12:00', 'PT0S')).toBe('2026-06-08T09:00+02:00');
    expect(officeDue('2026-06-02T11:11', 'P0D')).toBe('2026-06-02T11:11+02:00');
    expect(instantAfterWorkingTime(OFFICE, 42, 0)).toBe(42);
  });

  it('firstWorkingInstant respects half-open windows', () => {
    const fwi = (local: string) => show(BERLIN, firstWorkingInstant(OFFICE, office(local)));
    expect(fwi('2026-06-01T09:00')).toBe('2026-06-01T09:00+02:00');
    expect(fwi('2026-06-01T08:59')).toBe('2026-06-01T09:00+02:00');
    expect(fwi('2026-06-01T17:59')).toBe('2026-06-01T17:59+02:00');
    expect(fwi('2026-06-01T18:00')).toBe('2026-06-02T09:00+02:00');
    expect(fwi('2026-06-05T18:00')).toBe('2026-06-08T09:00+02:00');
  });

  it('workingTimeBetween counts only working time, half-open', () => {
    expect(workingTimeBetween(OFFICE, office('2026-06-05T17:00'), office('2026-06-08T10:00'))).toBe(2 * H);
    expect(workingTimeBetween(OFFICE, office('2026-06-01T00:00'), office('2026-06-08T00:00'))).toBe(45 * H);
    expect(workingTimeBetween(OFFICE, office('2026-06-08T10:00'), office('2026-06-05T17:00'))).toBe(0);
  });

  it('throws instead of searching forever when there is no working time for five years', () => {
    const mondays: string[] = [];
    for (let d = DateTime.fromISO('2026-06-01'); d.year < 2034; d = d.plus({ weeks: 1 }))
      mondays.push(d.toISODate()!);
    const rare: BusinessCalendar = {
      ...OFFICE,
      week: { ...weekOf([]), mon: [['09:00', '18:00']] },
      holidays: mondays,
    };
    expect(() => computeDue(rare, office('2026-06-01T10:00'), 'PT1H')).toThrow(
      /no working time in the 1830 days/,
    );
    expect(workingTimeBetween(rare, office('2026-06-01T10:00'), office('2033-06-01T10:00'))).toBe(0);
  });
});

describe('pauses', () => {
  const p = (from: string, to: string) => ({ from: office(from), to: office(to) });

  it('a pause inside a window pushes the due by its length', () => {
    expect(officeDue('2026-06-01T10:00', 'PT4H', [p('2026-06-01T11:00', '2026-06-01T12:00')])).toBe(
      '2026-06-01T15:00+02:00',
    );
  });

  it('a pause across the night counts only its working time', () => {
    // Without the pause: Monday 16:00–18:00 and Tuesday 09:00–11:00. The pause holds 1 h on each day.
    expect(officeDue('2026-06-01T16:00', 'PT4H')).toBe('2026-06-02T11:00+02:00');
    expect(officeDue('2026-06-01T16:00', 'PT4H', [p('2026-06-01T17:00', '2026-06-02T10:00')])).toBe(
      '2026-06-02T13:00+02:00',
    );
  });

  it('overlapping and nested pauses count once', () => {
    const pauses = [
      p('2026-06-01T11:00', '2026-06-01T12:30'),
      p('2026-06-01T12:00', '2026-06-01T13:00'),
      p('2026-06-01T11:15', '2026-06-01T11:45'),
    ];
    expect(officeDue('2026-06-01T10:00', 'PT4H', pauses)).toBe('2026-06-01T16:00+02:00');
    expect(workingTimeBetween(OFFICE, office('2026-06-01T10:00'), office('2026-06-01T16:00'), pauses)).toBe(
      4 * H,
    );
  });

  it('a pause spanning the due pushes it by the paused working time', () => {
    // Due 14:00 without the pause; 13:00–15:00 holds 2 h, 1 h of which was before 14:00.
    expect(officeDue('2026-06-01T10:00', 'PT4H', [p('2026-06-01T13:00', '2026-06-01T15:00')])).toBe(
      '2026-06-01T16:00+02:00',
    );
    // A pause ending after the due but still covering working time past the end of the day.
    expect(officeDue('2026-06-01T16:00', 'PT2H', [p('2026-06-01T17:30', '2026-06-04T09:30')])).toBe(
      '2026-06-04T10:00+02:00',
    );
  });

  it('a pause that ends inside a later window is still honoured there', () => {
    // Regression: the pause covers the rest of the morning window, the lunch break and 13:00–13:30.
    const pauses = [{ from: sh('2026-06-01T11:30'), to: sh('2026-06-01T13:30') }];
    const due = computeDue(SHANGHAI, sh('2026-06-01T11:00'), 'PT2H', pauses);
    expect(show(SHANGHAI_ZONE, due)).toBe('2026-06-01T15:00+08:00');
    expect(workingTimeBetween(SHANGHAI, sh('2026-06-01T11:00'), due, pauses)).toBe(2 * H);
  });

  it('a pause starting at the due or lying in closed time does not move it', () => {
    expect(officeDue('2026-06-01T10:00', 'PT4H', [p('2026-06-01T14:00', '2026-06-01T15:00')])).toBe(
      '2026-06-01T14:00+02:00',
    );
    expect(officeDue('2026-06-01T17:00', 'PT1H', [p('2026-06-01T18:00', '2026-06-02T09:00')])).toBe(
      '2026-06-01T18:00+02:00',
    );
  });

  it('a pause that began before the clock only holds its working time after s', () => {
    expect(officeDue('2026-06-06T12:00', 'PT1H', [p('2026-06-05T00:00', '2026-06-08T09:30')])).toBe(
      '2026-06-08T10:30+02:00',
    );
  });

  it('a long pause is skipped, not walked', () => {
    expect(officeDue('2026-06-01T10:00', 'PT1H', [p('2026-06-01T10:30', '2031-06-02T09:30')])).toBe(
      '2031-06-02T10:00+02:00',
    );
  });

  it('ignores empty pauses and rejects non-finite ones', () => {
    expect(officeDue('2026-06-01T10:00', 'PT1H', [p('2026-06-01T10:30', '2026-06-01T10:00')])).toBe(
      '2026-06-01T11:00+02:00',
    );
    expect(() => computeDue(OFFICE, office('2026-06-01T10:00'), 'PT1H', [{ from: 0, to: Infinity }])).toThrow(
      /pauses\[0\]\.to must be a finite/,
    );
  });
});

const SHANGHAI_ZONE = 'Asia/Shanghai';
const workday: TimeWindow[] = [
  ['09:00', '12:00'],
  ['13:00', '18:00'],
];
const SHANGHAI: BusinessCalendar = {
  name: 'cn-service',
  timeZone: SHANGHAI_ZONE,
  week: weekOf(workday),
  holidays: [
    '2026-10-01',
    '2026-10-02',
    '2026-10-03',
    '2026-10-04',
    '2026-10-05',
    '2026-10-06',
    '2026-10-07',
  ],
  specialDays: { '2026-10-10': workday, '2026-12-24': [['09:00', '13:00']] },
};
const sh = (local: string): number => at(SHANGHAI_ZONE, local);
const shDue = (local: string, duration: string): string =>
  show(SHANGHAI_ZONE, computeDue(SHANGHAI, sh(local), duration));

describe('Asia/Shanghai with the 2026 National Day holidays', () => {
  it('a complaint opened 2026-09-30 16:00 + P3D is due 2026-10-10 16:00', () => {
    // s = Wed 09-30 16:00 (working), o = 3 h (09–12) + 3 h (13–16) = 6 h.
    // Working dates after 09-30: 10-01..10-07 are holidays, then Thu 10-08 (d1), Fri 10-09 (d2) and the
    // make-up Saturday 10-10 (d3). Offset 6 h into 10-10 is 09–12 plus 13–16, i.e. 16:00.
    // Budget = 2 h (rest of 09-30) + 8 h + 8 h + 6 h = 24 h; 16:00 is mid-window, so no earlier instant.
    expect(shDue('2026-09-30T16:00', 'P3D')).toBe('2026-10-10T16:00+08:00');
    expect(slaBudget(SHANGHAI, sh('2026-09-30T16:00'), 'P3D').budgetMs).toBe(24 * H);
  });

  it('PT8H from the same moment skips the holidays and the lunch break', () => {
    expect(shDue('2026-09-30T16:00', 'PT8H')).toBe('2026-10-08T16:00+08:00');
  });

  it('the lunch break is not working time, and a clock ending at 12:00 is due at 12:00', () => {
    expect(shDue('2026-06-01T11:00', 'PT2H')).toBe('2026-06-01T14:00+08:00');
    expect(shDue('2026-06-01T11:00', 'PT1H')).toBe('2026-06-01T12:00+08:00');
    expect(shDue('2026-06-01T12:30', 'PT1H')).toBe('2026-06-01T14:00+08:00');
  });

  it('the short day 2026-12-24 (09:00–13:00)', () => {
    // o = 5 h on 12-23 but d1 = 12-24 has only 4 h: the days part ends at 13:00, the end of its last window.
    expect(shDue('2026-12-23T15:00', 'P1D')).toBe('2026-12-24T13:00+08:00');
    // o = 2 h into the short day; d1 = Fri 12-25 (a working day in this calendar), offset 2 h = 11:00.
    expect(shDue('2026-12-24T11:00', 'P1D')).toBe('2026-12-25T11:00+08:00');
    expect(shDue('2026-12-24T10:00', 'PT5H')).toBe('2026-12-25T11:00+08:00');
    expect(shDue('2026-12-24T13:00', 'PT1H')).toBe('2026-12-25T10:00+08:00');
  });

  it('a special day wins over a holiday on the same date', () => {
    const cal = { ...SHANGHAI, holidays: [...SHANGHAI.holidays, '2026-10-10'] };
    expect(show(SHANGHAI_ZONE, computeDue(cal, sh('2026-09-30T16:00'), 'P3D'))).toBe(
      '2026-10-10T16:00+08:00',
    );
  });
});

describe('Europe/Berlin across DST changes', () => {
  const LOCAL_24: BusinessCalendar = {
    name: 'berlin-24',
    timeZone: BERLIN,
    week: weekOf(ALL(), ALL()),
    holidays: [],
  };
  function ALL(): TimeWindow[] {
    return [['00:00', '24:00']];
  }
  const be = (local: string) => at(BERLIN, local);
  const due = (cal: BusinessCalendar, local: string, duration: string) =>
    show(BERLIN, computeDue(cal, be(local), duration));

  it('spring forward: the day has 23 hours of working time, so PT24H from Saturday noon is Sunday 13:00', () => {
    expect(due(LOCAL_24, '2026-03-28T12:00', 'PT24H')).toBe('2026-03-29T13:00+02:00');
    expect(workingTimeBetween(LOCAL_24, be('2026-03-29T00:00'), be('2026-03-30T00:00'))).toBe(23 * H);
  });

  it('spring forward: P1D keeps the working-time offset, not the wall clock', () => {
    // o = 12 h into Saturday; offset 12 h of working time into Sunday is 13:00 CEST (not 12:00).
    expect(due(LOCAL_24, '2026-03-28T12:00', 'P1D')).toBe('2026-03-29T13:00+02:00');
    // With o = 0 P1D is a whole date, whatever its length.
    expect(due(LOCAL_24, '2026-03-28T00:00', 'P1D')).toBe('2026-03-29T00:00+01:00');
    expect(due(LOCAL_24, '2026-03-29T00:00', 'P1D')).toBe('2026-03-30T00:00+02:00');
    expect(slaBudget(LOCAL_24, be('2026-03-29T00:00'), 'P1D').budgetMs).toBe(23 * H);
  });

  it('fall back: the day has 25 hours of working time', () => {
    expect(workingTimeBetween(LOCAL_24, be('2026-10-25T00:00'), be('2026-10-26T00:00'))).toBe(25 * H);
    expect(due(LOCAL_24, '2026-10-24T12:00', 'PT24H')).toBe('2026-10-25T11:00+01:00');
    expect(due(LOCAL_24, '2026-10-24T12:00', 'P1D')).toBe('2026-10-25T11:00+01:00');
    expect(due(LOCAL_24, '2026-10-25T00:00', 'P1D')).toBe('2026-10-26T00:00+01:00');
  });

  const NIGHT: BusinessCalendar = {
    ...LOCAL_24,
    name: 'night',
    week: weekOf([['01:00', '04:00']], [['01:00', '04:00']]),
  };
  const day = (cal: BusinessCalendar, date: string, next: string) =>
    workingTimeBetween(cal, be(`${date}T00:00`), be(`${next}T00:00`));

  it('a window crossing the change has its real length', () => {
    expect(day(NIGHT, '2026-03-28', '2026-03-29')).toBe(3 * H);
    expect(day(NIGHT, '2026-03-29', '2026-03-30')).toBe(2 * H);
    expect(day(NIGHT, '2026-10-25', '2026-10-26')).toBe(4 * H);
    // 01:30 CET + PT1H: 01:30–02:00 CET, then the clock jumps to 03:00 CEST.
    expect(due(NIGHT, '2026-03-29T01:30', 'PT1H')).toBe('2026-03-29T03:30+02:00');
    // Fall back: 01:30 CEST + PT2H runs through both 02:xx hours and ends at 02:30 CET.
    expect(due(NIGHT, '2026-10-25T01:30', 'PT2H')).toBe('2026-10-25T02:30+01:00');
  });

  const GAP: BusinessCalendar = {
    ...LOCAL_24,
    name: 'gap',
    week: weekOf([['02:00', '03:00']], [['02:00', '03:00']]),
  };

  it('a window inside the spring-forward gap is empty; in the repeated hour it covers both occurrences', () => {
    expect(day(GAP, '2026-03-29', '2026-03-30')).toBe(0);
    expect(day(GAP, '2026-10-25', '2026-10-26')).toBe(2 * H);
    expect(show(BERLIN, firstWorkingInstant(GAP, be('2026-03-28T12:00')))).toBe('2026-03-30T02:00+02:00');
    // 2026-03-29 has a window but no working time, so it is not a working date: P1D from Saturday 02:30
    // (o = 30 min) lands 30 min into Monday.
    expect(due(GAP, '2026-03-28T02:30', 'P1D')).toBe('2026-03-30T02:30+02:00');
  });

  it('ambiguous readings resolve the same whatever the current date (luxon guesses from Settings.now)', () => {
    const AMBIGUOUS: BusinessCalendar = {
      ...GAP,
      name: 'ambiguous',
      week: weekOf([['02:15', '02:45']], [['02:15', '02:45']]),
    };
    const results = [Date.UTC(2026, 0, 15), Date.UTC(2026, 6, 15)].map((now) => {
      Settings.now = () => now;
      return [
        day(AMBIGUOUS, '2026-10-25', '2026-10-26'),
        computeDue(AMBIGUOUS, be('2026-10-24T12:00'), 'PT10M'),
        computeDue(GAP, be('2026-10-24T12:00'), 'PT90M'),
      ];
    });
    // The earlier occurrence: 02:15–02:45 CEST.
    expect(results[0]).toEqual([30 * M, Date.UTC(2026, 9, 25, 0, 25), Date.UTC(2026, 9, 25, 1, 30)]);
    expect(results[1]).toEqual(results[0]);
  });
  afterEach(() => {
    Settings.now = () => Date.now();
  });
});
