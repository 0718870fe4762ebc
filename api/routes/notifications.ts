/**
 * Staff notifications: a person's own (the caller's name is the person), newest first, read marks,
 * and a live stream of new ones (server-sent events). The projection writes them
 * (activities/staff-notices.ts); docs/notifications.md says who is told of what.
 */
import { z } from '../zod.js';
import type { Db } from '../../db/database.js';
import { listNotifications, markRead, unreadCount, type NotificationRow } from '../../db/notifications.js';
import { noticeText } from '../../domain/notifications/staff-notices.js';
import type { Role } from '../../domain/people.js';
import type { CaseFeed } from '../case-feed.js';
import { decodeCursor, encodeCursor } from '../cursor.js';
import { openEventStream } from '../event-stream.js';
import { route, type RouteSpec } from '../http.js';
import { problem } from '../problem.js';

const PEOPLE: Role[] = ['agent', 'supervisor'];

const NotificationOut = z
  .object({
    id: z.string(),
    caseId: z.string(),
    caseNumber: z.string(),
    seq: z.number().int().openapi({ description: 'the case event told of (its timeline entry)' }),
    type: z.string().openapi({ description: 'the event type', example: 'sla.breached' }),
    data: z.record(z.string(), z.unknown()).openapi({ description: "the event's facts" }),
    text: z
      .object({ 'zh-CN': z.string(), en: z.string() })
      .openapi({ description: 'the notice in each language' }),
    createdAt: z.string().openapi({ format: 'date-time' }),
    readAt: z.string().nullable().openapi({ format: 'date-time' }),
  })
  .openapi('Notification');

const NotificationQuery = z
  .object({
    unread: z
      .enum(['true', 'false'])
      .optional()
      .openapi({ description: '`true`: only the ones not read yet' }),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().min(1).max(2000).optional(),
  })
  .strict();

const NotificationId = /^\d{1,18}$/;

export function notificationRoutes(db: Db, feed: CaseFeed, timeZone: string): RouteSpec[] {
  const shown = (r: NotificationRow) => {
    const facts = { type: r.event_type, number: String(r.data.number ?? ''), data: r.data };
    return {
      id: String(r.id),
      caseId: r.case_id,
      caseNumber: facts.number,
      seq: r.seq,
      type: r.event_type,
      data: r.data,
      text: { 'zh-CN': noticeText(facts, 'zh-CN', timeZone), en: noticeText(facts, 'en', timeZone) },
      createdAt: new Date(r.created_at).toISOString(),
      readAt: r.read_at ? new Date(r.read_at).toISOString() : null,
    };
  };
  return [
    route({
      method: 'get',
      path: '/v1/notifications',
      operationId: 'listNotifications',
      summary: "List the caller's notifications, newest first",
      description:
        'What the caller (the person named by their key or session) has been told: warnings, ' +
        'breaches, escalations, transfers, hand-backs and approvals waiting. `unread=true` leaves ' +
        'out the ones read; `unread` in the answer (and the header `X-Unread-Count`) counts all ' +
        "the caller's unread ones; `nextCursor` pages on.",
      tags: ['notifications'],
      roles: PEOPLE,
      query: NotificationQuery,
      responses: {
        200: {
          description: 'notifications, newest first',
          schema: z.object({
            items: z.array(NotificationOut),
            nextCursor: z.string().nullable(),
            unread: z.number().int(),
          }),
        },
        400: { description: 'invalid filter or cursor' },
      },
      handler: async ({ res, query, principal }) => {
        const q = query as z.infer<typeof NotificationQuery>;
        const before = q.cursor
          ? Number(decodeCursor(q.cursor, ['id'] as const, (c) => NotificationId.test(c.id)).id)
          : undefined;
        const person = principal!.name;
        const [rows, unread] = await Promise.all([
          listNotifications(db, person, { unread: q.unread === 'true', before, limit: q.limit + 1 }),
          unreadCount(db, person),
        ]);
        const page = rows.slice(0, q.limit);
        res.setHeader('X-Unread-Count', String(unread));
        res.json({
          items: page.map(shown),
          nextCursor: rows.length > q.limit ? encodeCursor({ id: String(page[page.length - 1]!.id) }) : null,
          unread,
        });
      },
    }),
    route({
      method: 'get',
      path: '/v1/notifications/stream',
      operationId: 'streamNotifications',
      summary: "A stream of the caller's new notifications (server-sent events)",
      description:
        'Each notification committed for the caller is an event `notification` with `{id, caseId}`: ' +
        'list them for the rest. An event `resync` comes once the stream flows and whenever ' +
        'notifications may have been missed: reload what you show. A comment line every 15 s keeps proxies open.',
      tags: ['notifications'],
      roles: PEOPLE,
      responses: {
        200: {
          description: 'text/event-stream',
          schema: z.object({ id: z.string(), caseId: z.string() }).openapi('NotificationAdded'),
          contentType: 'text/event-stream',
        },
      },
      handler: async ({ req, res, principal }) => {
        const person = principal!.name;
        openEventStream(req, res, feed, (send) =>
          feed.subscribeNotifications(
            (n) => {
              if (n.person === person) send('notification', { id: n.id, caseId: n.caseId });
            },
            () => send('resync', {}),
          ),
        );
      },
    }),
    route({
      method: 'post',
      path: '/v1/notifications/:id/read',
      operationId: 'markNotificationRead',
      summary: 'Mark one of the caller’s notifications read',
      description: 'Marking again keeps the first time. Another person’s notification is 404.',
      tags: ['notifications'],
      roles: PEOPLE,
      responses: {
        200: { description: 'the notification, read', schema: NotificationOut },
        404: { description: 'no such notification of the caller' },
      },
      handler: async ({ res, params, principal }) => {
        const id = params.id ?? '';
        const row = NotificationId.test(id) ? await markRead(db, principal!.name, Number(id)) : undefined;
        if (!row) throw problem.notFound(`no notification '${id}' of yours`);
        res.json(shown(row));
      },
    }),
  ];
}
