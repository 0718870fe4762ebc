/**
 * The business calendar model: which instants are working time.
 *
 * Pure code: it runs in Temporal's deterministic workflow sandbox as well as in the API, so no I/O,
 * no clock, no Node imports. Instants are epoch milliseconds; windows are local wall-clock times in
 * the calendar's IANA zone and are turned into UTC intervals date by date.
 */
import { FixedOffsetZone, IANAZone, type Zone } from 'luxon';
import { localReader } from './offsets.js';

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';
/** Local wall-clock window, half-open `[start, end)`; `"24:00"` may end a window. */
export type TimeWindow = [string, string];

export interface BusinessCalendar {
  name: string;
  /** IANA zone the windows, holidays and special days are read in. */
  timeZone: string;
  week: Record<Weekday, TimeWindow[]>;
  /** Local dates `YYYY-MM-DD` with no working time. */
  holidays: string[];
  /** Replaces that local date's weekly windows (make-up working days, short days); wins over `holidays`. */
  specialDays?: Record<string, TimeWindow[]>;
}

/** Epoch milliseconds, half-open `[from, to)`. */
export interface Interval {
  from: number;
  to: number;
}

const ALL_DAY: TimeWindow[] = [['00:00', '24:00']];

export const CALENDAR_24X7: BusinessCalendar = Object.freeze({
  name: '24x7',
  timeZone: 'UTC',
  week: Object.freeze({
    mon: ALL_DAY,
    tue: ALL_DAY,
    wed: ALL_DAY,
    thu: ALL_DAY,
    fri: ALL_DAY,
    sat: ALL_DAY,
    sun: ALL_DAY,
  }),
  holidays: [],
}) as BusinessCalendar;
Object.freeze(ALL_DAY[0]);
Object.freeze(ALL_DAY);
Object.freeze(CALENDAR_24X7.holidays);

/** Index 0 is Monday, matching {@link weekdayIndex}. */
export const WEEKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

export const DAY_MS = 86_400_000;
export const MINUTE_MS = 60_000;
/** A calendar with no working time for this many consecutive dates is treated as broken, not searched forever. */
export const MAX_IDLE_DAYS = 366 * 5;

const CLOCK = /^(?:([01]\d|2[0-3]):([0-5]\d)|(24):(00))$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Minutes after local midnight, 0..1440, or undefined when not `HH:MM`. */
function parseClock(s: unknown): number | undefined {
  if (typeof s !== 'string') return undefined;
  const m = CLOCK.exec(s);
  if (!m) return undefined;
  return m[3] !== undefined ? 1440 : Number(m[1]) * 60 + Number(m[2]);
}

/** Days since 1970-01-01 of a real calendar date `YYYY-MM-DD`, or undefined. */
export function parseLocalDate(s: unknown): number | undefined {
  if (typeof s !== 'string') return undefined;
  const m = DATE.exec(s);
  if (!m) return undefined;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const ms = Date.UTC(y, mo - 1, d);
  // Date.UTC silently rolls 2026-02-30 over to March; a round trip catches that. It also maps years
  // 0..99 to 1900+, which the round trip rejects too.
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d)
    return undefined;
  return ms / DAY_MS;
}

