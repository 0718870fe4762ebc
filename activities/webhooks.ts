/**
 * Webhook delivery from the outbox: signed (HMAC-SHA256 over "t.body"), carrying the event id so
 * receivers can de-duplicate, retried by Temporal with exponential backoff until every delivery is made.
 */
import { createHmac } from 'node:crypto';
import { Context, heartbeat } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { sql } from 'kysely';
import type { Logger } from 'pino';
import type { Db } from '../db/database.js';
import { metrics } from '../runtime/metrics.js';
import type { CaseEvent, CaseView } from '../domain/case/types.js';

export const eventId = (caseId: string, seq: number) => `${caseId}:${seq}`;

export interface WebhookPayload {
  id: string;
  type: string;
  caseId: string;
  sequence: number;
  occurredAt: string;
  actor: string;
  data: Record<string, unknown>;
  case: Pick<CaseView, 'id' | 'number' | 'type' | 'status' | 'priority' | 'level' | 'assignee'>;
}

export function webhookPayload(view: CaseView, e: CaseEvent): WebhookPayload {
  return {
    id: eventId(view.id, e.seq),
    type: e.type,
    caseId: view.id,
    sequence: e.seq,
    occurredAt: e.at,
    actor: e.actor,
    data: e.data,
    case: {
      id: view.id,
      number: view.number,
      type: view.type,
      status: view.status,
      priority: view.priority,
      level: view.level,
      assignee: view.assignee,
    },
  };
}

export function signature(secret: string, body: string, unixSeconds: number): string {
  const mac = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${mac}`;
}

export interface DeliveryDeps {
  db: Db;
  logger: Logger;
  timeoutMs?: number;
}

/** Delivers every pending webhook of one case up to `upToSeq`, in sequence order; throws while any is left. */
export async function deliverPending(
  { db, logger, timeoutMs = 10_000 }: DeliveryDeps,
  caseId: string,
  upToSeq: number,
) {
  // Claim rows for a while so a concurrent attempt for the same case does not send them twice.
  const claimed = await sql<{
    subscription_id: string;
    event_id: string;
    seq: number;
  }>`UPDATE webhook_deliveries SET locked_until = now() + interval '20 seconds'
     WHERE (subscription_id, event_id) IN (
       SELECT subscription_id, event_id FROM webhook_deliveries
       WHERE case_id = ${caseId} AND seq <= ${upToSeq} AND status = 'pending'
         AND (locked_until IS NULL OR locked_until < now())
       ORDER BY seq FOR UPDATE SKIP LOCKED)
     RETURNING subscription_id, event_id, seq`.execute(db);
  const rows = claimed.rows.sort((a, b) => a.seq - b.seq);
  if (rows.length === 0) {
    const left = await db
      .selectFrom('webhook_deliveries')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('case_id', '=', caseId)
      .where('seq', '<=', upToSeq)
      .where('status', '=', 'pending')
      .executeTakeFirstOrThrow();
    if (Number(left.n) > 0)
      throw ApplicationFailure.retryable(`${left.n} deliveries are being sent by another attempt`);
    return { delivered: 0 };
  }
  const subs = new Map(
    (
      await db
        .selectFrom('webhook_subscriptions')
        .select(['id', 'url', 'secret'])
        .where(
          'id',
          'in',
          rows.map((r) => r.subscription_id),
        )
        .execute()
    ).map((s) => [s.id, s]),
  );
  const payloads = new Map(
    (
      await db
        .selectFrom('outbox')
        .select(['event_id', 'payload'])
        .where(
          'event_id',
          'in',
          rows.map((r) => r.event_id),
        )
        .execute()
    ).map((o) => [o.event_id, o.payload]),
  );

  let failed = 0;
  let delivered = 0;
  const brokenSubs = new Set<string>();
  // A worker shutting down cancels the activity: abort the request in flight and leave the rest
  // unlocked, so the next worker delivers them at once instead of after a timeout.
  const cancelled = activityCancellation();
  for (const row of rows) {
    if (cancelled?.aborted) {
      await release(db, row);
      continue;
    }
    const sub = subs.get(row.subscription_id);
    // Keep per-subscription order: after a failure, later events of that subscription wait for the retry.
    if (!sub || brokenSubs.has(row.subscription_id)) {
      await release(db, row);
      if (sub) failed += 1;
      continue;
    }
    heartbeatIfActivity(row.event_id);
    const body = JSON.stringify(payloads.get(row.event_id));
    const outcome = await post(sub.url, body, sub.secret, row.event_id, timeoutMs, cancelled);
    if (cancelled?.aborted) {
      await release(db, row);
      continue;
    }
    await db
      .updateTable('webhook_deliveries')
      .set({
        status: outcome.ok ? 'delivered' : 'pending',
        attempts: sql`attempts + 1`,
        last_status_code: outcome.status ?? null,
        last_error: outcome.error ?? null,
        last_attempt_at: new Date(),
        delivered_at: outcome.ok ? new Date() : null,
        locked_until: null,
      })
      .where('subscription_id', '=', row.subscription_id)
      .where('event_id', '=', row.event_id)
      .execute();
    metrics.webhookDeliveries.inc({ outcome: outcome.ok ? 'delivered' : 'failed' });
    if (outcome.ok) delivered += 1;
    else {
      failed += 1;
      brokenSubs.add(row.subscription_id);
      logger.warn({ caseId, eventId: row.event_id, url: sub.url, ...outcome }, 'webhook delivery failed');
    }
  }
  if (cancelled?.aborted) throw cancelled.reason;
  if (failed > 0)
    throw ApplicationFailure.retryable(
      `${failed} webhook deliveries failed; retrying`,
      'WebhookDeliveryFailed',
    );
  return { delivered };
}

function activityCancellation(): AbortSignal | undefined {
  try {
    return Context.current().cancellationSignal;
  } catch {
    return undefined; // called outside an activity
  }
}

function heartbeatIfActivity(progress: string): void {
  try {
    heartbeat(progress);
  } catch {
    // called outside an activity (tests of the delivery itself)
  }
}

async function release(db: Db, row: { subscription_id: string; event_id: string }) {
  await db
    .updateTable('webhook_deliveries')
    .set({ locked_until: null })
    .where('subscription_id', '=', row.subscription_id)
    .where('event_id', '=', row.event_id)
    .execute();
}

async function post(
  url: string,
  body: string,
  secret: string,
  id: string,
  timeoutMs: number,
  cancelled?: AbortSignal,
) {
  const t = Math.floor(Date.now() / 1000);
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'User-Agent': 'case-service-webhooks/1',
        'X-Event-Id': id,
        'X-Signature': signature(secret, body, t),
      },
      body,
      signal: cancelled
        ? AbortSignal.any([AbortSignal.timeout(timeoutMs), cancelled])
        : AbortSignal.timeout(timeoutMs),
      redirect: 'error',
    });
    await res.arrayBuffer().catch(() => undefined);
    return res.ok
      ? { ok: true, status: res.status }
      : { ok: false, status: res.status, error: `HTTP ${res.status}` };
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  }
}
