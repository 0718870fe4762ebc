/**
 * Activities: everything the case workflow does outside itself. Dependencies come in through
 * createActivities(deps), so tests and the worker wire them the same way.
 */
import { sql, type Insertable, type Kysely, type QueryCreator } from 'kysely';
import type { Logger } from 'pino';
import { heartbeat } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { pruneAudit } from '../db/audit-log.js';
import type { Db } from '../db/database.js';
import { leastLoadedAgent } from '../db/directory.js';
import type { PersonalData } from '../db/personal-data.js';
import { countEvents, metrics } from '../platform/metrics.js';
import type { Database } from '../db/schema.js';
import type { CaseType } from '../domain/case/contract.js';
import type { CaseProjection } from '../domain/case/projection.js';
import type { CaseEvent, CaseView } from '../domain/case/types.js';
import { visibleTo } from '../domain/case/visibility.js';
import { eventId, webhookPayload } from './webhooks.js';
import { queueMessages, type MailQueueDeps } from './mail.js';

/** Wakes the mail sender of the queue after the projection wrote outbox rows. */
export type WakeMail = () => Promise<void>;

export interface ActivityDeps {
  db: Db;
  logger: Logger;
  personalData: PersonalData;
  /** Tells these subscriptions' delivery workflows that deliveries are queued (signal-with-start). */
  wakeDeliveries: (subscriptionIds: string[]) => Promise<void>;
  /** Customer notifications: queued with the events, then the outbox's sender is woken. */
  mail?: { queue: MailQueueDeps; wake: WakeMail };
}

export function createActivities({ db, logger, personalData, wakeDeliveries, mail }: ActivityDeps) {
  return {
    /**
     * Writes the case's new state and events in one transaction, then wakes the delivery workflows
     * of the subscriptions it queued webhooks for. Idempotent and ordered: events are keyed by
     * (case, seq) and the row only moves forward, so a retried or late write is harmless.
     * A failure the same input would hit again (bad data, a constraint) is not retried here: the
     * case retries it on its own backoff timer, and ops see it (log, metric, the case's details).
     */
    async projectCase(sealed: CaseProjection): Promise<{ deliveries: number }> {
      let written: Awaited<ReturnType<typeof writeProjection>>;
      let p: CaseProjection;
      let messages: string[] = [];
      try {
        // The workflow only holds personal data sealed; the read model stores it revealed, read with
        // the case's data key locked so that an erasure cannot interleave (see revealLocked).
        ({ p, written } = await db.transaction().execute(async (trx) => {
          const p = await personalData.revealLocked(sealed, trx);
          const written = await writeProjection(trx, projectionRow(p), p.view, p.events);
          if (mail) messages = await queueMessages(trx, mail.queue, p.view, p.events);
          return { p, written };
        }));
      } catch (err) {
        throw projectionFailure(logger, sealed, err);
      }
      countEvents(
        p.view.type,
        p.events.filter((e) => written.inserted.has(e.seq)),
      );
      // Only once the delivery workflows know may the case go on: a lost wake-up would strand them.
      if (written.subscriptions.length > 0) await wakeDeliveries(written.subscriptions);
      if (mail && messages.length > 0) await mail.wake();
      logger.debug(
        { caseId: p.view.id, seq: p.seq, events: p.events.length, subscriptions: written.subscriptions },
        'case projected',
      );
      return { deliveries: written.subscriptions.length };
    },

    /** Retention: erases the personal data of cases closed longer ago than the retention period. */
    async eraseExpiredPersonalData(input: {
      olderThanDays: number;
      batch?: number;
    }): Promise<{ erased: number }> {
      const cutoff = new Date(Date.now() - input.olderThanDays * 86_400_000);
      let erased = 0;
      for (;;) {
        const rows = await db
          .selectFrom('cases')
          .select('id')
          .where('closed_at', '<', cutoff)
          .where('personal_data_erased_at', 'is', null)
          .limit(input.batch ?? 500)
          .execute();
        if (rows.length === 0) break;
        await personalData.eraseCases(rows.map((r) => r.id));
        erased += rows.length;
        heartbeat(erased);
      }
      if (erased) logger.info({ erased, cutoff }, 'retention: personal data erased');
      return { erased };
    },

    /** Audit log entries past their retention (at least 365 days: the table refuses younger ones). */
    async pruneAuditLog(input: { olderThanDays: number }): Promise<{ pruned: number }> {
      const days = Math.max(365, input.olderThanDays);
      const pruned = await pruneAudit(db, new Date(Date.now() - days * 86_400_000));
      if (pruned) logger.info({ pruned, days }, 'retention: audit log entries deleted');
      return { pruned };
    },

    /** Idempotency keys are kept at least as long as promised, then dropped. */
    async purgeIdempotencyKeys(input: { olderThanHours: number }): Promise<{ purged: number }> {
      const r = await db
        .deleteFrom('idempotency_keys')
        .where('created_at', '<', new Date(Date.now() - input.olderThanHours * 3600_000))
        .executeTakeFirst();
      return { purged: Number(r.numDeletedRows) };
    },

    /**
     * Cases started before `deliveries-outside-case` still call this after a projection: it hands
     * the case's pending deliveries to their subscriptions' delivery workflows and returns.
     */
    async deliverWebhooks(input: { caseId: string; upToSeq: number }): Promise<{ delivered: number }> {
      const subs = await db
        .selectFrom('webhook_deliveries')
        .select('subscription_id')
        .distinct()
        .where('case_id', '=', input.caseId)
        .where('seq', '<=', input.upToSeq)
        .where('status', '=', 'pending')
        .execute();
      if (subs.length > 0) await wakeDeliveries(subs.map((s) => s.subscription_id));
      return { delivered: 0 };
    },

    /** First-contact assignment by workload (see db/directory.ts). */
    async chooseAssignee(input: { type: CaseType; level: number }): Promise<string | null> {
      return leastLoadedAgent(db, input);
    },
  };
}

