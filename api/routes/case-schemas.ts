/**
 * The shapes only /v1/cases uses: opening, the timeline and the list's query (the actions'
 * bodies are shared with the console: api/schemas.ts).
 */
import { nonBlank, z } from '../zod.js';
import { CASE_STATUSES, CASE_TYPES, CHANNELS, PRIORITIES, TIERS } from '../../domain/case/contract.js';
import { eventPosition, inputTime } from '../schemas.js';

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
    team: z.string().min(1).max(100).optional().openapi({
      description:
        'only cases this team is responsible for (a department those transferred to it) or assigned to one of its agents',
    }),
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
    sort: z.enum(['createdAt', 'nextDeadline', 'updatedAt', 'priority']).optional().openapi({
      description:
        'createdAt: newest first; nextDeadline: soonest deadline first, none last; updatedAt: least recently updated first; priority: urgent first, then high, normal, low, each soonest deadline first (none last). Default: updatedAt with updatedSince (a sync), else createdAt',
    }),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().min(1).optional(),
  })
  .strict();
