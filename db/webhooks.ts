/**
 * Webhook subscriptions and their deliveries: who receives what, the routes' reads and writes, and
 * the delivery rows as a queue (claimed, attempted, released) for the per-subscription delivery
 * workflow. A subscription with an `integration` sees only that integration's cases and their
 * incidents; without one (admin-owned) it sees every integrator-visible event.
 */
import { sql, type Kysely, type RawBuilder, type Selectable } from 'kysely';
import type { Db } from './database.js';
import type { Database, WebhookDeliveriesTable, WebhookSubscriptionsTable } from './schema.js';

export type SubscriptionRow = Selectable<WebhookSubscriptionsTable>;
export type DeliveryRow = Selectable<WebhookDeliveriesTable>;
export type DeliveryStatus = DeliveryRow['status'];

/** The actor an integration's keys act as (the opener recorded on its cases' first event). */
const integrationActor = sql<string>`'integrator:' || s.integration`;

/** Subscription `s` wants event `o` by type (`o` is an outbox row or CTE). */
export const wantsType: RawBuilder<boolean> = sql<boolean>`(s.event_types ? '*' OR s.event_types ? o.type)`;

/** Subscription `s` may receive the events of a case this actor opened. */
export const mayReceiveCase = (opener: RawBuilder<string | null>): RawBuilder<boolean> =>
  sql<boolean>`(s.integration IS NULL OR ${integrationActor} = ${opener})`;

/** Subscription `s` may receive the events of this incident: it is linked to one of its cases. */
export const mayReceiveIncident = (incidentId: string): RawBuilder<boolean> =>
  sql<boolean>`(s.integration IS NULL OR EXISTS (
    SELECT 1 FROM incident_cases ic JOIN case_events e ON e.case_id = ic.case_id AND e.seq = 1
    WHERE ic.incident_id = ${incidentId} AND ic.unlinked_at IS NULL AND e.actor = ${integrationActor}))`;

// ---- subscriptions (the API) ----

