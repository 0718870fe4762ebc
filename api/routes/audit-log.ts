/** GET /v1/audit-log: who changed what, when and from where (admin). */
import { z } from '../zod.js';
import { listAudit } from '../../db/audit-log.js';
import type { Db } from '../../db/database.js';
import { decodeCursor, encodeCursor } from '../cursor.js';
import { route, type RouteSpec } from '../http.js';

const AuditEntryOut = z
  .object({
    id: z.string(),
    at: z.string().openapi({ format: 'date-time' }),
    actor: z.string().openapi({ description: '`role:name`; `anonymous` for a refused sign-in' }),
    action: z.string().openapi({ example: 'team.put' }),
    targetType: z.string().openapi({ example: 'team' }),
    targetId: z.string().nullable(),
    address: z.string().nullable().openapi({ description: "the caller's address" }),
    requestId: z.string().nullable(),
    before: z.unknown().openapi({ description: 'a setting before the change (secrets removed)' }),
    after: z.unknown().openapi({ description: 'a setting after the change (secrets removed)' }),
    details: z.record(z.string(), z.unknown()).nullable(),
  })
  .openapi('AuditEntry');

const instant = z.iso.datetime({ offset: true });

const AuditQuery = z
  .object({
    actor: z.string().min(1).max(200).optional(),
    action: z.string().min(1).max(100).optional(),
    targetType: z.string().min(1).max(100).optional(),
    targetId: z.string().min(1).max(200).optional(),
    since: instant.optional().openapi({ description: 'entries at or after this instant' }),
    until: instant.optional().openapi({ description: 'entries before this instant' }),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    cursor: z.string().min(1).max(2000).optional(),
  })
  .strict();

export function auditLogRoutes(db: Db): RouteSpec[] {
  return [
    route({
      method: 'get',
      path: '/v1/audit-log',
      operationId: 'listAuditLog',
      summary: 'List the audit log, newest first',
      description:
        'Every change to API keys, teams, agents, policies, calendars, causes, webhooks and ' +
        "customers' records, every erasure, sign-in and payload decode: actor, action, target, time, " +
        'address and request id; for settings the state before and after, secrets removed. ' +
        'Append-only: the database refuses to update it. Filters combine; `nextCursor` pages on.',
      tags: ['audit'],
      roles: ['admin'],
      query: AuditQuery,
      responses: {
        200: {
          description: 'entries, newest first',
          schema: z.object({ items: z.array(AuditEntryOut), nextCursor: z.string().nullable() }),
        },
        400: { description: 'invalid filter or cursor' },
      },
      handler: async ({ res, query }) => {
        const q = query as z.infer<typeof AuditQuery>;
        const after = q.cursor
          ? decodeCursor(q.cursor, ['id'] as const, (c) => /^\d{1,19}$/.test(c.id)).id
          : undefined;
        const rows = await listAudit(db, {
          actor: q.actor,
          action: q.action,
          targetType: q.targetType,
          targetId: q.targetId,
          since: q.since ? new Date(q.since) : undefined,
          until: q.until ? new Date(q.until) : undefined,
          afterId: after,
          limit: q.limit + 1,
        });
        const page = rows.slice(0, q.limit);
        res.json({
          items: page.map((r) => ({ ...r, at: r.at.toISOString() })),
          nextCursor: rows.length > q.limit ? encodeCursor({ id: page[page.length - 1]!.id }) : null,
        });
      },
    }),
  ];
}
