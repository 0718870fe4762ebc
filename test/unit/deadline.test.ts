/** Deadlines on a 24x7 calendar and in office hours, and how pauses move them (domain/calendar). */
import { describe, it, expect } from 'vitest';
import { DateTime } from 'luxon';
import {
  CALENDAR_24X7,
  computeDue,
  firstWorkingInstant,
  instantAfterWorkingTime,
  slaBudget,
  workingTimeBetween,
  type BusinessCalendar,
  type TimeWindow,
} from '../../domain/calendar/index.js';
import {
  H,
  show,
  weekOf,
  BERLIN,
  OFFICE,
  office,
  officeDue,
  SHANGHAI_ZONE,
  SHANGHAI,
  sh,
} from '../support/calendar.js';

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
