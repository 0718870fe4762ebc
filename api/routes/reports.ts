/** /v1/reports: service-quality figures over the read model, as JSON or CSV. */
import { sql, type RawBuilder } from 'kysely';
import { z } from '../zod.js';
import type { Db } from '../../db/database.js';
import {
  BREACHABLE_CLOCKS,
  CASE_STATUSES,
  CASE_TYPES,
  CHANNELS,
  PRIORITIES,
  type BreachableClock,
} from '../../domain/case/contract.js';
import type { Role } from '../../domain/people.js';
import { route, type RouteSpec } from '../http.js';
import { problem } from '../problem.js';
import { inputTime } from '../schemas.js';
import {
  col,
  DURATION_KINDS,
  GROUP_BYS,
  PERIOD_GROUP_BYS,
  RATING_SCORES,
  reportToCsv,
  toMetrics,
  type GroupBy,
  type RawMetricsRow,
  type ServiceQualityReport,
} from '../reports.js';

const READERS: Role[] = ['supervisor', 'admin'];

const isoTime = z.iso.datetime({ offset: true }).openapi({ example: '2026-11-01T00:00:00Z' });

export const ReportQuery = z
  .object({
    from: inputTime.openapi({ description: 'cases created at or after this time (years 2000 to 2099)' }),
    to: inputTime.openapi({ description: 'cases created before this time; must be after `from`' }),
    groupBy: z.enum(GROUP_BYS).optional().openapi({
      description:
        'type, priority, assignee, channel, team (of the assignee), or a period: day, week (from Monday), month — trends',
    }),
    timeZone: z
      .string()
      .max(64)
      .refine(validZone, 'must be an IANA time zone, e.g. Asia/Shanghai')
      .default('UTC')
      .openapi({ description: 'where periods (groupBy day, week, month) begin' }),
    repeatWithinDays: z.coerce.number().int().min(1).max(365).default(30).openapi({
      description:
        'a fault report repeats when the same customer reported the same product this many days before',
    }),
    customerId: z.string().min(1).max(100).optional().openapi({ description: "only this customer's cases" }),
    incidentId: z
      .string()
      .min(1)
      .max(100)
      .optional()
      .openapi({ description: 'only the cases linked to this incident' }),
    format: z.enum(['json', 'csv']).optional().openapi({ description: 'overrides the Accept header' }),
  })
  .strict();

function validZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const countsOf = <K extends string>(keys: readonly K[]) =>
  z.object(Object.fromEntries(keys.map((k) => [k, z.number().int()])) as Record<K, z.ZodNumber>);
const Durations = z
  .object({
    count: z.number().int(),
    mean: z.number().nullable(),
    p50: z.number().nullable(),
    p90: z.number().nullable(),
  })
  .openapi('DurationStats', { description: 'wall-clock seconds; null when no case had the event' });
const Compliance = z
  .object({
    applicable: z.number().int().openapi({ description: 'cases on which this clock ran' }),
    breached: z.number().int(),
    compliance: z
      .number()
      .nullable()
      .openapi({ description: 'share of applicable cases with no breach, 0..1' }),
  })
  .openapi('ClockCompliance');
const Metrics = z.object({
  total: z.number().int(),
  byStatus: countsOf(CASE_STATUSES),
  byType: countsOf(CASE_TYPES),
  byPriority: countsOf(PRIORITIES),
  byChannel: countsOf(CHANNELS),
  complaintRate: z.number().nullable().openapi({ description: 'complaints ÷ total' }),
  repeatFaults: z
    .object({
      count: z.number().int(),
      of: z.number().int().openapi({ description: 'fault reports naming a product' }),
      rate: z.number().nullable(),
    })
    .openapi({
      description:
        'fault reports whose customer reported the same product within `repeatWithinDays` before (repeat faults)',
    }),
  responseTime: Durations.openapi({ description: 'accepted − created' }),
  resolutionTime: Durations.openapi({ description: 'resolved − created' }),
  responseBusinessTime: Durations.openapi({
    description: "accepted − created, in working time on the case's business calendar",
  }),
  resolutionBusinessTime: Durations.openapi({
    description: "resolved − created, in working time on the case's business calendar",
  }),
  slaCompliance: z.object(
    Object.fromEntries(BREACHABLE_CLOCKS.map((c) => [c, Compliance])) as Record<
      BreachableClock,
      typeof Compliance
    >,
  ),
  resolved: z.number().int(),
  resolutionRate: z.number().nullable().openapi({ description: 'resolved ÷ total' }),
  firstContactResolutionRate: z
    .number()
    .nullable()
    .openapi({ description: 'resolved without a reopen ÷ resolved' }),
  reopenRate: z.number().nullable().openapi({ description: 'reopened ÷ cases ever resolved' }),
  rating: z.object({
    count: z.number().int(),
    mean: z.number().nullable(),
    distribution: countsOf(['1', '2', '3', '4', '5'] as const),
  }),
});
export const ServiceQualityReportSchema = Metrics.extend({
  from: isoTime,
  to: isoTime,
  groupBy: z.enum(GROUP_BYS).nullable(),
  groups: z.array(Metrics.extend({ key: z.string().nullable() })).optional(),
}).openapi('ServiceQualityReport');

