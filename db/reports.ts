/**
 * The service-quality report's one statement: a derived table of per-case facts over the period,
 * then the aggregates api/reports.ts turns into metrics, for all cases and (GROUPING SETS) per group.
 */
import { sql, type RawBuilder } from 'kysely';
import {
  BREACHABLE_CLOCKS,
  CASE_STATUSES,
  CASE_TYPES,
  CHANNELS,
  PRIORITIES,
  type BreachableClock,
  type CaseStatus,
  type CaseType,
  type Channel,
  type Priority,
} from '../domain/case/contract.js';
import type { Db } from './database.js';

export const GROUP_BYS = [
  'type',
  'priority',
  'assignee',
  'channel',
  'team',
  'incident',
  'day',
  'week',
  'month',
] as const;
/** Groupings by period: the key is the period's first local date (YYYY-MM-DD) in the report's time zone. */
export const PERIOD_GROUP_BYS = ['day', 'week', 'month'] as const;
export type GroupBy = (typeof GROUP_BYS)[number];

export const RATING_SCORES = [1, 2, 3, 4, 5] as const;

export type Aggregate = number | string | null | undefined;

/**
 * One row of aggregates as the SQL gives it: counts and sums are integers (possibly as strings),
 * durations in seconds. Column names are made by `col` so the SQL here and the math in api/reports.ts agree.
 */
export type RawMetricsRow = Record<string, Aggregate>;

/** Wall-clock durations, and the same in working time on each case's own business calendar. */
export const DURATION_KINDS = ['response', 'resolution', 'response_business', 'resolution_business'] as const;
export type DurationKind = (typeof DURATION_KINDS)[number];

export const col = {
  status: (s: CaseStatus) => `status_${s}`,
  type: (t: CaseType) => `type_${t}`,
  priority: (p: Priority) => `priority_${p}`,
  channel: (c: Channel) => `channel_${c}`,
  duration: (which: DurationKind, stat: 'count' | 'mean' | 'p50' | 'p90') => `${which}_${stat}`,
  applicable: (c: BreachableClock) => `sla_${c}_applicable`,
  breached: (c: BreachableClock) => `sla_${c}_breached`,
  rating: (score: number) => `rating_${score}`,
} as const;

/** The key of each grouping, over a case row `c`. */
function groupKey(g: GroupBy, timeZone: string): RawBuilder<unknown> {
  if ((PERIOD_GROUP_BYS as readonly string[]).includes(g)) {
    return sql`to_char(date_trunc(${g}, c.created_at at time zone ${timeZone}), 'YYYY-MM-DD')`;
  }
  if (g === 'incident') return incidentOf;
  // The team responsible (cases since teams own work); older cases: their assignee's team.
  if (g === 'team') return sql`coalesce(c.team, (select a.team from agents a where a.id = c.assignee))`;
  return sql`${sql.ref(`c.${g}`)}::text`;
}

const breachOf = (clock: BreachableClock) =>
  sql<boolean>`coalesce(c.view -> 'breaches' @> ${JSON.stringify([{ clock }])}::jsonb, false)`;

/** The aggregates toMetrics reads, over the derived table `r` below. */
function aggregates(): RawBuilder<unknown>[] {
  const n = (name: string, where: RawBuilder<unknown>) =>
    sql`count(*) filter (where ${where})::int8 as ${sql.id(name)}`;
  const out: RawBuilder<unknown>[] = [sql`count(*)::int8 as total`];
  for (const s of CASE_STATUSES) out.push(n(col.status(s), sql`r.status = ${s}`));
  for (const t of CASE_TYPES) out.push(n(col.type(t), sql`r.type = ${t}`));
  for (const p of PRIORITIES) out.push(n(col.priority(p), sql`r.priority = ${p}`));
  for (const c of CHANNELS) out.push(n(col.channel(c), sql`r.channel = ${c}`));
  out.push(
    n('repeat_faults', sql`r.repeat_fault`),
    n('fault_reports_with_product', sql`r.fault_with_product`),
  );
  for (const which of DURATION_KINDS) {
    const d = sql.ref(`r.${which}_s`);
    out.push(
      sql`count(${d})::int8 as ${sql.id(col.duration(which, 'count'))}`,
      sql`avg(${d}) as ${sql.id(col.duration(which, 'mean'))}`,
      sql`percentile_cont(0.5) within group (order by ${d}) as ${sql.id(col.duration(which, 'p50'))}`,
      sql`percentile_cont(0.9) within group (order by ${d}) as ${sql.id(col.duration(which, 'p90'))}`,
    );
  }
  for (const c of BREACHABLE_CLOCKS) {
    out.push(
      n(col.applicable(c), sql.ref(`r.${c}_applied`)),
      n(col.breached(c), sql`${sql.ref(`r.${c}_applied`)} and ${sql.ref(`r.${c}_breached`)}`),
    );
  }
  out.push(
    n('resolved', sql`r.resolved_at is not null`),
    n('first_contact', sql`r.resolved_at is not null and r.first_contact_resolution`),
    n('reopened', sql`r.reopen_count > 0`),
    n('ever_resolved', sql`r.resolved_at is not null or r.reopen_count > 0`),
  );
  for (const s of RATING_SCORES) out.push(n(col.rating(s), sql`r.rating_score = ${s}`));
  return out;
}

