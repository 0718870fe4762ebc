/**
 * Webhook delivery from the outbox: signed twice (our X-Signature and Standard Webhooks, see
 * platform/webhook-signatures.ts), carrying the event id so receivers can de-duplicate, sent only
 * to addresses the target rule passes at connect time (platform/webhook-http.ts). The delivery
 * rows are the queue (db/webhooks.ts): one delivery workflow per subscription (workflows/webhooks.ts)
 * runs `deliverDue`, which sends what is due case by case in sequence order and gives each failed
 * row its own backoff, until it is delivered or, past the retry window, marked failed.
 */
import type { Logger } from 'pino';
import type { Db } from '../db/database.js';
import {
  claimDueDeliveries,
  deliveryTarget,
  nextClaimableAt,
  outboxPayloads,
  recordAttempt,
  releaseDeliveries,
  type DeliveryTarget,
  type DueDelivery,
} from '../db/webhooks.js';
import { metrics } from '../platform/metrics.js';
import { postWebhook } from '../platform/webhook-http.js';
import { signatureHeaders } from '../platform/webhook-signatures.js';
import { WebhookTargets } from '../platform/webhook-targets.js';
import type { CaseEvent, CaseView } from '../domain/case/types.js';
import { backoffMs, cancellationSignal, cancelled, heartbeatIfActivity, runPass } from './outbox-pass.js';
import { inLanes } from '../platform/lanes.js';

export const eventId = (caseId: string, seq: number) => `${caseId}:${seq}`;

export interface WebhookPayload {
  id: string;
  type: string;
  caseId: string;
  sequence: number;
  occurredAt: string;
  /** Deprecated: `sequence` under the timeline's name, so both read the same (removed in API v2). */
  seq: number;
  /** Deprecated: `occurredAt` under the timeline's name. */
  at: string;
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
    seq: e.seq,
    at: e.at,
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

export interface DeliveryDeps {
  db: Db;
  logger: Logger;
  /** How long a delivery is retried before it is marked failed. */
  retryForMs: number;
  /** How long a receiver may take to answer one delivery. */
  timeoutMs?: number;
  /** A pass stops taking new rows after this long, so the activity heartbeats and returns. */
  budgetMs?: number;
  /** Cases sent at the same time (each case's events one after another). */
  lanes?: number;
  /** Where webhooks may go, checked again at every delivery; default: public addresses only. */
  targets?: WebhookTargets;
}

export const DEFAULT_TIMEOUT_MS = 10_000;

type Row = DueDelivery;
type Subscription = DeliveryTarget;

export function createDeliveryActivities(deps: DeliveryDeps) {
  return {
    /** Sends what the subscription has due; says when the next retry is due, or to stop. */
    async deliverDue(input: { subscriptionId: string }): Promise<{ nextAt: number | null; stop: boolean }> {
      return deliverDue(deps, input.subscriptionId);
    },
  };
}
export type DeliveryActivities = ReturnType<typeof createDeliveryActivities>;

export async function deliverDue(
  deps: DeliveryDeps,
  subscriptionId: string,
): Promise<{ nextAt: number | null; stop: boolean }> {
  const { db, budgetMs = 30_000 } = deps;
  const sub = new SubscriptionState(db, subscriptionId);
  if (!(await sub.sending())) return { nextAt: null, stop: true };
  await runPass({
    budgetMs,
    claim: () => claimDueDeliveries(db, subscriptionId),
    send: (rows, deadline) => sendInLanes(deps, sub, rows, deadline),
    going: () => sub.sending(),
  });
  if (!(await sub.sending())) return { nextAt: null, stop: true };
  return { nextAt: await nextClaimableAt(db, subscriptionId), stop: false };
}

/** The subscription as it is now (re-read at most once a second): deleting or pausing stops at once. */
class SubscriptionState {
  private row: Subscription | undefined;
  private readAt = 0;
  constructor(
    private readonly db: Db,
    private readonly id: string,
  ) {}

  async current(): Promise<Subscription | undefined> {
    if (Date.now() - this.readAt > 1000) {
      this.row = await deliveryTarget(this.db, this.id);
      this.readAt = Date.now();
    }
    return this.row;
  }

