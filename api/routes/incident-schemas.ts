/** Request and response shapes of /v1/incidents (one zod schema: validation, type and OpenAPI). */
import { nonBlank, z } from '../zod.js';
import { CASE_STATUSES, CASE_TYPES, REMEDIES } from '../../domain/case/contract.js';
import {
  INCIDENT_KINDS,
  INCIDENT_STATUSES,
  MAX_LINK_BATCH,
  SEVERITIES,
  UPDATE_STATUSES,
} from '../../domain/incident/contract.js';

const labels = z.array(nonBlank(200)).max(200);

export const OpenIncidentBody = z
  .object({
    title: nonBlank(200).openapi({ description: 'public: shown to customers with every message' }),
    description: nonBlank(20_000).openapi({ description: 'internal: staff only' }),
    kind: z.enum(INCIDENT_KINDS),
    severity: z
      .enum(SEVERITIES)
      .openapi({ description: 'sets the SLA targets (first public message, resolution)' }),
    scope: z
      .object({
        products: labels.optional(),
        regions: labels.optional(),
        customerIds: labels.optional(),
        caseTypes: z.array(z.enum(CASE_TYPES)).optional(),
      })
      .strict()
      .optional()
      .openapi({
        description: 'open cases matching every given list (products, customers, case types) are suggested',
      }),
    calendar: nonBlank(100).optional().openapi({ description: 'business calendar; default 24x7' }),
  })
  .strict()
  .openapi('OpenIncidentRequest');
export type OpenIncidentBody = z.infer<typeof OpenIncidentBody>;

export const PostUpdateBody = z
  .object({
    message: nonBlank(5000).openapi({
      description: 'public: every linked case gets it in its timeline and webhooks',
    }),
    status: z.enum(UPDATE_STATUSES).optional(),
  })
  .strict()
  .openapi('IncidentUpdateRequest');

export const ResolveIncidentBody = z
  .object({
    summary: nonBlank(20_000).openapi({
      description: "public: recorded as every open linked case's resolution",
    }),
    remedy: z.enum(REMEDIES),
    message: nonBlank(5000).optional().openapi({ description: 'public message; default: the summary' }),
  })
  .strict()
  .openapi('ResolveIncidentRequest');

export const IncidentApprovalBody = z
  .object({
    decision: z.enum(['approve', 'reject']),
    comment: z.string().trim().max(5000).optional().openapi({ description: 'internal: staff only' }),
  })
  .strict()
  .openapi('IncidentApprovalRequest');

export const CancelIncidentBody = z
  .object({
    reason: nonBlank(5000).openapi({ description: 'internal: staff only' }),
    message: nonBlank(5000).optional().openapi({ description: 'public message to the linked cases' }),
  })
  .strict()
  .openapi('CancelIncidentRequest');

export const LinkCasesBody = z
  .object({ caseIds: z.array(nonBlank(100)).min(1).max(MAX_LINK_BATCH) })
  .strict()
  .openapi('LinkCasesRequest');

const isoTime = z.string().openapi({ example: '2026-11-30T09:00:00Z' });
const Message = z.object({
  id: z.string(),
  seq: z.number().int(),
  at: isoTime,
  actor: z.string().optional(),
  text: z.string(),
  status: z.enum(INCIDENT_STATUSES),
});

export const IncidentView = z
  .object({
    id: z.string(),
    number: z.string().openapi({ example: 'INC-2026-00012' }),
    title: z.string(),
    description: z.string().optional().openapi({ description: 'staff only' }),
    kind: z.enum(INCIDENT_KINDS),
    severity: z.enum(SEVERITIES),
    status: z.enum(INCIDENT_STATUSES),
    messages: z.array(Message),
    resolution: z
      .object({
        summary: z.string(),
        remedy: z.enum(REMEDIES),
        at: isoTime,
        resolvedBy: z.string().optional().openapi({ description: 'staff only: who resolved (or proposed)' }),
        approvedBy: z
          .string()
          .optional()
          .openapi({ description: 'staff only: the second supervisor, when the remedy needed approval' }),
      })
      .nullable(),
    proposal: z
      .object({
        summary: z.string(),
        remedy: z.enum(REMEDIES),
        proposedBy: z.string(),
        at: isoTime,
      })
      .nullable()
      .optional()
      .openapi({
        description:
          'staff only: a resolution whose remedy needs approval, waiting for a supervisor other than the proposer',
      }),
    linkedCases: z.number().int().optional(),
    deadlines: z.object({ firstMessageBy: isoTime.nullable(), resolveBy: isoTime.nullable() }).optional(),
    workflowId: z.string().optional(),
  })
  .openapi('Incident');

export const LinkOutcomes = z
  .object({
    items: z.array(
      z.object({
        caseId: z.string(),
        outcome: z.enum(['linked', 'unlinked', 'refused', 'unknown']),
        detail: z.string().optional(),
      }),
    ),
  })
  .openapi('LinkOutcomes');

export const IncidentListQuery = z
  .object({
    status: z.enum(INCIDENT_STATUSES).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

export const IncidentReport = z
  .object({
    incidentId: z.string(),
    linked: z.object({ current: z.number().int(), ever: z.number().int() }),
    linkedOverTime: z.array(z.object({ hour: isoTime, linked: z.number().int() })),
    byStatus: z.object(Object.fromEntries(CASE_STATUSES.map((s) => [s, z.number().int()]))),
    messages: z.object({ posted: z.number().int(), caseTimelineEntries: z.number().int() }),
    secondsToFirstMessage: z.number().nullable(),
    secondsToResolution: z.number().nullable(),
    ratings: z.object({
      count: z.number().int(),
      mean: z.number().nullable(),
      byScore: z.record(z.string(), z.number()),
    }),
  })
  .openapi('IncidentReport');
