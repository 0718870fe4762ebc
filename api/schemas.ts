/**
 * Request and response shapes that more than one route file (or the OpenAPI document, or the
 * console) uses: one zod schema gives validation, the TypeScript type and the OpenAPI. A schema
 * one route file uses lives with it (inline, or in its `*-schemas.ts` sibling in api/routes/).
 */
import { nonBlank, z } from './zod.js';
import {
  EARLIEST_INSTANT,
  LATEST_INSTANT,
  MAX_AHEAD_DAYS,
  MAX_DURATION_DAYS,
  MAX_DURATION_HOURS,
  parseSlaDuration,
  SLA_DURATION_PATTERN,
} from '../domain/calendar/index.js';
import {
  CASE_STATUSES,
  CASE_TYPES,
  CHANNELS,
  CLOCKS,
  PRIORITIES,
  REMEDIES,
  TIERS,
} from '../domain/case/contract.js';

export const isoTime = z.iso.datetime({ offset: true }).openapi({ example: '2026-11-23T09:00:00Z' });
/** An instant the service accepts as input: in the years 2000 to 2099 (domain/calendar/bounds.ts). */
export const inputTime = isoTime
  .refine((v) => Date.parse(v) >= EARLIEST_INSTANT && Date.parse(v) < LATEST_INSTANT, {
    message: 'must be in the years 2000 to 2099',
  })
  .openapi({ description: 'an ISO 8601 time in the years 2000 to 2099', pattern: '^20\\d\\d-' });
export const isoDuration = z
  .string()
  .superRefine((v, ctx) => {
    try {
      parseSlaDuration(v);
    } catch (err) {
      ctx.addIssue({ code: 'custom', message: (err as Error).message });
    }
  })
  .openapi({
    pattern: SLA_DURATION_PATTERN,
    example: 'PT4H',
    description: `ISO 8601 duration in weeks, days, hours, minutes or seconds: days part at most P${MAX_DURATION_DAYS}D, time part at most PT${MAX_DURATION_HOURS}H`,
  });

/** The name of a team, agent, policy or calendar (a path segment). */
export const ResourceName = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/, 'letters, digits, . _ - (max 100)');

/** The actions' bodies: the case routes validate them, the console builds its forms from them. */
export const ActionBodies = {
  accept: z.object({ assignee: nonBlank(100).optional() }).strict(),
  assign: z.object({ assignee: nonBlank(100) }).strict(),
  reject: z.object({ reason: nonBlank(5000) }).strict(),
  findings: z
    .object({
      summary: nonBlank(20_000),
      rootCause: z.string().trim().max(5000).optional(),
      onSite: z.boolean().optional(),
    })
    .strict(),
  'wait-for-customer': z.object({ question: nonBlank(5000) }).strict(),
  'customer-reply': z.object({ message: nonBlank(20_000) }).strict(),
  resolution: z
    .object({
      summary: nonBlank(20_000),
      remedy: z.enum(REMEDIES),
      amount: z.number().nonnegative().optional(),
    })
    .strict(),
  approval: z
    .object({ decision: z.enum(['approve', 'reject']), comment: z.string().trim().max(5000).optional() })
    .strict(),
  callback: z
    .object({ reached: z.boolean(), solved: z.boolean(), notes: z.string().trim().max(5000).optional() })
    .strict(),
  rating: z
    .object({ score: z.number().int().min(1).max(5), comment: z.string().trim().max(5000).optional() })
    .strict(),
  escalate: z.object({ reason: nonBlank(5000) }).strict(),
  notes: z.object({ text: nonBlank(20_000), visibility: z.enum(['internal', 'public']) }).strict(),
  withdraw: z.object({ reason: nonBlank(5000) }).strict(),
  extend: z
    .object({
      clock: z.enum(CLOCKS),
      until: inputTime
        .refine((v) => Date.parse(v) <= Date.now() + MAX_AHEAD_DAYS * 86_400_000, {
          message: `must be at most ${MAX_AHEAD_DAYS} days from now`,
        })
        .optional()
        .openapi({ description: `the new deadline; at most ${MAX_AHEAD_DAYS} days from now` }),
      by: isoDuration.optional(),
      reason: nonBlank(5000),
    })
    .strict()
    .openapi({ oneOf: [{ required: ['until'] }, { required: ['by'] }] })
    .refine((b) => (b.until === undefined) !== (b.by === undefined), {
      message: 'give exactly one of until (a time) or by (a duration)',
      path: ['until'],
    }),
  priority: z
    .object({ priority: z.enum(PRIORITIES), reason: z.string().trim().max(5000).optional() })
    .strict(),
  transfer: z
    .object({
      team: ResourceName.openapi({ description: 'the department (a team) that takes the case' }),
      reason: nonBlank(5000),
      findingsWithin: isoDuration.optional().openapi({
        description:
          "working time on the policy's calendar for the department's findings, when the policy sets no findingsWithin (default P3D)",
      }),
    })
    .strict(),
  'refuse-transfer': z.object({ reason: nonBlank(5000) }).strict(),
} as const;

