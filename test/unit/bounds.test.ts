/** Durations, deadlines and extensions stay within documented bounds, and their cost stays in milliseconds. */
import { describe, expect, it } from 'vitest';
import {
  BeyondHorizon,
  CALENDAR_24X7,
  computeDue,
  HORIZON_DAYS,
  parseSlaDuration,
  type BusinessCalendar,
} from '../../domain/calendar/index.js';
import { InvalidCommand } from '../../domain/case/commands.js';
import { extensionTarget } from '../../domain/case/extension.js';
import { DEFAULT_CALENDARS } from '../../db/defaults.js';

const DAY = 86_400_000;
const FROM = Date.parse('2026-11-30T00:00:00Z');
/** The costliest calendar allowed: 12 windows a day (the most a date may have), each one minute. */
const tiny = (name: string, timeZone: string, days: string[]): BusinessCalendar => {
  const windows = Array.from({ length: 12 }, (_, i) => {
    const h = String(i * 2).padStart(2, '0');
    return [`${h}:00`, `${h}:01`] as [string, string];
  });
  const week = Object.fromEntries(
    ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, days.includes(d) ? windows : []]),
  ) as BusinessCalendar['week'];
  return { name, timeZone, week, holidays: [] };
};
const ALL_WEEK = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

function timed<T>(fn: () => T): { ms: number; result: T | Error } {
  const t = performance.now();
  let result: T | Error;
  try {
    result = fn();
  } catch (err) {
    result = err as Error;
  }
  return { ms: performance.now() - t, result };
}

describe('duration bounds', () => {
  it.each(['P999999999D', 'P367D', 'P53W', 'PT8785H', 'PT99999999H', 'PT999999999S'])('refuses %s', (d) => {
    expect(() => parseSlaDuration(d)).toThrow(/at most/);
  });
  it.each(['P366D', 'P52W', 'PT8784H', 'P366DT8784H'])('accepts %s', (d) => {
    expect(() => parseSlaDuration(d)).not.toThrow();
  });
});

describe('deadline cost is bounded by the horizon', () => {
  it('answers the largest durations allowed in milliseconds, or refuses them as beyond the horizon', () => {
    // Warm up the zone data once: the first Intl use in a process costs tens of milliseconds.
    computeDue(tiny('warm', 'Europe/Berlin', ALL_WEEK), FROM, 'P1D');
    const worst = [
      timed(() => computeDue(CALENDAR_24X7, FROM, 'P366DT8784H')),
      timed(() => computeDue({ ...DEFAULT_CALENDARS[0]!, name: 'cn-fresh' }, FROM, 'P366DT8784H')),
      // Every date of the horizon walked, 12 windows each, across 20 daylight-saving changes.
      timed(() => computeDue(tiny('berlin', 'Europe/Berlin', ALL_WEEK), FROM, 'PT8784H')),
      timed(() => computeDue(tiny('ny-sundays', 'America/New_York', ['sun']), FROM, 'P366D')),
    ];
    expect(worst[0]!.result).toBe(FROM + 732 * DAY);
    expect(worst[2]!.result).toBeInstanceOf(BeyondHorizon);
    expect(typeof worst[3]!.result).toBe('number'); // 366 Sundays: seven years, within the horizon
    console.log('worst-case deadline computations (ms):', worst.map((w) => w.ms.toFixed(1)).join(', '));
    // ~10–60 ms on a quiet machine; the bound leaves room for a loaded CI box, far below 5 s.
    for (const w of worst) expect(w.ms).toBeLessThan(1500);
  });

  it('refuses a deadline more than the horizon ahead, however sparse the calendar', () => {
    const sundays = tiny('sundays', 'UTC', ['sun']);
    expect(() => computeDue(sundays, FROM, 'PT8784H')).toThrow(BeyondHorizon);
    const lastSunday = computeDue(sundays, FROM, 'PT1M');
    expect(lastSunday - FROM).toBeLessThan(HORIZON_DAYS * DAY);
  });
});

describe('extension bounds in the domain (an old client cannot put them into a workflow)', () => {
  const due = FROM + DAY;
  it.each([
    [{ by: 'P999999999D' }, /'by'.*at most P366D/],
    [{ by: 'PT99999999H' }, /'by'.*at most PT8784H/],
    [{ until: '9999-12-31T00:00:00Z' }, /at most 731 days after now/],
    [{ by: 'P366D' }, undefined],
  ])('%j', (cmd, refusal) => {
    const run = () => extensionTarget(CALENDAR_24X7, due, cmd, FROM);
    if (refusal) {
      expect(run).toThrow(InvalidCommand);
      expect(run).toThrow(refusal);
    } else expect(run()).toBe(due + 366 * DAY);
  });
});
