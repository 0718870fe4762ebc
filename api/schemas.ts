/** Request and response shapes: one zod schema gives validation, the TypeScript type and the OpenAPI. */
import { nonBlank, z } from './zod.js';
import {
  EARLIEST_INSTANT,
  LATEST_INSTANT,
  MAX_AHEAD_DAYS,
  MAX_DURATION_DAYS,
  MAX_DURATION_HOURS,
  parseSlaDuration,
  SLA_DURATION_PATTERN,
  validateCalendar,
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
import { DEFAULT_REMIND_CUSTOMER_AFTER } from '../domain/case/customer-wait.js';
import { MESSAGE_KINDS } from '../domain/notifications/messages.js';

const isoTime = z.iso.datetime({ offset: true }).openapi({ example: '2026-11-23T09:00:00Z' });
/** An instant the service accepts as input: in the years 2000 to 2099 (domain/calendar/bounds.ts). */
export const inputTime = isoTime
  .refine((v) => Date.parse(v) >= EARLIEST_INSTANT && Date.parse(v) < LATEST_INSTANT, {
    message: 'must be in the years 2000 to 2099',
  })
  .openapi({ description: 'an ISO 8601 time in the years 2000 to 2099', pattern: '^20\\d\\d-' });
const isoDuration = z
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

export const CustomerInput = z
  .object({
    id: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .regex(/^[A-Za-z0-9._:-]+$/, 'letters, digits and . _ : - only')
      .optional(),
    name: nonBlank(200),
    tier: z.enum(TIERS).optional(),
    email: z.email().max(320).optional(),
    phone: z
      .string()
      .trim()
      .min(3)
      .max(40)
      .optional()
      .openapi({ pattern: '^\\s*[^\\s\\u0000][^\\u0000]+[^\\s\\u0000]\\s*$' }),
    organisation: z.string().trim().max(200).optional(),
    locale: z
      .string()
      .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'a BCP 47 language tag such as zh-CN or en')
      .max(35)
      .optional()
      .openapi({ description: "the customer's language for messages and their case page (zh-CN or en)" }),
  })
  .strict()
  .openapi('CustomerInput');

export const OpenCaseBody = z
  .object({
    type: z.enum(CASE_TYPES),
    channel: z.enum(CHANNELS),
    subject: nonBlank(300),
    description: nonBlank(20_000),
    customer: CustomerInput,
    priority: z.enum(PRIORITIES).optional(),
    product: z.string().trim().max(300).optional(),
    externalRef: z.string().trim().max(200).optional(),
    slaPolicy: nonBlank(100).optional(),
    incidentId: nonBlank(100).optional().openapi({
      description: 'link the new case to this open incident (409 if it is resolved or cancelled)',
    }),
  })
  .strict()
  .openapi('OpenCaseRequest');