  async sending(): Promise<boolean> {
    const s = await this.current();
    return !!s && s.active && !s.paused;
  }
}

/**
 * Cases side by side, each case's events in order; a case stops at its first failure. Past the
 * pass's deadline no lane starts another case: behind a receiver that never answers each case
 * costs a whole timeout, and a long backlog must not outlast the activity's own timeout.
 */
async function sendInLanes(
  deps: DeliveryDeps,
  sub: SubscriptionState,
  rows: Row[],
  deadline: number,
): Promise<number> {
  let delivered = 0;
  const byCase = new Map<string, Row[]>();
  for (const r of rows.sort((a, b) => a.seq - b.seq)) {
    byCase.set(r.case_id, [...(byCase.get(r.case_id) ?? []), r]);
  }
  const payloads = await outboxPayloads(
    deps.db,
    rows.map((r) => r.event_id),
  );
  await inLanes([...byCase.values()], deps.lanes ?? 8, async (next) => {
    let i = 0;
    for (; i < next.length && Date.now() < deadline; i++) {
      const s = await sub.current();
      if (!s || !s.active || s.paused || cancelled()) break;
      const outcome = await sendOne(deps, s, next[i]!, payloads.get(next[i]!.event_id));
      if (outcome === 'delivered') delivered += 1;
      if (outcome === 'retry') {
        i += 1;
        break;
      }
    }
    await release(deps.db, sub, next.slice(i));
  });
  return delivered;
}

/** One attempt, recorded on the row; the case goes on with its next event unless it is 'retry'. */
async function sendOne(
  deps: DeliveryDeps,
  s: Subscription,
  row: Row,
  payload: unknown,
): Promise<'delivered' | 'gave-up' | 'retry'> {
  heartbeatIfActivity(row.event_id);
  const body = JSON.stringify(payload);
  const secrets =
    s.previous_secret && s.previous_secret_until && s.previous_secret_until.getTime() > Date.now()
      ? [s.secret, s.previous_secret]
      : [s.secret];
  // The target rule is applied to the address each connection resolves to (DNS may have changed).
  const outcome =
    payload === undefined
      ? { ok: false, error: 'event missing from the outbox' }
      : await post(deps, s.url, body, secrets, row.event_id);
  const attempts = row.attempts + 1;
  const gaveUp = !outcome.ok && Date.now() - row.window_start.getTime() >= deps.retryForMs;
  await recordAttempt(deps.db, s.id, row.event_id, {
    status: outcome.ok ? 'delivered' : gaveUp ? 'failed' : 'pending',
    attempts,
    statusCode: outcome.status ?? null,
    error: outcome.error ?? null,
    nextAttemptAt: new Date(Date.now() + (outcome.ok ? 0 : backoffMs(attempts))),
  });
  metrics.webhookDeliveries.inc({ outcome: outcome.ok ? 'delivered' : gaveUp ? 'gave_up' : 'failed' });
  if (outcome.ok) return 'delivered';
  const log = { caseId: row.case_id, eventId: row.event_id, subscriptionId: s.id, attempts, ...outcome };
  if (gaveUp) deps.logger.error(log, 'webhook delivery gave up: marked failed (redeliver through the API)');
  else deps.logger.warn(log, 'webhook delivery failed; retrying');
  // A given-up event no longer holds back the case's later events.
  return gaveUp ? 'gave-up' : 'retry';
}

let sharedTargets: WebhookTargets | undefined;
const defaultTargets = () => (sharedTargets ??= new WebhookTargets());

async function release(db: Db, sub: SubscriptionState, rows: Row[]) {
  if (rows.length === 0) return;
  const s = await sub.current();
  await releaseDeliveries(
    db,
    s?.id ?? '',
    rows.map((r) => r.event_id),
  );
}

async function post(deps: DeliveryDeps, url: string, body: string, secrets: string[], id: string) {
  const stop = cancellationSignal();
  return postWebhook(
    deps.targets ?? defaultTargets(),
    url,
    signatureHeaders(secrets, id, body, Math.floor(Date.now() / 1000)),
    body,
    { timeoutMs: deps.timeoutMs ?? DEFAULT_TIMEOUT_MS, ...(stop ? { signal: stop } : {}) },
  );
}
