/** /v1/reports: service-quality figures over the read model, as JSON or CSV. */
import { z } from '../zod.js';
import type { Db } from '../../db/database.js';
import { computeReport, GROUP_BYS } from '../../db/reports.js';
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
import { reportToCsv, toMetrics, type ServiceQualityReport } from '../reports.js';

const READERS: Role[] = ['supervisor', 'admin'];

const isoTime = z.iso.datetime({ offset: true }).openapi({ example: '2026-11-01T00:00:00Z' });

export const ReportQuery = z
  .object({
    from: inputTime.openapi({ description: 'cases created at or after this time (years 2000 to 2099)' }),
    to: inputTime.openapi({ description: 'cases created before this time; must be after `from`' }),
    groupBy: z.enum(GROUP_BYS).optional().openapi({
      description:
        "type, priority, assignee, channel, team (the team responsible; for cases from before teams owned work, the assignee's), or a period: day, week (from Monday), month — trends",
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
