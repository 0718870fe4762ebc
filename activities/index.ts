/**
 * Activities: everything the case workflow does outside itself. Dependencies come in through
 * createActivities(deps), so tests and the worker wire them the same way.
 */
import { sql, type Insertable, type Kysely, type QueryCreator } from 'kysely';
import type { Logger } from 'pino';
import { heartbeat } from '@temporalio/activity';
import type { Db } from '../db/database.js';
import { leastLoadedAgent } from '../db/directory.js';
import type { PersonalData } from '../db/personal-data.js';
import { countEvents } from '../runtime/metrics.js';
import type { Database } from '../db/schema.js';
import type { CaseType } from '../domain/case/contract.js';
import type { CaseProjection } from '../domain/case/projection.js';
import type { CaseEvent, CaseView } from '../domain/case/types.js';
import { deliverPending, eventId, webhookPayload } from './webhooks.js';
import { WebhookTargets } from '../runtime/webhook-targets.js';

export interface ActivityDeps {
  db: Db;
  logger: Logger;
  personalData: PersonalData;
  /** Where webhooks may go (checked again at every delivery); default: public addresses only. */
  webhookTargets?: WebhookTargets;
}

export function createActivities({
  db,
  logger,
  personalData,
  webhookTargets = new WebhookTargets(),
}: ActivityDeps) {
  return {
    /**
     * Writes the case's new state and events in one transaction. Idempotent and ordered: events are
     * keyed by (case, seq) and the row only moves forward, so a retried or late write is harmless.
     */
    async projectCase(sealed: CaseProjection): Promise<{ deliveries: number }> {
      // The workflow only holds personal data sealed; the read model stores it revealed, read with
      // the case's data key locked so that an erasure cannot interleave (see revealLocked).
      const { p, written } = await db.transaction().execute(async (trx) => {
        const p = await personalData.revealLocked(sealed, trx);
        return { p, written: await writeProjection(trx, projectionRow(p), p.view, p.events) };
      });
      countEvents(
        p.view.type,
        p.events.filter((e) => written.inserted.has(e.seq)),
      );
      logger.debug(
        { caseId: p.view.id, seq: p.seq, events: p.events.length, deliveries: written.deliveries },
        'case projected',
      );
      return { deliveries: written.deliveries };
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

    /** Idempotency keys are kept at least as long as promised, then dropped. */
    async purgeIdempotencyKeys(input: { olderThanHours: number }): Promise<{ purged: number }> {
      const r = await db
        .deleteFrom('idempotency_keys')
        .where('created_at', '<', new Date(Date.now() - input.olderThanHours * 3600_000))
        .executeTakeFirst();
      return { purged: Number(r.numDeletedRows) };
    },

    /** Sends the case's pending webhooks; Temporal retries it with backoff while any receiver fails. */
    async deliverWebhooks(input: { caseId: string; upToSeq: number }): Promise<{ delivered: number }> {
      return deliverPending({ db, logger, targets: webhookTargets }, input.caseId, input.upToSeq);
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
): Promise<{ deliveries: number; inserted: Set<number> }> {
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
    return { deliveries: 0, inserted: new Set() };
  }
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
      q
        .insertInto('outbox')
        .values(
          events.map((e) => ({
            event_id: eventId(row.id, e.seq),
            case_id: row.id,
            seq: e.seq,
            type: e.type,
            payload: JSON.stringify(webhookPayload(view, e)),
          })),
        )
        .onConflict((oc) =>
          oc
            .column('event_id')
            .doUpdateSet((eb) => ({ type: eb.ref('excluded.type'), payload: eb.ref('excluded.payload') })),
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
      (eb) => eb.selectFrom('due').select(eb.fn.countAll<string>().as('n')).as('deliveries'),
    ])
    .execute();
  return {
    deliveries: Number(rows[0]?.deliveries ?? 0),
    inserted: new Set(rows.filter((r) => r.inserted).map((r) => r.seq)),
  };
}

export type CaseActivities = ReturnType<typeof createActivities>;
