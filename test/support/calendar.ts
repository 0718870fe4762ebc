/**
 * Fixtures for the deadline tests (test/unit/deadline*.test.ts): local wall-clock readings, a Berlin
 * office calendar and a Shanghai service calendar with the 2026 holidays.
 */
import { DateTime } from 'luxon';
import {
  computeDue,
  type BusinessCalendar,
  type TimeWindow,
  type Weekday,
} from '../../domain/calendar/index.js';

export const H = 3_600_000;
export const M = 60_000;

/** Epoch ms of a local wall-clock time; only used for readings that are neither ambiguous nor skipped. */
export const at = (zone: string, local: string): number => {
  const dt = DateTime.fromISO(local, { zone });
  if (!dt.isValid) throw new Error(`bad test time ${local}`);
  return dt.toMillis();
};
/** Local reading with offset, so a failing assertion shows the wall clock and the DST side. */
export const show = (zone: string, t: number): string =>
  DateTime.fromMillis(t, { zone }).toFormat("yyyy-MM-dd'T'HH:mmZZ");

export const weekOf = (
  weekdays: TimeWindow[],
  weekend: TimeWindow[] = [],
): Record<Weekday, TimeWindow[]> => ({
  mon: weekdays,
  tue: weekdays,
  wed: weekdays,
  thu: weekdays,
  fri: weekdays,
  sat: weekend,
  sun: weekend,
});

export const BERLIN = 'Europe/Berlin';
export const OFFICE: BusinessCalendar = {
  name: 'office',
  timeZone: BERLIN,
  week: weekOf([['09:00', '18:00']]),
  holidays: [],
};
// 2026-06-01 is a Monday; June is well away from DST changes.
export const office = (local: string): number => at(BERLIN, local);
export const officeDue = (local: string, duration: string, pauses?: { from: number; to: number }[]): string =>
  show(BERLIN, computeDue(OFFICE, office(local), duration, pauses));

export const SHANGHAI_ZONE = 'Asia/Shanghai';
export const workday: TimeWindow[] = [
  ['09:00', '12:00'],
  ['13:00', '18:00'],
];
export const SHANGHAI: BusinessCalendar = {
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
export const sh = (local: string): number => at(SHANGHAI_ZONE, local);
export const shDue = (local: string, duration: string): string =>
  show(SHANGHAI_ZONE, computeDue(SHANGHAI, sh(local), duration));
