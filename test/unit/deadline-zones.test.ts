/** Deadlines in real time zones: Asia/Shanghai with its 2026 holidays, Europe/Berlin across DST. */
import { describe, it, expect, afterEach } from 'vitest';
import { Settings } from 'luxon';
import {
  computeDue,
  firstWorkingInstant,
  slaBudget,
  workingTimeBetween,
  type BusinessCalendar,
  type TimeWindow,
} from '../../domain/calendar/index.js';
import { H, M, at, show, weekOf, BERLIN, SHANGHAI_ZONE, SHANGHAI, sh, shDue } from '../support/calendar.js';

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