export const Breach = z.object({ clock: z.enum(CLOCKS), at: isoTime });
export const CaseView = z
  .object({
    id: z.string(),
    number: z.string().openapi({ example: 'CS-2026-000123' }),
    type: z.enum(CASE_TYPES),
    channel: z.enum(CHANNELS),
    status: z.enum(CASE_STATUSES),
    priority: z.enum(PRIORITIES),
    level: z.union([z.literal(1), z.literal(2), z.literal(3)]),
    subject: z.string(),
    description: z.string(),
    customer: z.object({
      id: z.string(),
      name: z.string(),
      tier: z.enum(TIERS),
      email: z.string().optional(),
      phone: z.string().optional(),
      organisation: z.string().optional(),
      locale: z.string().optional(),
    }),
    product: z.string().nullable(),
    externalRef: z.string().nullable(),
    assignee: z.string().nullable(),
    owner: z
      .string()
      .nullable()
      .openapi({ description: 'first person who took the case (first-contact responsibility)' }),
    team: z.string().nullable().optional().openapi({
      description:
        'the team responsible now: the first assignee’s at opening, a department after a transfer, the escalated level’s team after an escalation (null: none; absent on cases not changed since teams owned work)',
    }),
    transfer: z
      .object({
        team: z.string().openapi({ description: 'the department that has the case for its findings' }),
        returnTo: z.string().nullable().openapi({ description: 'the team the case goes back to' }),
        since: isoTime,
      })
      .nullable()
      .optional()
      .openapi({ description: 'while a department has the case for its findings (absent otherwise)' }),
    slaPolicy: z.string(),
    deadlines: z.object({
      respondBy: isoTime.nullable(),
      resolveBy: isoTime.nullable(),
      callbackBy: isoTime.nullable(),
      rateBy: isoTime.nullable(),
      findingsBy: isoTime.nullable().optional().openapi({
        description:
          'when the department that has the case owes its preliminary findings (the findings clock; null once they came or the transfer ended; absent on cases never transferred)',
      }),
    }),
    sla: z
      .object({
        calendar: z.string(),
        timeZone: z.string().openapi({ description: "the calendar's IANA time zone" }),
        thresholds: z.array(
          z.object({ clock: z.enum(CLOCKS), kind: z.enum(['warning', 'breach', 'expiry']), at: isoTime }),
        ),
        warned: z.array(z.enum(CLOCKS)).optional().openapi({
          description: 'running clocks in their warning phase: the warning has fired, the deadline not yet',
        }),
      })
      .optional()
      .openapi({
        description:
          'the calendar the deadlines are counted on and the thresholds still ahead, earliest first: the moments the case’s durable timer fires (absent on cases not changed since this field was added)',
      }),
    breaches: z.array(Breach),
    rating: z.object({ score: z.number().int().min(1).max(5), comment: z.string().optional() }).nullable(),
    reopenCount: z.number().int(),
    createdAt: isoTime,
    updatedAt: isoTime,
    closedAt: isoTime.nullable(),
    workflowId: z.string().openapi({ description: 'the workflow id to look up in the Temporal Web UI' }),
    incident: z
      .object({ id: z.string(), number: z.string(), title: z.string() })
      .nullable()
      .optional()
      .openapi({ description: 'the incident this case is linked to' }),
    customerWait: z
      .object({
        since: isoTime,
        remindAt: isoTime.nullable(),
        closeAt: isoTime.nullable(),
        reminded: z.boolean(),
      })
      .optional()
      .openapi({
        description:
          "while the case waits for the customer under a policy that reminds or closes: when the wait began, when the customer is reminded and when the case is withdrawn for no reply (on the case's calendar)",
      }),
    incidentSuggestions: z
      .array(
        z.object({
          id: z.string(),
          number: z.string(),
          title: z.string(),
          severity: z.string(),
          matched: z.array(z.string()),
        }),
      )
      .optional()
      .openapi({
        description: 'staff only, on GET of an open unlinked case: open incidents whose scope matches it',
      }),
  })
  .openapi('Case');

/** The same two facts under both names, so timelines and webhooks read alike. */
export const eventPosition = {
  sequence: z.number().int().openapi({ description: "the event's number within its case, from 1" }),
  occurredAt: isoTime.openapi({ description: 'when the event happened' }),
  seq: z.number().int().openapi({ deprecated: true, description: 'deprecated: use `sequence` (same value)' }),
  at: isoTime.openapi({ deprecated: true, description: 'deprecated: use `occurredAt` (same value)' }),
};

/** What a webhook receiver gets for each case event (POSTed, signed; see the webhooks section). */
export const WebhookEvent = z
  .object({
    id: z.string().openapi({ description: '`<caseId>:<sequence>`: de-duplicate on it' }),
    type: z.string(),
    caseId: z.string(),
    ...eventPosition,
    actor: z.string(),
    data: z.record(z.string(), z.unknown()),
    case: z.object({
      id: z.string(),
      number: z.string(),
      type: z.string(),
      status: z.string(),
      priority: z.string(),
      level: z.number().int(),
      assignee: z.string().nullable(),
    }),
  })
  .openapi('WebhookEvent');
