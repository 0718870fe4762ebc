/**
 * ISO-8601 durations as SLA policies write them. Days and clock time are kept apart because the
 * deadline rule treats them differently: days count working dates, the time part counts working time.
 */

import { MAX_DURATION_DAYS, MAX_DURATION_HOURS } from './bounds.js';

/** `days`: the `P{n}D` part (weeks folded in as 7 days); `ms`: the `PT..H..M..S` part. */
export interface SlaDuration {
  days: number;
  ms: number;
}

// Each part optional, but at least one digit after P and after T (lookaheads), so "P", "PT", "P1DT" fail.
const ISO_DURATION =
  /^P(?=\d|T\d)(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)(?:[.,](\d{1,3}))?S)?)?$/;

const EXAMPLES = 'expected an ISO-8601 duration such as P3D, PT4H, PT30M, P1DT12H, PT1H30M, PT0S or P1W';

function fail(iso: string, why: string): never {
  throw new Error(`invalid SLA duration ${JSON.stringify(iso)}: ${why}`);
}

export function parseSlaDuration(iso: string): SlaDuration {
  if (typeof iso !== 'string') {
    throw new Error(`invalid SLA duration ${String(iso)}: must be a string; ${EXAMPLES}`);
  }
  if (iso.startsWith('-') || iso.startsWith('+')) fail(iso, 'signed durations are not allowed');
  const datePart = iso.split('T')[0] ?? '';
  // A month or a year has no fixed number of working days, so a policy must say P30D, not P1M.
  if (/^P.*\d([.,]\d+)?[YM]/.test(datePart)) {
    fail(iso, 'months and years are not supported (their working length is ambiguous); use days, e.g. P30D');
  }
  const m = ISO_DURATION.exec(iso);
  if (!m) fail(iso, EXAMPLES);
  const [, w, d, h, min, s, frac] = m;
  const n = (x: string | undefined): number => (x === undefined ? 0 : Number(x));
  const days = n(w) * 7 + n(d);
  const ms =
    ((n(h) * 60 + n(min)) * 60 + n(s)) * 1000 + (frac === undefined ? 0 : Number(frac.padEnd(3, '0')));
  if (!Number.isSafeInteger(days) || !Number.isSafeInteger(ms)) fail(iso, 'too large');
  return withinBounds(iso, { days, ms });
}

const MAX_MS = MAX_DURATION_HOURS * 3_600_000;

/** The documented range (bounds.ts): a longer duration would make deadline arithmetic unbounded. */
function withinBounds(given: unknown, d: SlaDuration): SlaDuration {
  const why =
    d.days > MAX_DURATION_DAYS
      ? `at most P${MAX_DURATION_DAYS}D (weeks count as 7 days)`
      : d.ms > MAX_MS
        ? `the time part is at most PT${MAX_DURATION_HOURS}H`
        : undefined;
  if (why) throw new Error(`invalid SLA duration ${JSON.stringify(given)}: ${why}`);
  return d;
}

const isCount = (x: number): boolean => Number.isSafeInteger(x) && x >= 0;

/** Accepts either form at the API boundary and checks objects built by hand. */
export function toSlaDuration(duration: SlaDuration | string): SlaDuration {
  if (typeof duration === 'string') return parseSlaDuration(duration);
  const days: unknown = duration?.days;
  const ms: unknown = duration?.ms;
  if (typeof days !== 'number' || typeof ms !== 'number' || !isCount(days) || !isCount(ms)) {
    throw new Error(
      `invalid SLA duration ${JSON.stringify(duration)}: days and ms must be non-negative integers`,
    );
  }
  return withinBounds(duration, { days, ms });
}

/*
 * The accepted form as one regular expression without lookarounds, for documents (OpenAPI) and the
 * tools that generate input from them. Each number is bounded as `withinBounds` bounds it (weeks to 52,
 * days to 366, hours to 8784), so what matches is accepted — save the rare sum of parts beyond a
 * bound (PT8784H30M, PT31622400.5S). Weeks are written alone or days alone, as ISO 8601 writes them; `P2W3D` is
 * still accepted for policies written before.
 */
const WEEKS = '0*(?:[1-4]?\\d|5[0-2])W';
const DAYS = '0*(?:[12]?\\d{1,2}|3[0-5]\\d|36[0-6])D';
const HOURS = '0*(?:[1-7]?\\d{1,3}|8[0-6]\\d\\d|87[0-7]\\d|878[0-4])H';
// Minutes to 527040 and seconds to 31622400: each part alone at most PT8784H.
const MINUTES = '0*(?:[1-4]?\\d{1,5}|5[01]\\d{4}|52[0-6]\\d{3}|5270[0-3]\\d|527040)M';
const SECONDS =
  '0*(?:[12]?\\d{1,7}|30\\d{6}|31[0-5]\\d{5}|316[01]\\d{4}|3162[01]\\d{3}|31622[0-3]\\d\\d|31622400)(?:[.,]\\d{1,3})?S';
const TIME = `(?:${HOURS}(?:${MINUTES})?(?:${SECONDS})?|${MINUTES}(?:${SECONDS})?|${SECONDS})`;
export const SLA_DURATION_PATTERN = `^P(?:(?:${WEEKS}|${DAYS})(?:T${TIME})?|T${TIME})$`;
