/** Webhook subscriptions and their delivery log (admin). */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { Db } from '../../db/database.js';
import type { Database } from '../../db/schema.js';
import type { Role } from '../../domain/people.js';
import { route, type RouteSpec } from '../http.js';
import { problem } from '../problem.js';
import { z } from '../zod.js';
import type { WebhookTargets } from '../../platform/webhook-targets.js';

import { INCIDENT_EVENT_TYPES } from '../../domain/incident/contract.js';

const ADMIN: Role[] = ['admin'];

export const EVENT_TYPES = [
  'case.opened',
  'case.classified',
  'case.assigned',
  'case.accepted',
  'case.findings_recorded',
  'case.note_added',
  'case.waiting_for_customer',
  'case.customer_replied',
  'case.customer_reminded',
  'case.resolution_proposed',
  'case.approval_requested',
  'case.approved',
  'case.approval_rejected',
  'case.resolved',
  'case.callback',
  'case.rated',
  'case.escalated',
  'case.priority_changed',
  'case.reopened',
  'case.closed',
  'case.rejected',
  'case.withdrawn',
  'sla.warning',
  'sla.breached',
  'sla.extended',
  'sla.rating_expired',
  'supervisor.notified',
  ...INCIDENT_EVENT_TYPES,
] as const;

const SubscriptionInput = z
  .object({
    url: z.url({ protocol: /^https?$/ }),
    events: z
      .array(z.union([z.literal('*'), z.enum(EVENT_TYPES)]))
      .min(1)
      .default(['*']),
    secret: z.string().min(16).max(200).optional(),
  })
  .strict()
  .openapi('WebhookSubscriptionInput');