export type OpenCaseBody = z.infer<typeof OpenCaseBody>;

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
    slaPolicy: z.string(),
    deadlines: z.object({
      respondBy: isoTime.nullable(),
      resolveBy: isoTime.nullable(),
      callbackBy: isoTime.nullable(),
      rateBy: isoTime.nullable(),
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
const eventPosition = {
  sequence: z.number().int().openapi({ description: "the event's number within its case, from 1" }),
  occurredAt: isoTime.openapi({ description: 'when the event happened' }),
  seq: z.number().int().openapi({ deprecated: true, description: 'deprecated: use `sequence` (same value)' }),
  at: isoTime.openapi({ deprecated: true, description: 'deprecated: use `occurredAt` (same value)' }),
};

export const TimelineItem = z
  .object({
    ...eventPosition,
    type: z.string(),
    actor: z.string(),
    data: z.record(z.string(), z.unknown()),
    visibility: z.enum(['internal', 'public']).openapi({
      description: 'internal events (internal notes) are shown to staff only, never to integrators',
    }),
  })
  .openapi('TimelineItem');

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

/** A comma-separated list of enum values; the document states the list's form as a pattern. */
const csv = <T extends string>(values: readonly [T, ...T[]]) => {
  const one = `\\s*(?:${values.join('|')})\\s*`;
  return z
    .string()
    .openapi({ pattern: `^${one}(?:,${one})*$`, description: `comma-separated: ${values.join(', ')}` })
    .transform((v) => v.split(',').map((s) => s.trim()))
    .pipe(z.array(z.enum(values)));
};

export const ListQuery = z
  .object({
    status: csv(CASE_STATUSES).optional(),
    type: csv(CASE_TYPES).optional(),
    priority: csv(PRIORITIES).optional(),
    customerId: z.string().min(1).optional(),
    assignee: z.string().min(1).optional(),
    breached: z.enum(['true', 'false']).optional(),
    unassigned: z
      .enum(['true', 'false'])
      .optional()
      .openapi({ description: 'true: only cases nobody is assigned to' }),
    mine: z
      .enum(['true', 'false'])
      .optional()
      .openapi({ description: 'true: only cases assigned to the caller (by name or as actor)' }),
    team: z
      .string()
      .min(1)
      .max(100)
      .optional()
      .openapi({ description: "only cases assigned to this team's agents" }),
    level: csv(['1', '2', '3'])
      .transform((levels) => levels.map(Number))
      .optional()
      .openapi({ description: 'support levels, comma-separated: 1,2' }),
    q: nonBlank(200).optional().openapi({
      description:
        'words (any script, Chinese included) that must all occur in the subject, description or customer name; case-insensitive',
    }),
    // Trimmed as the reference was when the case opened; otherwise matched exactly.
    externalRef: nonBlank(200)
      .optional()
      .openapi({ description: 'only the cases opened with this externalRef (exact match)' }),
    updatedSince: inputTime.optional().openapi({
      description:
        'only cases updated at or after this instant, listed by update time (oldest first, then id): page on to catch up on every change (a case changed again reappears later)',
    }),
    // No default here: leaving it out means updatedAt when updatedSince is given, else createdAt.
    sort: z.enum(['createdAt', 'nextDeadline', 'updatedAt']).optional().openapi({
      description:
        'createdAt: newest first; nextDeadline: soonest deadline first, none last; updatedAt: least recently updated first. Default: updatedAt with updatedSince (a sync), else createdAt',
    }),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().min(1).optional(),
  })
  .strict();

const Window = z
  .tuple([
    z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM'),
    z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'HH:MM or 24:00'),
  ])
  .openapi({ minItems: 2, maxItems: 2 });
const localDate = z.iso.date();
/** A date's windows: a few per day keep a deadline's cost to the windows it crosses small. */
const Windows = z.array(Window).max(12);
const MAX_DATES = 1000;
export const CalendarBody = z
  .object({
    name: z.string().optional().openapi({ description: 'optional; must equal the name in the path' }),
    timeZone: z
      .string()
      .min(1)
      .openapi({ enum: ['UTC', ...Intl.supportedValuesOf('timeZone')], description: 'an IANA time zone' }),
    week: z.object({
      mon: Windows,
      tue: Windows,
      wed: Windows,
      thu: Windows,
      fri: Windows,
      sat: Windows,
      sun: Windows,
    }),
    holidays: z.array(localDate).max(MAX_DATES).default([]),
    specialDays: z
      .record(localDate, Windows)
      // The generator's types predate OpenAPI 3.1's propertyNames; the document carries it as given.
      .openapi({ propertyNames: { type: 'string', format: 'date' } } as never)
      .refine((d) => Object.keys(d).length <= MAX_DATES, { message: `at most ${MAX_DATES} special days` })
      .optional(),
  })
  .superRefine((cal, ctx) => {
    for (const message of validateCalendar({ name: 'x', ...cal })) ctx.addIssue({ code: 'custom', message });
  })
  .openapi('BusinessCalendarInput');

export const PolicyBody = z
  .object({
    name: z.string().optional().openapi({ description: 'optional; must equal the name in the path' }),
    calendar: z.string().min(1),
    respondWithin: isoDuration,
    resolveWithin: isoDuration,
    callbackWithin: isoDuration,
    rateWithin: isoDuration,
    warnBefore: isoDuration.optional(),
    byPriority: z
      .partialRecord(
        z.enum(PRIORITIES),
        z
          .object({
            respondWithin: isoDuration.optional(),
            resolveWithin: isoDuration.optional(),
            callbackWithin: isoDuration.optional(),
            rateWithin: isoDuration.optional(),
          })
          .strict(),
      )
      .optional(),
    remindCustomerAfter: isoDuration
      .nullable()
      .optional()
      .openapi({
        description: `working time in pending_customer before the customer is reminded by mail; null: never; absent: ${DEFAULT_REMIND_CUSTOMER_AFTER}`,
      }),
    closeWithoutReplyAfter: isoDuration.nullable().optional().openapi({
      description:
        'working time in pending_customer after which the case is withdrawn ("no reply from the customer"); absent or null: never; must be longer than the reminder',
    }),
    notify: z.array(z.enum(MESSAGE_KINDS)).max(MESSAGE_KINDS.length).optional().openapi({
      description: "the notification kinds this policy's cases send; absent: the deployment's MAIL_EVENTS",
    }),
  })
  .strict()
  .openapi('SlaPolicyInput');

const Pause = z
  .object({ from: inputTime, to: inputTime })
  .refine((p) => Date.parse(p.from) <= Date.parse(p.to), {
    message: 'a pause must not end before it starts',
    path: ['to'],
  });
export const DueBody = z
  .object({
    from: inputTime,
    duration: isoDuration,
    pauses: z.array(Pause).max(100).optional(),
  })
  .strict();

export const ResourceName = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/, 'letters, digits, . _ - (max 100)');