/** The read-model row of a revealed projection: the view plus the columns lists and reports use. */
function projectionRow(p: CaseProjection): CaseRow {
  const v = p.view;
  return {
    id: v.id,
    number: v.number,
    type: v.type,
    channel: v.channel,
    status: v.status,
    priority: v.priority,
    level: v.level,
    customer_id: v.customer.id,
    assignee: v.assignee,
    owner: v.owner,
    sla_policy: v.slaPolicy,
    breached: p.breached,
    next_deadline: p.nextDeadline,
    reopen_count: v.reopenCount,
    rating_score: v.rating?.score ?? null,
    first_contact_resolution: p.firstContactResolution,
    accepted_at: p.acceptedAt,
    resolved_at: p.resolvedAt,
    response_business_ms: p.responseBusinessMs ?? null,
    resolution_business_ms: p.resolutionBusinessMs ?? null,
    created_at: v.createdAt,
    updated_at: v.updatedAt,
    closed_at: v.closedAt,
    seq: p.seq,
    view: JSON.stringify(v),
  };
}

type CaseRow = Insertable<Database['cases']> & { id: string };

/**
 * The case row, its new events, their outbox rows and one delivery per matching subscription, as
 * ONE statement (data-modifying CTEs): atomic without a transaction, one round trip per change.
 * Events are keyed by (case, seq) and the row only moves forward; an equal seq overwrites, so a
 * step re-decided after a lost workflow task replaces what the first attempt wrote.
 * Returns the deliveries due (existing ones included: a re-decided step must still send them) and
 * the events this statement inserted rather than overwrote.
 */
