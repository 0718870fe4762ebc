/**
 * Webhook delivery from the outbox: signed (HMAC-SHA256 over "t.body"), carrying the event id so
 * receivers can de-duplicate. The delivery rows are the queue: one delivery workflow per
 * subscription (workflows/webhooks.ts) runs `deliverDue`, which sends what is due case by case in
 * sequence order and gives each failed row its own backoff, until it is delivered or, past the
 * retry window, marked failed.
 */
import { createHmac } from 'node:crypto';
import { sql } from 'kysely';
import type { Logger } from 'pino';
import type { Db } from '../db/database.js';
import { metrics } from '../platform/metrics.js';
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

/** `t=<unix>,v1=<mac>`; during a secret rotation a second `v1` signs with the previous secret. */
export function signature(secrets: string[], body: string, unixSeconds: number): string {
  const macs = secrets.map(
    (s) => `v1=${createHmac('sha256', s).update(`${unixSeconds}.${body}`).digest('hex')}`,
  );
  return [`t=${unixSeconds}`, ...macs].join(',');
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

interface Row {
  event_id: string;
  case_id: string;
  seq: number;
  attempts: number;
  window_start: Date;
}

interface Subscription {
  id: string;
  url: string;
  secret: string;
  previous_secret: string | null;
  previous_secret_until: Date | null;
  active: boolean;
  paused: boolean;
}

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
    claim: () => claimDue(db, subscriptionId),
    send: (rows, deadline) => sendInLanes(deps, sub, rows, deadline),
    going: () => sub.sending(),
  });
  if (!(await sub.sending())) return { nextAt: null, stop: true };
  return { nextAt: await nextClaimableAt(db, subscriptionId), stop: false };
}

/**
 * When the next row can be claimed: each case's first pending event decides for the case (its
 * later events wait behind it), at its attempt time or when another pass's claim on it lapses.
 * The later events' own attempt times are long past: taking the minimum over every pending row
 * would wake the workflow at once, again and again, while a dead receiver's backoff runs.
 */
async function nextClaimableAt(db: Db, subscriptionId: string): Promise<number | null> {
  const next = await sql<{ at: Date | null }>`
    SELECT min(greatest(next_attempt_at, locked_until)) AS at -- greatest() skips a NULL claim
    FROM (SELECT DISTINCT ON (case_id) next_attempt_at, locked_until FROM webhook_deliveries
          WHERE subscription_id = ${subscriptionId} AND status = 'pending'
          ORDER BY case_id, seq) AS heads`.execute(db);
  const at = next.rows[0]?.at;
  return at ? new Date(at).getTime() : null;
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
      this.row = await this.db
        .selectFrom('webhook_subscriptions')
        .select(['id', 'url', 'secret', 'previous_secret', 'previous_secret_until', 'active', 'paused'])
        .where('id', '=', this.id)
        .executeTakeFirst();
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
 * Claims what is due: pending rows whose attempt time has come, in cases where no earlier event is
 * still waiting for its retry (a case's events go out in sequence order). The claim lasts longer
 * than a pass, so a second sender (a retried activity while the first still runs) skips them.
 */
async function claimDue(db: Db, subscriptionId: string): Promise<Row[]> {
  const claimed = await sql<Row>`
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
  const payloads = new Map(
    (
      await deps.db
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
  // The name may resolve somewhere else than when the subscription was made.
  const refused = payload === undefined ? undefined : await (deps.targets ?? defaultTargets()).refusal(s.url);
  const outcome: { ok: boolean; status?: number; error?: string } =
    payload === undefined
      ? { ok: false, error: 'event missing from the outbox' }
      : refused
        ? { ok: false, error: `refused: ${refused}` }
        : await post(s.url, body, secrets, row.event_id, deps.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const attempts = row.attempts + 1;
  const gaveUp = !outcome.ok && Date.now() - row.window_start.getTime() >= deps.retryForMs;
  await deps.db
    .updateTable('webhook_deliveries')
    .set({
      status: outcome.ok ? 'delivered' : gaveUp ? 'failed' : 'pending',
      attempts,
      last_status_code: outcome.status ?? null,
      last_error: outcome.error ?? null,
      last_attempt_at: new Date(),
      delivered_at: outcome.ok ? new Date() : null,
      next_attempt_at: new Date(Date.now() + (outcome.ok ? 0 : backoffMs(attempts))),
      locked_until: null,
    })
    .where('subscription_id', '=', s.id)
    .where('event_id', '=', row.event_id)
    // Deleted meanwhile: the row was cancelled and stays so.
    .where('status', '=', 'pending')
    .execute();
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
  await db
    .updateTable('webhook_deliveries')
    .set({ locked_until: null })
    .where('subscription_id', '=', s?.id ?? '')
    .where(
      'event_id',
      'in',
      rows.map((r) => r.event_id),
    )
    .execute();
}

async function post(url: string, body: string, secrets: string[], id: string, timeoutMs: number) {
  const t = Math.floor(Date.now() / 1000);
  const stop = cancellationSignal();
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'User-Agent': 'case-service-webhooks/1',
        'X-Event-Id': id,
        'X-Signature': signature(secrets, body, t),
      },
      body,
      signal: stop ? AbortSignal.any([AbortSignal.timeout(timeoutMs), stop]) : AbortSignal.timeout(timeoutMs),
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
