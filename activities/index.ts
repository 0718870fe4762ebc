/**
 * Activities: everything the case workflow does outside itself. Dependencies come in through
 * createActivities(deps), so tests and the worker wire them the same way.
 */
import { sql, type Transaction } from 'kysely';
import type { Logger } from 'pino';
import { heartbeat } from '@temporalio/activity';
import type { Db } from '../db/database.js';
import type { PersonalData } from '../db/personal-data.js';
import { countEvents } from '../runtime/metrics.js';
import type { Database } from '../db/schema.js';
import type { CaseType } from '../domain/case/contract.js';
import type { CaseProjection } from '../domain/case/projection.js';
import type { CaseEvent, CaseView } from '../domain/case/types.js';
import { deliverPending, eventId, webhookPayload } from './webhooks.js';

export interface ActivityDeps {
  db: Db;
  logger: Logger;
  personalData: PersonalData;
}

export function createActivities({ db, logger, personalData }: ActivityDeps) {
  return {
    /**
     * Writes the case's new state and events in one transaction. Idempotent and ordered: events are
     * keyed by (case, seq) and the row only moves forward, so a retried or late write is harmless.
     */
    async projectCase(sealed: CaseProjection): Promise<{ deliveries: number }> {
      // The workflow only holds personal data sealed; the read model stores it revealed.
      const p = await personalData.reveal(sealed);
      const v = p.view;
      const row = {
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
      let deliveries = 0;
      let firstWritten: CaseEvent[] = [];
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('cases')
          .values(row)
          .onConflict((oc) =>
            oc
              .column('id')
              .doUpdateSet((eb) => {
                const { id: _id, ...rest } = row;
                return Object.fromEntries(
                  Object.keys(rest).map((k) => [k, eb.ref(`excluded.${k}` as any)]),
                ) as any;
              })
              // Equal seq overwrites: a step re-decided after a lost workflow task replaces what the
              // first attempt projected. Only older projections are ignored.
              .where('cases.seq', '<=', (eb) => eb.ref('excluded.seq')),
          )
          .execute();
        if (p.events.length > 0) {
          const inserted = await trx
            .insertInto('case_events')
            .values(
              p.events.map((e) => ({
                case_id: v.id,
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
            // xmax = 0 marks a row this statement inserted (not one it updated): count those only.
            .returning(['seq', sql<boolean>`xmax = 0`.as('inserted')])
            .execute();
          firstWritten = p.events.filter((e) => inserted.some((r) => r.seq === e.seq && r.inserted));
          deliveries = await enqueueWebhooks(trx, v, p.events);
        }
      });
      countEvents(v.type, firstWritten);
      logger.debug({ caseId: v.id, seq: p.seq, events: p.events.length, deliveries }, 'case projected');
      return { deliveries };
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
      return deliverPending({ db, logger }, input.caseId, input.upToSeq);
    },

    /** First-contact assignment: the active agent with the fewest open cases in a team for this kind and level. */
    async chooseAssignee(input: { type: CaseType; level: number }): Promise<string | null> {
      const row = await db
        .selectFrom('agents')
        .innerJoin('teams', 'teams.name', 'agents.team')
        .leftJoin('cases', (j) =>
          j
            .onRef('cases.assignee', '=', 'agents.id')
            .on('cases.status', 'not in', ['closed', 'rejected', 'withdrawn']),
        )
        .select(['agents.id', (eb) => eb.fn.count<number>('cases.id').as('open_cases')])
        .where('agents.active', '=', true)
        .where(sql<boolean>`teams.case_types ? ${input.type}`)
        .where('teams.min_level', '<=', input.level)
        .where('teams.max_level', '>=', input.level)
        .groupBy('agents.id')
        .orderBy('open_cases', 'asc')
        .orderBy('agents.id', 'asc')
        .limit(1)
        .executeTakeFirst();
      return row?.id ?? null;
    },
  };
}

/** The outbox rows and one delivery per matching subscription, in the projection's transaction. */
async function enqueueWebhooks(
  trx: Transaction<Database>,
  view: CaseView,
  events: CaseEvent[],
): Promise<number> {
  await trx
    .insertInto('outbox')
    .values(
      events.map((e) => ({
        event_id: eventId(view.id, e.seq),
        case_id: view.id,
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
    .execute();
  const subs = await trx
    .selectFrom('webhook_subscriptions')
    .select(['id', 'event_types'])
    .where('active', '=', true)
    .execute();
  const rows = events.flatMap((e) =>
    subs
      .filter((s) => s.event_types.includes('*') || s.event_types.includes(e.type))
      .map((s) => ({
        subscription_id: s.id,
        event_id: eventId(view.id, e.seq),
        case_id: view.id,
        seq: e.seq,
      })),
  );
  if (rows.length === 0) return 0;
  await trx
    .insertInto('webhook_deliveries')
    .values(rows)
    .onConflict((oc) => oc.columns(['subscription_id', 'event_id']).doNothing())
    .execute();
  return rows.length;
}

export type CaseActivities = ReturnType<typeof createActivities>;