/** The key of each grouping, over a case row `c`. */
function groupKey(g: GroupBy, timeZone: string): RawBuilder<unknown> {
  if ((PERIOD_GROUP_BYS as readonly string[]).includes(g)) {
    return sql`to_char(date_trunc(${g}, c.created_at at time zone ${timeZone}), 'YYYY-MM-DD')`;
  }
  if (g === 'incident') return incidentOf;
  if (g === 'team') return sql`(select a.team from agents a where a.id = c.assignee)`;
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

interface Filter {
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
async function computeReport(
  db: Db,
  f: Filter,
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

export function reportRoutes(db: Db): RouteSpec[] {
  return [
    route({
      method: 'get',
      path: '/v1/reports/service-quality',
      operationId: 'getServiceQualityReport',
      summary: 'Service-quality report for a period',
      description:
        'Over cases created in [from, to): counts by status, type and priority; response time (accepted − created) ' +
        'and resolution time (resolved − created) in wall-clock seconds (count, mean, p50, p90); SLA compliance per ' +
        'clock (share of cases on which the clock ran with no breach of it); resolution rate (resolved ÷ all); ' +
        'first-contact resolution rate (resolved without a reopen ÷ resolved); reopen rate (reopened ÷ ever ' +
        'resolved); rating count, mean and distribution. Rates are 0..1, null when there is nothing to divide by. ' +
        'Also volume by channel, the complaint rate (complaints ÷ all) and repeat faults (fault reports of a customer and ' +
        'product reported again within `repeatWithinDays`, default 30). ' +
        'With groupBy, `groups` repeats the figures per type, priority, assignee, channel, team or incident (key null: unassigned, no incident), ' +
        'or per period for trends: day, week (from Monday) or month in `timeZone` (default UTC), the key being the ' +
        "period's first date. " +
        'With `Accept: text/csv` (or format=csv) the answer is CSV: a header row, then one row per group, or one row ' +
        'for all cases when ungrouped.',
      tags: ['reports'],
      roles: READERS,
      query: ReportQuery,
      responses: {
        200: {
          description: 'the report (or text/csv when asked for)',
          schema: ServiceQualityReportSchema,
          alternatives: {
            'text/csv': z.string().openapi({ description: 'a header row, then one row per group' }),
          },
        },
        400: { description: 'from/to missing or not ISO times, from not before to, or unknown groupBy' },
        401: { description: 'no or unknown API key' },
        403: { description: 'the role may not read reports' },
        503: { description: 'the database is unavailable; retry' },
      },
      handler: async ({ req, res, query }) => {
        const q = query as z.infer<typeof ReportQuery>;
        const from = new Date(q.from);
        const to = new Date(q.to);
        if (!(from.getTime() < to.getTime())) {
          throw problem.badRequest('`from` must be before `to`', [
            { path: 'to', in: 'query', message: 'must be after from' },
          ]);
        }
        const rows = await computeReport(db, {
          from,
          to,
          customerId: q.customerId,
          incidentId: q.incidentId,
          groupBy: q.groupBy,
          timeZone: q.timeZone,
          repeatWithinDays: q.repeatWithinDays,
        });
        const total = rows.find((r) => Number(r.is_total) === 1);
        const report: ServiceQualityReport = {
          from: from.toISOString(),
          to: to.toISOString(),
          groupBy: q.groupBy ?? null,
          ...toMetrics(total ?? {}),
          ...(q.groupBy
            ? {
                groups: rows
                  .filter((r) => Number(r.is_total) !== 1)
                  .map((r) => ({ key: r.key, ...toMetrics(r) })),
              }
            : {}),
        };
        const csv = q.format
          ? q.format === 'csv'
          : req.accepts(['application/json', 'text/csv']) === 'text/csv';
        res.vary('Accept');
        if (csv) {
          const name = `service-quality_${report.from}_${report.to}${q.groupBy ? `_by-${q.groupBy}` : ''}.csv`;
          res
            .type('text/csv; charset=utf-8')
            .setHeader('Content-Disposition', `attachment; filename="${name.replace(/:/g, '')}"`);
          res.send(reportToCsv(report));
        } else {
          res.json(report);
        }
      },
    }),
  ];
}