async function writeProjection(
  db: Kysely<Database>,
  row: CaseRow,
  view: CaseView,
  events: CaseEvent[],
): Promise<{ subscriptions: string[]; inserted: Set<number> }> {
  const { id: _id, ...rest } = row;
  const upsertCase = (q: QueryCreator<Database>) =>
    q
      .insertInto('cases')
      .values(row)
      .onConflict((oc) =>
        oc
          .column('id')
          .doUpdateSet(
            (eb) =>
              Object.fromEntries(Object.keys(rest).map((k) => [k, eb.ref(`excluded.${k}` as any)])) as any,
          )
          .where('cases.seq', '<=', (eb) => eb.ref('excluded.seq')),
      )
      .returning('id');
  if (events.length === 0) {
    await upsertCase(db).execute();
    return { subscriptions: [], inserted: new Set() };
  }
  // Webhooks go to integrators' systems: only what integrators may read enters the outbox.
  const published = events.filter((e) => visibleTo('integrator', e));
  const rows = await db
    .with('written_case', upsertCase)
    .with('written_events', (q) =>
      q
        .insertInto('case_events')
        .values(
          events.map((e) => ({
            case_id: row.id,
            seq: e.seq,
            at: e.at,
            type: e.type,
            actor: e.actor,
            data: JSON.stringify(e.data),
          })),
        )
        .onConflict((oc) =>
          oc.columns(['case_id', 'seq']).doUpdateSet((eb) => ({
            at: eb.ref('excluded.at'),
            type: eb.ref('excluded.type'),
            actor: eb.ref('excluded.actor'),
            data: eb.ref('excluded.data'),
          })),
        )
        // xmax = 0 marks a row this statement inserted (not one it updated).
        .returning(['seq', sql<boolean>`xmax = 0`.as('inserted')]),
    )
    .with('written_outbox', (q) =>
      // An internal note alone publishes nothing: the CTE then selects no row.
      published.length === 0
        ? q
            .selectFrom('outbox')
            .select(['event_id', 'seq', 'type'])
            .where(sql<boolean>`false`)
        : q
            .insertInto('outbox')
            .values(
              published.map((e) => ({
                event_id: eventId(row.id, e.seq),
                case_id: row.id,
                seq: e.seq,
                type: e.type,
                payload: JSON.stringify(webhookPayload(view, e)),
              })),
            )
            .onConflict((oc) =>
              oc.column('event_id').doUpdateSet((eb) => ({
                type: eb.ref('excluded.type'),
                payload: eb.ref('excluded.payload'),
              })),
            )
            .returning(['event_id', 'seq', 'type']),
    )
    .with('due', (q) =>
      q
        .selectFrom('webhook_subscriptions as s')
        .innerJoin('written_outbox as o', (j) =>
          j.on(sql<boolean>`s.event_types ? '*' OR s.event_types ? o.type`),
        )
        .where('s.active', '=', true)
        .select(['s.id as subscription_id', 'o.event_id', 'o.seq']),
    )
    .with('queued', (q) =>
      q
        .insertInto('webhook_deliveries')
        .columns(['subscription_id', 'event_id', 'case_id', 'seq'])
        .expression((eb) =>
          eb.selectFrom('due').select(['subscription_id', 'event_id', sql.val(row.id).as('case_id'), 'seq']),
        )
        .onConflict((oc) => oc.columns(['subscription_id', 'event_id']).doNothing())
        .returning('event_id'),
    )
    .selectFrom('written_events')
    .select([
      'seq',
      'inserted',
      (eb) =>
        eb
          .selectFrom('due')
          .select(sql<string[]>`coalesce(array_agg(DISTINCT subscription_id), '{}')`.as('ids'))
          .as('subscriptions'),
    ])
    .execute();
  return {
    subscriptions: rows[0]?.subscriptions ?? [],
    inserted: new Set(rows.filter((r) => r.inserted).map((r) => r.seq)),
  };
}

export type CaseActivities = ReturnType<typeof createActivities>;

// SQLSTATE classes the same write would hit again: data exception, integrity constraint violation,
// syntax error or access rule violation (a missing column until a migration runs, say).
const DETERMINISTIC_SQLSTATE = /^(22|23|42)/;

/** Logs and counts a failed projection; one the same input would hit again is not retried locally. */
function projectionFailure(logger: Logger, p: CaseProjection, err: unknown): unknown {
  const code = (err as { code?: unknown }).code;
  const deterministic =
    (typeof code === 'string' && DETERMINISTIC_SQLSTATE.test(code)) ||
    err instanceof TypeError ||
    err instanceof RangeError;
  metrics.projectionFailures.inc({ kind: deterministic ? 'deterministic' : 'transient' });
  const message = (err as Error)?.message ?? String(err);
  logger.error(
    { caseId: p.view.id, seq: p.seq, code, deterministic, err: message },
    'case projection failed',
  );
  return deterministic
    ? ApplicationFailure.nonRetryable(
        `projection of case ${p.view.id} rejected: ${message}`,
        'ProjectionRejected',
      )
    : err;
}