export async function insertSubscription(
  db: Db,
  s: { id: string; url: string; events: string[]; secret: string; integration: string | null },
): Promise<SubscriptionRow> {
  return db
    .insertInto('webhook_subscriptions')
    .values({
      id: s.id,
      url: s.url,
      event_types: JSON.stringify(s.events),
      secret: s.secret,
      integration: s.integration,
      active: true,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Every subscription (deleted ones too), oldest first; only the integration's when one is given. */
export async function listSubscriptions(db: Db, integration?: string): Promise<SubscriptionRow[]> {
  let q = db.selectFrom('webhook_subscriptions').selectAll();
  if (integration !== undefined) q = q.where('integration', '=', integration);
  return q.orderBy('created_at').orderBy('id').execute();
}

/**
 * A subscription, if it exists, is live (or `ended` is asked for too) and, when an integration is
 * given, belongs to it.
 */
export async function findSubscription(
  db: Db,
  id: string,
  { integration, ended = false }: { integration?: string | undefined; ended?: boolean } = {},
): Promise<SubscriptionRow | undefined> {
  let q = db.selectFrom('webhook_subscriptions').selectAll().where('id', '=', id);
  if (!ended) q = q.where('active', '=', true);
  if (integration !== undefined) q = q.where('integration', '=', integration);
  return q.executeTakeFirst();
}

export async function setPaused(db: Db, id: string, paused: boolean): Promise<SubscriptionRow> {
  return db
    .updateTable('webhook_subscriptions')
    .set({ paused })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The new secret signs from now on; the one it replaces also signs until `previousUntil`. */
export async function rotateSecret(
  db: Db,
  id: string,
  secret: string,
  previousUntil: Date,
): Promise<SubscriptionRow> {
  return db
    .updateTable('webhook_subscriptions')
    .set((eb) => ({ secret, previous_secret: eb.ref('secret'), previous_secret_until: previousUntil }))
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Nothing more is sent: the subscription ends and its pending deliveries are cancelled. */
export async function unsubscribe(db: Db, id: string): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const r = await trx
      .updateTable('webhook_subscriptions')
      .set({ active: false })
      .where('id', '=', id)
      .executeTakeFirst();
    await trx
      .updateTable('webhook_deliveries')
      .set({ status: 'cancelled', locked_until: null })
      .where('subscription_id', '=', id)
      .where('status', '=', 'pending')
      .execute();
    return Number(r.numUpdatedRows) > 0;
  });
}

/** The delivery becomes pending again, due now, with a fresh retry window. */
export async function redeliver(
  db: Db,
  subscriptionId: string,
  eventId: string,
): Promise<DeliveryRow | undefined> {
  return db
    .updateTable('webhook_deliveries')
    .set({ status: 'pending', retry_from: new Date(), next_attempt_at: new Date(), locked_until: null })
    .where('subscription_id', '=', subscriptionId)
    .where('event_id', '=', eventId)
    .returningAll()
    .executeTakeFirst();
}

/** A subscription's delivery log, newest first. */
export async function listDeliveries(
  db: Db,
  subscriptionId: string,
  f: { status?: DeliveryStatus; caseId?: string; limit: number },
): Promise<DeliveryRow[]> {
  let q = db.selectFrom('webhook_deliveries').selectAll().where('subscription_id', '=', subscriptionId);
  if (f.status) q = q.where('status', '=', f.status);
  if (f.caseId) q = q.where('case_id', '=', f.caseId);
  return q.orderBy('created_at', 'desc').orderBy('seq', 'desc').limit(f.limit).execute();
}

/**
 * A test event for one subscription, queued like any other (outbox row and delivery row), so it
 * goes out through the same signed path. Its "case" is `ping:<subscription>`, sequence 0: pings
 * never wait behind one another.
 */
export async function queuePing(
  db: Db,
  subscriptionId: string,
  event: { id: string; type: string; payload: Record<string, unknown> },
): Promise<DeliveryRow> {
  const caseKey = `ping:${subscriptionId}`;
  return db.transaction().execute(async (trx) => {
    await trx
      .insertInto('outbox')
      .values({
        event_id: event.id,
        case_id: caseKey,
        seq: 0,
        type: event.type,
        payload: JSON.stringify(event.payload),
      })
      .execute();
    return trx
      .insertInto('webhook_deliveries')
      .values({ subscription_id: subscriptionId, event_id: event.id, case_id: caseKey, seq: 0 })
      .returningAll()
      .executeTakeFirstOrThrow();
  });
}

// ---- the delivery queue (the delivery activity and its wakers) ----

export interface DueDelivery {
  event_id: string;
  case_id: string;
  seq: number;
  attempts: number;
  window_start: Date;
}

export type DeliveryTarget = Pick<
  SubscriptionRow,
  'id' | 'url' | 'secret' | 'previous_secret' | 'previous_secret_until' | 'active' | 'paused'
>;

export async function deliveryTarget(db: Db, id: string): Promise<DeliveryTarget | undefined> {
  return db
    .selectFrom('webhook_subscriptions')
    .select(['id', 'url', 'secret', 'previous_secret', 'previous_secret_until', 'active', 'paused'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/**
 * Claims what is due: pending rows whose attempt time has come, in cases where no earlier event is
 * still waiting for its retry (a case's events go out in sequence order). The claim lasts longer
 * than a pass, so a second sender (a retried activity while the first still runs) skips them.
 */
export async function claimDueDeliveries(db: Db, subscriptionId: string): Promise<DueDelivery[]> {
  const claimed = await sql<DueDelivery>`
    UPDATE webhook_deliveries SET locked_until = now() + interval '60 seconds'
    WHERE (subscription_id, event_id) IN (
      SELECT w.subscription_id, w.event_id FROM webhook_deliveries w
      WHERE w.subscription_id = ${subscriptionId} AND w.status = 'pending'
        AND w.next_attempt_at <= now()
        AND (w.locked_until IS NULL OR w.locked_until < now())
        AND NOT EXISTS (
          SELECT 1 FROM webhook_deliveries e
          WHERE e.subscription_id = w.subscription_id AND e.case_id = w.case_id
            AND e.status = 'pending' AND e.seq < w.seq
            AND (e.next_attempt_at > now() OR e.locked_until >= now()))
      ORDER BY w.created_at, w.seq LIMIT 200
      FOR UPDATE SKIP LOCKED)
    RETURNING event_id, case_id, seq, attempts, coalesce(retry_from, created_at) AS window_start`.execute(db);
  return claimed.rows;
}

/**
 * When the next row can be claimed: each case's first pending event decides for the case (its
 * later events wait behind it), at its attempt time or when another pass's claim on it lapses.
 * The later events' own attempt times are long past: taking the minimum over every pending row
 * would wake the workflow at once, again and again, while a dead receiver's backoff runs.
 */
export async function nextClaimableAt(db: Db, subscriptionId: string): Promise<number | null> {
  const next = await sql<{ at: Date | null }>`
    SELECT min(greatest(next_attempt_at, locked_until)) AS at -- greatest() skips a NULL claim
    FROM (SELECT DISTINCT ON (case_id) next_attempt_at, locked_until FROM webhook_deliveries
          WHERE subscription_id = ${subscriptionId} AND status = 'pending'
          ORDER BY case_id, seq) AS heads`.execute(db);
  const at = next.rows[0]?.at;
  return at ? new Date(at).getTime() : null;
}

/** The bodies of these events, by event id. */
export async function outboxPayloads(db: Db, eventIds: string[]): Promise<Map<string, unknown>> {
  if (eventIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('outbox')
    .select(['event_id', 'payload'])
    .where('event_id', 'in', eventIds)
    .execute();
  return new Map(rows.map((o) => [o.event_id, o.payload]));
}

/** One attempt's outcome on its row; a row cancelled meanwhile (unsubscribed) stays cancelled. */
export async function recordAttempt(
  db: Db,
  subscriptionId: string,
  eventId: string,
  a: {
    status: 'pending' | 'delivered' | 'failed';
    attempts: number;
    statusCode: number | null;
    error: string | null;
    nextAttemptAt: Date;
  },
): Promise<void> {
  await db
    .updateTable('webhook_deliveries')
    .set({
      status: a.status,
      attempts: a.attempts,
      last_status_code: a.statusCode,
      last_error: a.error,
      last_attempt_at: new Date(),
      delivered_at: a.status === 'delivered' ? new Date() : null,
      next_attempt_at: a.nextAttemptAt,
      locked_until: null,
    })
    .where('subscription_id', '=', subscriptionId)
    .where('event_id', '=', eventId)
    .where('status', '=', 'pending')
    .execute();
}

/** Gives back claimed rows a pass did not get to. */
export async function releaseDeliveries(db: Db, subscriptionId: string, eventIds: string[]): Promise<void> {
  if (eventIds.length === 0) return;
  await db
    .updateTable('webhook_deliveries')
    .set({ locked_until: null })
    .where('subscription_id', '=', subscriptionId)
    .where('event_id', 'in', eventIds)
    .execute();
}

/** Live, unpaused subscriptions with something pending (woken at worker start). */
export async function subscriptionsWithPending(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom('webhook_deliveries as d')
    .innerJoin('webhook_subscriptions as s', 's.id', 'd.subscription_id')
    .select('d.subscription_id')
    .distinct()
    .where('d.status', '=', 'pending')
    .where('s.active', '=', true)
    .where('s.paused', '=', false)
    .execute();
  return rows.map((r) => r.subscription_id);
}

/** Subscriptions with deliveries pending for a case's events up to `upToSeq`. */
export async function subscriptionsPendingForCase(
  db: Db,
  caseId: string,
  upToSeq: number,
): Promise<string[]> {
  const rows = await db
    .selectFrom('webhook_deliveries')
    .select('subscription_id')
    .distinct()
    .where('case_id', '=', caseId)
    .where('seq', '<=', upToSeq)
    .where('status', '=', 'pending')
    .execute();
  return rows.map((r) => r.subscription_id);
}

/**
 * Queues the incident's already-written outbox events for every subscription that wants them and
 * may see the incident; returns the subscriptions that got a delivery.
 */
export async function queueIncidentDeliveries(
  db: Kysely<Database>,
  incidentId: string,
  eventIds: string[],
): Promise<string[]> {
  if (eventIds.length === 0) return [];
  const due = await db
    .insertInto('webhook_deliveries')
    .columns(['subscription_id', 'event_id', 'case_id', 'seq'])
    .expression((eb) =>
      eb
        .selectFrom('webhook_subscriptions as s')
        .innerJoin('outbox as o', (j) => j.on(wantsType))
        .where('s.active', '=', true)
        .where(mayReceiveIncident(incidentId))
        .where('o.event_id', 'in', eventIds)
        .select(['s.id', 'o.event_id', 'o.case_id', 'o.seq']),
    )
    .onConflict((oc) => oc.columns(['subscription_id', 'event_id']).doNothing())
    .returning('subscription_id')
    .execute();
  return [...new Set(due.map((d) => d.subscription_id))];
}