export function formatLocalDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Monday … 6 = Sunday; day 0 (1970-01-01) was a Thursday. */
function weekdayIndex(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

function checkWindows(label: string, windows: unknown, problems: string[]): void {
  if (!Array.isArray(windows)) {
    problems.push(`${label}: must be a list of ["HH:MM","HH:MM"] windows`);
    return;
  }
  let prevEnd: number | undefined;
  let prevText = '';
  windows.forEach((w: unknown, i) => {
    const at = `${label}[${i}]`;
    if (!Array.isArray(w) || w.length !== 2) {
      problems.push(`${at}: a window must be a pair ["HH:MM","HH:MM"]`);
      prevEnd = undefined;
      return;
    }
    const [a, b] = w as unknown[];
    const start = parseClock(a);
    const end = parseClock(b);
    if (start === undefined) problems.push(`${at}: start ${JSON.stringify(a)} is not HH:MM (00:00–23:59)`);
    if (end === undefined) problems.push(`${at}: end ${JSON.stringify(b)} is not HH:MM (00:00–24:00)`);
    if (start === undefined || end === undefined) {
      prevEnd = undefined;
      return;
    }
    const text = `${String(a)}–${String(b)}`;
    if (start >= end) problems.push(`${at}: window ${text} does not start before it ends`);
    if (prevEnd !== undefined && start < prevEnd) {
      problems.push(
        `${at}: window ${text} starts before the previous window ${prevText} ends; windows must be in order and must not overlap`,
      );
    }
    if (start === 1440) problems.push(`${at}: a window cannot start at 24:00`);
    prevEnd = Math.max(prevEnd ?? 0, end);
    prevText = text;
  });
}

/** Problems that make the calendar unusable, in words an operator can act on; `[]` when fine. */
export function validateCalendar(cal: BusinessCalendar): string[] {
  const problems: string[] = [];
  const c = cal as unknown as Record<string, unknown> | null | undefined;
  if (typeof c !== 'object' || c === null) return ['calendar must be an object'];
  if (typeof c.name !== 'string' || c.name.trim() === '') problems.push('name: must be a non-empty string');
  if (typeof c.timeZone !== 'string' || !IANAZone.isValidZone(c.timeZone)) {
    problems.push(`timeZone: ${JSON.stringify(c.timeZone)} is not a known IANA time zone`);
  }
  const week = c.week as Record<string, unknown> | null | undefined;
  if (typeof week !== 'object' || week === null) {
    problems.push('week: must map mon..sun to lists of windows');
  } else {
    for (const key of Object.keys(week)) {
      if (!(WEEKDAYS as readonly string[]).includes(key)) {
        problems.push(`week.${key}: unknown weekday (use ${WEEKDAYS.join(', ')})`);
      }
    }
    let weeklyWindows = 0;
    for (const d of WEEKDAYS) {
      checkWindows(`week.${d}`, week[d], problems);
      if (Array.isArray(week[d])) weeklyWindows += week[d].length;
    }
    // Without weekly working time every deadline past the special days would fail to compute.
    if (weeklyWindows === 0) problems.push('week: has no working time on any weekday');
  }
  if (!Array.isArray(c.holidays)) {
    problems.push('holidays: must be a list of local dates YYYY-MM-DD');
  } else {
    c.holidays.forEach((h: unknown, i) => {
      if (parseLocalDate(h) === undefined)
        problems.push(`holidays[${i}]: ${JSON.stringify(h)} is not a date YYYY-MM-DD`);
    });
  }
  if (c.specialDays !== undefined) {
    const sd = c.specialDays as Record<string, unknown> | null;
    if (typeof sd !== 'object' || sd === null || Array.isArray(sd)) {
      problems.push('specialDays: must map local dates YYYY-MM-DD to lists of windows');
    } else {
      for (const [date, windows] of Object.entries(sd)) {
        if (parseLocalDate(date) === undefined) problems.push(`specialDays.${date}: not a date YYYY-MM-DD`);
        checkWindows(`specialDays.${date}`, windows, problems);
      }
    }
  }
  return problems;
}

type MinuteWindow = readonly [number, number];

/** A validated calendar in the shape the arithmetic needs, with a per-use cache of converted dates. */
export interface PreparedCalendar {
  readonly name: string;
  readonly zone: Zone;
  readonly week: readonly (readonly MinuteWindow[])[];
  readonly holidays: ReadonlySet<number>;
  readonly special: ReadonlyMap<number, readonly MinuteWindow[]>;
  readonly cache: Map<number, Interval[]>;
  /** The zone's offset (minutes) at 00:00 UTC of days since 1970, as asked for (see steadyOffset). */
  readonly offsets: Map<number, number>;
  /** Answers already computed by the deadline functions, by their arguments (see deadline.ts). */
  readonly answers: Map<string, number>;
}

function toMinutes(windows: readonly TimeWindow[]): MinuteWindow[] {
  return windows.map(([a, b]) => [parseClock(a) as number, parseClock(b) as number] as const);
}

/** Prepared calendars by content: workflows ask about the same calendar on every activation. */
const PREPARED = new Map<string, PreparedCalendar>();
/** And by identity, which spares serialising the calendar for the key while a case holds the same object. */
const PREPARED_BY_OBJECT = new WeakMap<BusinessCalendar, PreparedCalendar>();
const PREPARED_MAX = 64;
/** Days of working windows one prepared calendar keeps before starting afresh. */
const DAYS_MAX = 20_000;
/** Deadline answers one prepared calendar keeps before starting afresh. */
const ANSWERS_MAX = 50_000;

/**
 * Validates and converts a calendar; throws on any problem so that a bad calendar fails loudly instead of
 * producing a wrong deadline. Memoised by the calendar's content (not its identity: workflow state is
 * copied on every change), so validation and zone lookups happen once per calendar, not per question.
 */
export function prepareCalendar(cal: BusinessCalendar): PreparedCalendar {
  const prepared = (cal && PREPARED_BY_OBJECT.get(cal)) ?? preparedByContent(cal);
  if (prepared.cache.size > DAYS_MAX) {
    prepared.cache.clear();
    prepared.offsets.clear();
  }
  if (prepared.answers.size > ANSWERS_MAX) prepared.answers.clear();
  return prepared;
}

function preparedByContent(cal: BusinessCalendar): PreparedCalendar {
  const key = JSON.stringify(cal);
  let prepared = PREPARED.get(key);
  if (!prepared) {
    prepared = prepareUncached(cal);
    if (PREPARED.size >= PREPARED_MAX) PREPARED.delete(PREPARED.keys().next().value!);
    PREPARED.set(key, prepared);
  }
  if (cal && typeof cal === 'object') PREPARED_BY_OBJECT.set(cal, prepared);
  return prepared;
}

function prepareUncached(cal: BusinessCalendar): PreparedCalendar {
  const problems = validateCalendar(cal);
  if (problems.length > 0) {
    throw new Error(`invalid business calendar ${JSON.stringify(cal?.name)}: ${problems.join('; ')}`);
  }
  const tz = cal.timeZone;
  // Skip Intl for the common UTC case; everything else goes through the runtime's tz database.
  const zone: Zone = /^(?:Etc\/)?UTC$/i.test(tz) ? FixedOffsetZone.utcInstance : IANAZone.create(tz);
  const special = new Map<number, MinuteWindow[]>();
  for (const [date, windows] of Object.entries(cal.specialDays ?? {})) {
    special.set(parseLocalDate(date) as number, toMinutes(windows));
  }
  return {
    name: cal.name,
    zone,
    week: WEEKDAYS.map((d) => toMinutes(cal.week[d])),
    holidays: new Set(cal.holidays.map((h) => parseLocalDate(h) as number)),
    special,
    cache: new Map(),
    offsets: new Map(),
    answers: new Map(),
  };
}

/** The local date (days since 1970-01-01) of an instant in the calendar's zone. */
export function localDay(p: PreparedCalendar, t: number): number {
  return Math.floor((t + p.zone.offset(t) * MINUTE_MS) / DAY_MS);
}

/** The date's working intervals in UTC: sorted, disjoint, non-empty (DST can empty a window). */
export function windowsOn(p: PreparedCalendar, day: number): Interval[] {
  const cached = p.cache.get(day);
  if (cached) return cached;
  const minutes = p.special.get(day) ?? (p.holidays.has(day) ? [] : (p.week[weekdayIndex(day)] ?? []));
  const out: Interval[] = [];
  const toUtc = minutes.length ? localReader(p, day) : (local: number) => local;
  for (const [a, b] of minutes) {
    // 24:00 is day + 1440 min, i.e. the next local midnight, with no special case.
    let from = toUtc(day * DAY_MS + a * MINUTE_MS);
    const to = toUtc(day * DAY_MS + b * MINUTE_MS);
    const prev = out[out.length - 1];
    if (prev && from < prev.to) from = prev.to;
    if (to > from) out.push({ from, to });
  }
  p.cache.set(day, out);
  return out;
}

export function workOn(p: PreparedCalendar, day: number): number {
  return windowsOn(p, day).reduce((sum, w) => sum + (w.to - w.from), 0);
}

export interface DatedInterval extends Interval {
  day: number;
}

/**
 * Working intervals that end after `t`, clipped to start at `t` or later, in time order, with their local
 * date. Unbounded unless `lastDay` is given; an unbounded walk gives up after {@link MAX_IDLE_DAYS} dates
 * without working time.
 */
export function* workingIntervals(
  p: PreparedCalendar,
  t: number,
  lastDay = Infinity,
): Generator<DatedInterval> {
  let idle = 0;
  // One date early: around DST changes at midnight an instant's local date can trail the date whose
  // windows it falls in (and the reverse), and a spare date costs only a cache entry.
  for (let day = localDay(p, t) - 1; day <= lastDay; day++) {
    const windows = windowsOn(p, day);
    if (windows.length === 0) {
      if (lastDay === Infinity && ++idle > MAX_IDLE_DAYS) {
        throw new Error(
          `business calendar ${JSON.stringify(p.name)} has no working time in the ${MAX_IDLE_DAYS} days before ${formatLocalDate(day)}`,
        );
      }
      continue;
    }
    idle = 0;
    for (const w of windows) {
      if (w.to > t) yield { from: Math.max(w.from, t), to: w.to, day };
    }
  }
}

export function assertInstant(what: string, t: number): void {
  if (typeof t !== 'number' || !Number.isFinite(t)) {
    throw new Error(`${what} must be a finite epoch-millisecond number, got ${String(t)}`);
  }
}

/** First working instant at or after `t`, and the local date of the window it lies in. */
export function firstWorking(p: PreparedCalendar, t: number): { instant: number; day: number } {
  const first = workingIntervals(p, t).next();
  // The walk is unbounded, so it either yields or throws.
  if (first.done) throw new Error('unreachable: unbounded working-interval walk ended');
  return { instant: first.value.from, day: first.value.day };
}

/** The first instant at or after `t` that is working time (inside a window). */
export function firstWorkingInstant(cal: BusinessCalendar, t: number): number {
  assertInstant('t', t);
  return firstWorking(prepareCalendar(cal), t).instant;
}
