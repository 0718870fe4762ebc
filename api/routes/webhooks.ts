/**
 * Webhook subscriptions and their delivery log. Admin manages every subscription; an integrator
 * key manages only its own integration's (the key's name), and anything else is answered 404 as
 * if it did not exist (the rule of api/scope.ts). Reads and writes are db/webhooks.ts.
 */
import { randomUUID } from 'node:crypto';
import type { Principal } from '../auth.js';
import {
  findSubscription,
  insertSubscription,
  listDeliveries,
  listSubscriptions,
  queuePing,
  redeliver,
  rotateSecret,
  setPaused,
  unsubscribe,
  type DeliveryRow,
  type DeliveryStatus,
  type SubscriptionRow,
} from '../../db/webhooks.js';
import { auditedState } from '../../db/audit-state.js';
import type { Db } from '../../db/database.js';
import { PERSON_NAME, type Role } from '../../domain/people.js';
import { route, type RouteSpec } from '../http.js';
import { problem } from '../problem.js';
import { z } from '../zod.js';
import { newWebhookSecret } from '../../platform/webhook-signatures.js';
import type { WebhookTargets } from '../../platform/webhook-targets.js';

import { INCIDENT_EVENT_TYPES } from '../../domain/incident/contract.js';

/** Integrators for their own integration's subscriptions; admin (always allowed) for all. */
const OWNERS: Role[] = ['integrator'];

/** The test event `POST /v1/webhooks/{id}/ping` sends. */
export const PING_EVENT_TYPE = 'webhook.ping';
export const WebhookPing = z
  .object({
    id: z.string().openapi({ description: '`ping:<uuid>`, also in `webhook-id`' }),
    type: z.literal(PING_EVENT_TYPE),
    subscriptionId: z.string(),
    occurredAt: z.string(),
    data: z.object({}),
  })
  .openapi('WebhookPing');

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
  'case.transferred',
  'case.transfer_refused',
  'case.handed_back',
  'case.team_changed',
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
    secret: z.string().min(16).max(200).optional().openapi({
      description:
        'default: a new `whsec_<base64>` secret (Standard Webhooks). A secret of another form also signs; see docs/api.md for how receivers key it.',
    }),
    integration: z.string().regex(PERSON_NAME, 'an integrator key name').optional().openapi({
      description:
        "the integration (an integrator key's name) it belongs to: it receives only events of the cases that integration opened and of incidents linked to them. An integrator key's subscriptions always belong to its own integration; admin's without one receive every event.",
    }),
  })
  .strict()
  .openapi('WebhookSubscriptionInput');