export interface ReportFilter {
  from: Date;
  to: Date;
  customerId?: string;
  incidentId?: string;
  groupBy?: GroupBy;
  timeZone: string;
  repeatWithinDays: number;
}

/** The incident a case is linked to now (key null: none). */
const incidentOf = sql`(select l.incident_id from incident_cases l where l.case_id = c.id and l.unlinked_at is null limit 1)`;

/** One query: the overall row and, with groupBy, a row per group (GROUPING SETS). */
export async function computeReport(
  db: Db,
  f: ReportFilter,
): Promise<(RawMetricsRow & { key: string | null; is_total: number })[]> {
  const groupCol = f.groupBy ? groupKey(f.groupBy, f.timeZone) : undefined;
  const product = sql`nullif(c.view->>'product', '')`;
  const where = [sql`c.created_at >= ${f.from}`, sql`c.created_at < ${f.to}`];
  if (f.customerId) where.push(sql`c.customer_id = ${f.customerId}`);
  if (f.incidentId) where.push(sql`${incidentOf} = ${f.incidentId}`);
  const query = sql<RawMetricsRow & { key: string | null; is_total: number }>`
    with r as (
      select
        c.status, c.type, c.priority, c.assignee, c.reopen_count, c.rating_score, c.first_contact_resolution,
        c.resolved_at, c.channel,
        ${groupCol ?? sql`null::text`} as group_key,
        (c.type = 'fault_report' and ${product} is not null) as fault_with_product,
        (c.type = 'fault_report' and ${product} is not null and exists (
          select 1 from cases p
          where p.customer_id = c.customer_id and p.type = 'fault_report'
            and nullif(p.view->>'product', '') = ${product}
            and p.created_at < c.created_at
            and p.created_at >= c.created_at - make_interval(days => ${f.repeatWithinDays})
        )) as repeat_fault,
        (extract(epoch from c.accepted_at) - extract(epoch from c.created_at))::float8 as response_s,
        (extract(epoch from c.resolved_at) - extract(epoch from c.created_at))::float8 as resolution_s,
        (c.response_business_ms / 1000.0)::float8 as response_business_s,
        (c.resolution_business_ms / 1000.0)::float8 as resolution_business_s,
        -- respond and resolve run from the moment a case opens; callback from its (first) resolution
        true as respond_applied,
        true as resolve_applied,
        (c.resolved_at is not null
          or ${breachOf('callback')}
          or exists (select 1 from case_events e where e.case_id = c.id and e.type = 'case.resolved')) as callback_applied,
        ${breachOf('respond')} as respond_breached,
        ${breachOf('resolve')} as resolve_breached,
        ${breachOf('callback')} as callback_breached
      from cases c
      where ${sql.join(where, sql` and `)}
    )
    select
      ${groupCol ? sql`r.group_key` : sql`null::text`} as key,
      ${groupCol ? sql`grouping(r.group_key)` : sql`1`}::int as is_total,
      ${sql.join(aggregates())}
    from r
    ${groupCol ? sql`group by grouping sets ((), (r.group_key)) order by is_total desc, key asc nulls last` : sql``}`;
  const { rows } = await query.execute(db);
  return rows;
}
