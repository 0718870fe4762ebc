/**
 * Service-quality report math, free of I/O: the SQL in db/reports.ts gives one row of raw
 * aggregates per group; these functions turn such a row into the report's metrics and a report into CSV.
 */
import {
  BREACHABLE_CLOCKS,
  CASE_STATUSES,
  CASE_TYPES,
  CHANNELS,
  PRIORITIES,
  type BreachableClock,
  type Channel,
  type CaseStatus,
  type CaseType,
  type Priority,
} from '../domain/case/contract.js';
import {
  col,
  RATING_SCORES,
  type Aggregate,
  type DurationKind,
  type GroupBy,
  type RawMetricsRow,
} from '../db/reports.js';

/** Seconds of wall-clock time. */
export interface DurationStats {
  count: number;
  mean: number | null;
  p50: number | null;
  p90: number | null;
}

export interface ClockCompliance {
  /** Cases on which this clock ran at some point. */
  applicable: number;
  /** Of those, cases with a breach of this clock. */
  breached: number;
  /** (applicable − breached) ÷ applicable; null when no case had the clock. */
  compliance: number | null;
}

export interface QualityMetrics {
  total: number;
  byStatus: Record<CaseStatus, number>;
  byType: Record<CaseType, number>;
  byPriority: Record<Priority, number>;
  byChannel: Record<Channel, number>;
  /** complaints ÷ all cases. */
  complaintRate: number | null;
  /**
   * Fault reports of a customer and product that had another fault report of the same product
   * within the window before it; rate: of all fault reports with a product.
   */
  repeatFaults: { count: number; of: number; rate: number | null };
  responseTime: DurationStats;
  resolutionTime: DurationStats;
  /** The same, counting only working time on the case's calendar. */
  responseBusinessTime: DurationStats;
  resolutionBusinessTime: DurationStats;
  slaCompliance: Record<BreachableClock, ClockCompliance>;
  /** Cases resolved now (resolved, awaiting rating, or closed after a resolution). */
  resolved: number;
  resolutionRate: number | null;
  firstContactResolutionRate: number | null;
  reopenRate: number | null;
  rating: { count: number; mean: number | null; distribution: Record<'1' | '2' | '3' | '4' | '5', number> };
}

export interface ServiceQualityReport extends QualityMetrics {
  from: string;
  to: string;
  groupBy: GroupBy | null;
  groups?: ({ key: string | null } & QualityMetrics)[];
}

const num = (v: Aggregate): number | null => {
  if (v === null || v === undefined) return null;
  const n = typeof v === 'number' ? v : Number(v);
  return Number.isFinite(n) ? n : null;
};
const count = (v: Aggregate): number => num(v) ?? 0;

/** A share, or null when the denominator is zero (no case to judge). */
export const ratio = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

/** Seconds rounded to the millisecond: timestamps are kept to the millisecond. */
const seconds = (v: Aggregate): number | null => {
  const n = num(v);
  return n === null ? null : Math.round(n * 1000) / 1000;
};

function durationStats(row: RawMetricsRow, which: DurationKind): DurationStats {
  const n = count(row[col.duration(which, 'count')]);
  if (n === 0) return { count: 0, mean: null, p50: null, p90: null };
  return {
    count: n,
    mean: seconds(row[col.duration(which, 'mean')]),
    p50: seconds(row[col.duration(which, 'p50')]),
    p90: seconds(row[col.duration(which, 'p90')]),
  };
}

const tally = <K extends string>(keys: readonly K[], name: (k: K) => string, row: RawMetricsRow) =>
  Object.fromEntries(keys.map((k) => [k, count(row[name(k)])])) as Record<K, number>;