const Subscription = z
  .object({
    id: z.string(),
    url: z.string(),
    events: z.array(z.string()),
    integration: z
      .string()
      .nullable()
      .openapi({ description: "the integration it belongs to; null: admin's, every event" }),
    active: z.boolean(),
    paused: z.boolean(),
    /** After a rotation: until when the previous secret still signs (a second signature in each header). */
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
const STATUSES = ['pending', 'delivered', 'failed', 'cancelled'] as const satisfies readonly DeliveryStatus[];
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

/** The integration whose subscriptions the caller manages; undefined: every subscription (admin). */
const integrationOf = (p: Principal): string | undefined => (p.role === 'admin' ? undefined : p.name);

const SIGNING =
  'Each event is POSTed as JSON, signed twice: Standard Webhooks (`webhook-id`, `webhook-timestamp`, `webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">`) and `X-Signature: t=<unix>,v1=<hex HMAC-SHA256 of "t.body">` with `X-Event-Id`.';

export function webhookRoutes(
  db: Db,
  wakeDeliveries: (subscriptionIds: string[]) => Promise<void>,
  targets: WebhookTargets,
): RouteSpec[] {
  /** The caller's live subscription, or 404 (another integration's is answered the same). */
  const existing = async (id: string, p: Principal) => {
    const row = await findSubscription(db, id, { integration: integrationOf(p) });
    if (!row) throw problem.notFound(`no webhook subscription '${id}'`);
    return row;
  };
  return [
    route({
      method: 'post',
      path: '/v1/webhooks',
      operationId: 'createWebhook',
      summary: 'Subscribe a URL to events',
      description: `${SIGNING} The secret is shown in this answer only. An integrator key subscribes for its own integration: only its cases' events (and those of incidents linked to them) are sent.`,
      tags: ['webhooks'],
      roles: OWNERS,
      audit: { action: 'webhook.created', targetType: 'webhook', state: auditedState.webhook(db) },
      body: SubscriptionInput,
      responses: {
        201: {
          description: 'the subscription and its secret',
          schema: Subscription.extend({ secret: z.string() }),
        },
        400: { description: 'invalid, or a loopback, private, link-local or metadata address' },
        403: { description: 'an integrator key naming another integration than its own' },
      },
      handler: async ({ res, body, principal }) => {
        const b = body as z.infer<typeof SubscriptionInput>;
        const own = integrationOf(principal);
        if (own !== undefined && b.integration !== undefined && b.integration !== own)
          throw problem.forbidden(`an integrator key subscribes for its own integration ('${own}') only`);
        // A name that does not resolve yet may be subscribed: every connection is checked again.
        const refused = await targets.refusal(b.url, { unresolvedOk: true });
        if (refused)
          throw problem.badRequest(`url: ${refused}`, [{ path: 'url', in: 'body', message: refused }]);
        const row = await insertSubscription(db, {
          id: `whk_${randomUUID().replace(/-/g, '').slice(0, 16)}`,
          url: b.url,
          events: b.events,
          secret: b.secret ?? newWebhookSecret(),
          integration: own ?? b.integration ?? null,
        });
        res.status(201).json({ ...toSubscription(row), secret: row.secret });
      },
    }),
    route({
      method: 'get',
      path: '/v1/webhooks',
      operationId: 'listWebhooks',
      summary: 'List webhook subscriptions (an integrator key: its own)',
      tags: ['webhooks'],
      roles: OWNERS,
      responses: {
        200: { description: 'subscriptions', schema: z.object({ items: z.array(Subscription) }) },
      },
      handler: async ({ res, principal }) => {
        const rows = await listSubscriptions(db, integrationOf(principal));
        res.json({ items: rows.map(toSubscription) });
      },
    }),
    route({
      method: 'get',
      path: '/v1/webhooks/:id',
      operationId: 'getWebhook',
      summary: 'A webhook subscription',
      tags: ['webhooks'],
      roles: OWNERS,
      responses: {
        200: { description: 'the subscription', schema: Subscription },
        404: { description: 'unknown subscription' },
      },
      handler: async ({ res, params, principal }) => {
        res.json(toSubscription(await existing(params.id!, principal)));
      },
    }),
    route({
      method: 'delete',
      path: '/v1/webhooks/:id',
      operationId: 'deleteWebhook',
      summary: 'Unsubscribe: nothing more is sent, pending deliveries are cancelled (the log stays)',
      tags: ['webhooks'],
      roles: OWNERS,
      audit: { action: 'webhook.deleted', targetType: 'webhook', state: auditedState.webhook(db) },
      responses: { 204: { description: 'unsubscribed' }, 404: { description: 'unknown subscription' } },
      handler: async ({ res, params, principal }) => {
        await existing(params.id!, principal);
        if (!(await unsubscribe(db, params.id!)))
          throw problem.notFound(`no webhook subscription '${params.id}'`);
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
      roles: OWNERS,
      audit: { action: 'webhook.changed', targetType: 'webhook', state: auditedState.webhook(db) },
      body: SubscriptionChange,
      responses: {
        200: { description: 'the subscription', schema: Subscription },
        400: { description: 'invalid' },
        404: { description: 'unknown subscription' },
      },
      handler: async ({ res, params, body, principal }) => {
        const b = body as z.infer<typeof SubscriptionChange>;
        await existing(params.id!, principal);
        const row = await setPaused(db, params.id!, b.paused);
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
        'The new secret signs from now on; the previous one also signs (a second signature in `webhook-signature` and in X-Signature) for overlapSeconds (default 1 day), so receivers can switch over. The new secret is shown in this answer only.',
      tags: ['webhooks'],
      roles: OWNERS,
      audit: { action: 'webhook.secret_rotated', targetType: 'webhook', state: auditedState.webhook(db) },
      body: Rotation,
      responses: {
        200: {
          description: 'the subscription and its new secret',
          schema: Subscription.extend({ secret: z.string() }),
        },
        400: { description: 'invalid' },
        404: { description: 'unknown subscription' },
      },
      handler: async ({ res, params, body, principal }) => {
        const b = body as z.infer<typeof Rotation>;
        const old = await existing(params.id!, principal);
        const until = new Date(Date.now() + b.overlapSeconds * 1000);
        const row = await rotateSecret(db, old.id, b.secret ?? newWebhookSecret(), until);
        res.json({ ...toSubscription(row), secret: row.secret });
      },
    }),
    route({
      method: 'post',
      path: '/v1/webhooks/:id/ping',
      operationId: 'pingWebhook',
      summary: 'Send a test event',
      description: `Queues a \`${PING_EVENT_TYPE}\` event for this subscription only; it goes out like any event (signed the same way; held while the subscription is paused) and shows in the delivery log under the case id \`ping:<subscription id>\`.`,
      tags: ['webhooks'],
      roles: OWNERS,
      responses: {
        202: { description: 'queued', schema: Delivery },
        404: { description: 'unknown subscription' },
      },
      handler: async ({ res, params, principal }) => {
        const sub = await existing(params.id!, principal);
        const id = `ping:${randomUUID()}`;
        const row = await queuePing(db, sub.id, {
          id,
          type: PING_EVENT_TYPE,
          payload: {
            id,
            type: PING_EVENT_TYPE,
            subscriptionId: sub.id,
            occurredAt: new Date().toISOString(),
            data: {},
          },
        });
        await wakeDeliveries([sub.id]);
        res.status(202).json(toDelivery(row));
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
      roles: OWNERS,
      responses: {
        202: { description: 'queued again', schema: Delivery },
        404: { description: 'unknown subscription or delivery' },
      },
      handler: async ({ res, params, principal }) => {
        await existing(params.id!, principal);
        const row = await redeliver(db, params.id!, params.eventId!);
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
      roles: OWNERS,
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
      handler: async ({ res, params, query, principal }) => {
        const q = query as { status?: DeliveryStatus; caseId?: string; limit: number };
        // The log outlives the subscription: an ended one's deliveries can still be read.
        const sub = await findSubscription(db, params.id!, {
          integration: integrationOf(principal),
          ended: true,
        });
        if (!sub) throw problem.notFound(`no webhook subscription '${params.id}'`);
        res.json({ items: (await listDeliveries(db, sub.id, q)).map(toDelivery) });
      },
    }),
  ];
}

function toSubscription(r: SubscriptionRow) {
  const overlap =
    r.previous_secret_until && r.previous_secret_until > new Date() ? r.previous_secret_until : null;
  return {
    id: r.id,
    url: r.url,
    events: r.event_types,
    integration: r.integration,
    active: r.active,
    paused: r.paused,
    previousSecretValidUntil: iso(overlap),
    createdAt: iso(r.created_at)!,
  };
}

function toDelivery(r: DeliveryRow) {
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