const Subscription = z
  .object({
    id: z.string(),
    url: z.string(),
    events: z.array(z.string()),
    active: z.boolean(),
    paused: z.boolean(),
    /** After a rotation: until when the previous secret still signs (a second v1 in X-Signature). */
    previousSecretValidUntil: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('WebhookSubscription');
const SubscriptionChange = z.object({ paused: z.boolean() }).strict().openapi('WebhookSubscriptionChange');
const Rotation = z
  .object({
    secret: z.string().min(16).max(200).optional(),
    overlapSeconds: z
      .number()
      .int()
      .min(0)
      .max(7 * 86400)
      .default(86400),
  })
  .strict()
  .openapi('WebhookSecretRotation');
const STATUSES = ['pending', 'delivered', 'failed', 'cancelled'] as const;
type DeliveryStatus = (typeof STATUSES)[number];
const Delivery = z
  .object({
    eventId: z.string(),
    caseId: z.string(),
    sequence: z.number(),
    status: z.enum(STATUSES),
    attempts: z.number(),
    nextAttemptAt: z.string().nullable(),
    lastStatusCode: z.number().nullable(),
    lastError: z.string().nullable(),
    lastAttemptAt: z.string().nullable(),
    deliveredAt: z.string().nullable(),
  })
  .openapi('WebhookDelivery');

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

export function webhookRoutes(
  db: Db,
  wakeDeliveries: (subscriptionIds: string[]) => Promise<void>,
  targets: WebhookTargets,
): RouteSpec[] {
  const existing = async (id: string) => {
    const row = await db
      .selectFrom('webhook_subscriptions')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row || !row.active) throw problem.notFound(`no webhook subscription '${id}'`);
    return row;
  };
  return [
    route({
      method: 'post',
      path: '/v1/webhooks',
      operationId: 'createWebhook',
      summary: 'Subscribe a URL to case events',
      description:
        'Each event is POSTed as JSON with X-Event-Id and X-Signature: t=<unix>,v1=<hex HMAC-SHA256 of "t.body" with the secret>. The secret is shown in this answer only.',
      tags: ['webhooks'],
      roles: ADMIN,
      body: SubscriptionInput,
      responses: {
        201: {
          description: 'the subscription and its secret',
          schema: Subscription.extend({ secret: z.string() }),
        },
        400: { description: 'invalid, or a loopback, private, link-local or metadata address' },
      },
      handler: async ({ res, body }) => {
        const b = body as z.infer<typeof SubscriptionInput>;
        // A name that does not resolve yet may be subscribed: every delivery checks it again.
        const refused = await targets.refusal(b.url, { unresolvedOk: true });
        if (refused)
          throw problem.badRequest(`url: ${refused}`, [{ path: 'url', in: 'body', message: refused }]);
        const row = await db
          .insertInto('webhook_subscriptions')
          .values({
            id: `whk_${randomUUID().replace(/-/g, '').slice(0, 16)}`,
            url: b.url,
            event_types: JSON.stringify(b.events),
            secret: b.secret ?? newSecret(),
            active: true,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        res.status(201).json({ ...toSubscription(row), secret: row.secret });
      },
    }),
    route({
      method: 'get',
      path: '/v1/webhooks',
      operationId: 'listWebhooks',
      summary: 'List webhook subscriptions',
      tags: ['webhooks'],
      roles: ADMIN,
      responses: {
        200: { description: 'subscriptions', schema: z.object({ items: z.array(Subscription) }) },
      },
      handler: async ({ res }) => {
        const rows = await db.selectFrom('webhook_subscriptions').selectAll().orderBy('created_at').execute();
        res.json({ items: rows.map(toSubscription) });
      },
    }),
    route({
      method: 'delete',
      path: '/v1/webhooks/:id',
      operationId: 'deleteWebhook',
      summary: 'Unsubscribe: nothing more is sent, pending deliveries are cancelled (the log stays)',
      tags: ['webhooks'],
      roles: ADMIN,
      responses: { 204: { description: 'unsubscribed' }, 404: { description: 'unknown subscription' } },
      handler: async ({ res, params }) => {
        const r = await db.transaction().execute(async (trx) => {
          const r = await trx
            .updateTable('webhook_subscriptions')
            .set({ active: false })
            .where('id', '=', params.id!)
            .executeTakeFirst();
          await trx
            .updateTable('webhook_deliveries')
            .set({ status: 'cancelled', locked_until: null })
            .where('subscription_id', '=', params.id!)
            .where('status', '=', 'pending')
            .execute();
          return r;
        });
        if (Number(r.numUpdatedRows) === 0) throw problem.notFound(`no webhook subscription '${params.id}'`);
        res.status(204).end();
      },
    }),
    route({
      method: 'patch',
      path: '/v1/webhooks/:id',
      operationId: 'updateWebhook',
      summary: 'Pause or resume a subscription',
      description:
        'Paused: events are still queued for it, nothing is sent (an attempt in flight finishes). Resumed: what is queued goes out in order.',
      tags: ['webhooks'],
      roles: ADMIN,
      body: SubscriptionChange,
      responses: {
        200: { description: 'the subscription', schema: Subscription },
        400: { description: 'invalid' },
        404: { description: 'unknown subscription' },
      },
      handler: async ({ res, params, body }) => {
        const b = body as z.infer<typeof SubscriptionChange>;
        await existing(params.id!);
        const row = await db
          .updateTable('webhook_subscriptions')
          .set({ paused: b.paused })
          .where('id', '=', params.id!)
          .returningAll()
          .executeTakeFirstOrThrow();
        if (!b.paused) await wakeDeliveries([row.id]);
        res.json(toSubscription(row));
      },
    }),
    route({
      method: 'post',
      path: '/v1/webhooks/:id/rotate-secret',
      operationId: 'rotateWebhookSecret',
      summary: "Rotate a subscription's secret",
      description:
        'The new secret signs from now on; the previous one also signs (a second v1 in X-Signature) for overlapSeconds (default 1 day), so receivers can switch over. The new secret is shown in this answer only.',
      tags: ['webhooks'],
      roles: ADMIN,
      body: Rotation,
      responses: {
        200: {
          description: 'the subscription and its new secret',
          schema: Subscription.extend({ secret: z.string() }),
        },
        400: { description: 'invalid' },
        404: { description: 'unknown subscription' },
      },
      handler: async ({ res, params, body }) => {
        const b = body as z.infer<typeof Rotation>;
        const old = await existing(params.id!);
        const row = await db
          .updateTable('webhook_subscriptions')
          .set({
            secret: b.secret ?? newSecret(),
            previous_secret: old.secret,
            previous_secret_until: new Date(Date.now() + b.overlapSeconds * 1000),
          })
          .where('id', '=', old.id)
          .returningAll()
          .executeTakeFirstOrThrow();
        res.json({ ...toSubscription(row), secret: row.secret });
      },
    }),
    route({
      method: 'post',
      path: '/v1/webhooks/:id/deliveries/:eventId/redeliver',
      operationId: 'redeliverWebhookDelivery',
      summary: 'Send a delivery again (one that failed, or any other)',
      description:
        'The delivery becomes pending with a fresh retry window and goes out after any earlier pending event of its case.',
      tags: ['webhooks'],
      roles: ADMIN,
      responses: {
        202: { description: 'queued again', schema: Delivery },
        404: { description: 'unknown subscription or delivery' },
      },
      handler: async ({ res, params }) => {
        await existing(params.id!);
        const row = await db
          .updateTable('webhook_deliveries')
          .set({ status: 'pending', retry_from: new Date(), next_attempt_at: new Date(), locked_until: null })
          .where('subscription_id', '=', params.id!)
          .where('event_id', '=', params.eventId!)
          .returningAll()
          .executeTakeFirst();
        if (!row)
          throw problem.notFound(`no delivery of event '${params.eventId}' to subscription '${params.id}'`);
        await wakeDeliveries([params.id!]);
        res.status(202).json(toDelivery(row));
      },
    }),
    route({
      method: 'get',
      path: '/v1/webhooks/:id/deliveries',
      operationId: 'listWebhookDeliveries',
      summary: "A subscription's delivery log, newest first",
      tags: ['webhooks'],
      roles: ADMIN,
      query: z
        .object({
          status: z.enum(STATUSES).optional(),
          caseId: z.string().optional(),
          limit: z.coerce.number().int().min(1).max(1000).default(100),
        })
        .strict(),
      responses: {
        200: { description: 'deliveries', schema: z.object({ items: z.array(Delivery) }) },
        404: { description: 'unknown subscription' },
      },
      handler: async ({ res, params, query }) => {
        const q = query as { status?: DeliveryStatus; caseId?: string; limit: number };
        const sub = await db
          .selectFrom('webhook_subscriptions')
          .select('id')
          .where('id', '=', params.id!)
          .executeTakeFirst();
        if (!sub) throw problem.notFound(`no webhook subscription '${params.id}'`);
        let sel = db.selectFrom('webhook_deliveries').selectAll().where('subscription_id', '=', params.id!);
        if (q.status) sel = sel.where('status', '=', q.status);
        if (q.caseId) sel = sel.where('case_id', '=', q.caseId);
        const rows = await sel.orderBy('created_at', 'desc').orderBy('seq', 'desc').limit(q.limit).execute();
        res.json({ items: rows.map(toDelivery) });
      },
    }),
  ];
}

const newSecret = () => `whsec_${randomBytes(24).toString('base64url')}`;

function toSubscription(r: Selectable<Database['webhook_subscriptions']>) {
  const overlap =
    r.previous_secret_until && r.previous_secret_until > new Date() ? r.previous_secret_until : null;
  return {
    id: r.id,
    url: r.url,
    events: r.event_types,
    active: r.active,
    paused: r.paused,
    previousSecretValidUntil: iso(overlap),
    createdAt: iso(r.created_at)!,
  };
}

function toDelivery(r: Selectable<Database['webhook_deliveries']>) {
  return {
    eventId: r.event_id,
    caseId: r.case_id,
    sequence: r.seq,
    status: r.status,
    attempts: r.attempts,
    nextAttemptAt: r.status === 'pending' ? iso(r.next_attempt_at) : null,
    lastStatusCode: r.last_status_code,
    lastError: r.last_error,
    lastAttemptAt: iso(r.last_attempt_at),
    deliveredAt: iso(r.delivered_at),
  };
}