/** The metrics of one group (or of all cases) from its row of aggregates. */
export function toMetrics(row: RawMetricsRow): QualityMetrics {
  const total = count(row.total);
  const resolved = count(row.resolved);
  const everResolved = count(row.ever_resolved);
  const distribution = Object.fromEntries(
    RATING_SCORES.map((s) => [String(s), count(row[col.rating(s)])]),
  ) as QualityMetrics['rating']['distribution'];
  const ratingCount = RATING_SCORES.reduce((n, s) => n + distribution[String(s) as '1'], 0);
  const ratingSum = RATING_SCORES.reduce((n, s) => n + s * distribution[String(s) as '1'], 0);
  return {
    total,
    byStatus: tally(CASE_STATUSES, col.status, row),
    byType: tally(CASE_TYPES, col.type, row),
    byPriority: tally(PRIORITIES, col.priority, row),
    byChannel: tally(CHANNELS, col.channel, row),
    complaintRate: ratio(count(row[col.type('complaint')]), total),
    repeatFaults: {
      count: count(row.repeat_faults),
      of: count(row.fault_reports_with_product),
      rate: ratio(count(row.repeat_faults), count(row.fault_reports_with_product)),
    },
    responseTime: durationStats(row, 'response'),
    resolutionTime: durationStats(row, 'resolution'),
    responseBusinessTime: durationStats(row, 'response_business'),
    resolutionBusinessTime: durationStats(row, 'resolution_business'),
    slaCompliance: Object.fromEntries(
      BREACHABLE_CLOCKS.map((c) => {
        const applicable = count(row[col.applicable(c)]);
        const breached = count(row[col.breached(c)]);
        return [c, { applicable, breached, compliance: ratio(applicable - breached, applicable) }];
      }),
    ) as Record<BreachableClock, ClockCompliance>,
    resolved,
    resolutionRate: ratio(resolved, total),
    firstContactResolutionRate: ratio(count(row.first_contact), resolved),
    // Every reopened case was resolved at least once, so the share is of cases ever resolved.
    reopenRate: ratio(count(row.reopened), everResolved),
    rating: { count: ratingCount, mean: ratio(ratingSum, ratingCount), distribution },
  };
}

/** The CSV columns of one metrics row, in order, as [header, value]. */
function flatten(m: QualityMetrics): [string, number | null][] {
  const out: [string, number | null][] = [['total', m.total]];
  for (const s of CASE_STATUSES) out.push([col.status(s), m.byStatus[s]]);
  for (const t of CASE_TYPES) out.push([col.type(t), m.byType[t]]);
  for (const p of PRIORITIES) out.push([col.priority(p), m.byPriority[p]]);
  for (const c of CHANNELS) out.push([col.channel(c), m.byChannel[c]]);
  out.push(
    ['complaint_rate', m.complaintRate],
    ['repeat_faults', m.repeatFaults.count],
    ['fault_reports_with_product', m.repeatFaults.of],
    ['repeat_fault_rate', m.repeatFaults.rate],
  );
  for (const [which, d] of [
    ['response', m.responseTime],
    ['resolution', m.resolutionTime],
    ['response_business', m.responseBusinessTime],
    ['resolution_business', m.resolutionBusinessTime],
  ] as const) {
    out.push(
      [`${which}_count`, d.count],
      [`${which}_mean_s`, d.mean],
      [`${which}_p50_s`, d.p50],
      [`${which}_p90_s`, d.p90],
    );
  }
  for (const c of BREACHABLE_CLOCKS) {
    const s = m.slaCompliance[c];
    out.push(
      [col.applicable(c), s.applicable],
      [col.breached(c), s.breached],
      [`sla_${c}_compliance`, s.compliance],
    );
  }
  out.push(
    ['resolved', m.resolved],
    ['resolution_rate', m.resolutionRate],
    ['first_contact_resolution_rate', m.firstContactResolutionRate],
    ['reopen_rate', m.reopenRate],
    ['rating_count', m.rating.count],
    ['rating_mean', m.rating.mean],
  );
  for (const s of RATING_SCORES) out.push([col.rating(s), m.rating.distribution[String(s) as '1']]);
  return out;
}

/**
 * One CSV field (RFC 4180). Text that a spreadsheet would run as a formula (=, +, -, @, tab, CR at
 * the start: assignee names come from users) is prefixed with an apostrophe.
 */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The report as CSV: a header row, then one row per group, or one row for all cases when ungrouped. */
export function reportToCsv(report: ServiceQualityReport): string {
  const lead = ['from', 'to', ...(report.groupBy ? ['group_by', 'key'] : [])];
  const rows = report.groupBy
    ? (report.groups ?? []).map((g) => ({ lead: [report.from, report.to, report.groupBy, g.key], m: g }))
    : [{ lead: [report.from, report.to], m: report as QualityMetrics }];
  const header = [...lead, ...flatten(emptyMetrics()).map(([h]) => h)];
  const lines = [header.map(csvField).join(',')];
  for (const r of rows) lines.push([...r.lead, ...flatten(r.m).map(([, v]) => v)].map(csvField).join(','));
  return lines.join('\r\n') + '\r\n';
}

export const emptyMetrics = (): QualityMetrics => toMetrics({});
