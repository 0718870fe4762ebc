/** SLA durations and business calendars, as they are checked before any deadline is computed. */
import { describe, it, expect } from 'vitest';
import {
  CALENDAR_24X7,
  computeDue,
  parseSlaDuration,
  validateCalendar,
  type BusinessCalendar,
  type TimeWindow,
  type Weekday,
} from '../../domain/calendar/index.js';
import { H, M, weekOf, OFFICE, SHANGHAI } from '../support/calendar.js';

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
