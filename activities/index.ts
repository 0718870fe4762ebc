/**
 * Activities: everything the case workflow does outside itself. Dependencies come in through
 * createActivities(deps), so tests and the worker wire them the same way.
 */
import { sql } from 'kysely';
import type { Logger } from 'pino';
import type { Db } from '../db/database.js';
import type { CaseType } from '../domain/case/contract.js';
import type { CaseProjection } from '../domain/case/projection.js';

export interface ActivityDeps {
  db: Db;
  logger: Logger;
}

export function createActivities({ db, logger }: ActivityDeps) {
  return {
    /**
     * Writes the case's new state and events in one transaction. Idempotent and ordered: events are
     * keyed by (case, seq) and the row only moves forward, so a retried or late write is harmless.
     */
    async projectCase(p: CaseProjection): Promise<void> {
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
        created_at: v.createdAt,
        updated_at: v.updatedAt,
        closed_at: v.closedAt,
        seq: p.seq,
        view: JSON.stringify(v),
      };
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
              .where('cases.seq', '<', (eb) => eb.ref('excluded.seq')),
          )
          .execute();
        if (p.events.length > 0) {
          await trx
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
            .onConflict((oc) => oc.columns(['case_id', 'seq']).doNothing())
            .execute();
        }
      });
      logger.debug({ caseId: v.id, seq: p.seq, events: p.events.length }, 'case projected');
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

export type CaseActivities = ReturnType<typeof createActivities>;
