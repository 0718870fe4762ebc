/**
 * Activities of the incident workflow: its read model and webhook (one event per change, through
 * the same outbox and per-subscription delivery as cases), linking cases, and the fan-out of one
 * public message to every linked case. Dependencies come in through createIncidentActivities(deps).
 */
import { Context } from '@temporalio/activity';
import { WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { sql } from 'kysely';
import type { Logger } from 'pino';
import type { Db } from '../db/database.js';
import { inLanes } from '../platform/lanes.js';
import { isWorkflowGone } from '../platform/temporal-errors.js';
import { workflowIdForCase } from '../domain/case/contract.js';
import { INCIDENT_EVENT_TYPES } from '../domain/incident/contract.js';
import { publicIncident } from '../domain/incident/machine.js';
import type {
  IncidentEvent,
  IncidentMessage,
  IncidentNotice,
  IncidentResolution,
  IncidentView,
} from '../domain/incident/types.js';
import { incidentNoticeUpdate } from '../workflows/case-incident.js';
import type { LinkOutcome } from '../workflows/incident.js';

export interface IncidentActivityDeps {
  db: Db;
  logger: Logger;
  client: Client;
  wakeDeliveries: (subscriptionIds: string[]) => Promise<void>;
  /** Cases told at the same time during a fan-out. */
  concurrency?: number;
}

/** Incident events integrators get as webhooks (one per change of the public word). */
export const PUBLIC_INCIDENT_EVENTS: readonly string[] = INCIDENT_EVENT_TYPES.filter((t) =>
  t.startsWith('incident.'),
);

const PAGE = 200;

export const incidentEventId = (incidentId: string, seq: number) => `incident:${incidentId}:${seq}`;

export function createIncidentActivities(deps: IncidentActivityDeps) {
  const { db, logger, client } = deps;

  /** One case told one notice; 'gone' when its workflow has completed (the case is closed). */
  async function tell(caseId: string, notice: IncidentNotice, updateId?: string): Promise<'told' | 'gone'> {
    try {
      await client.workflow
        .getHandle(workflowIdForCase(caseId))
        .executeUpdate(incidentNoticeUpdate, { args: [notice], ...(updateId ? { updateId } : {}) });
      return 'told';
    } catch (err) {
      if (isWorkflowGone(err)) return 'gone';
      throw err;
    }
  }

  return {
    /** The incident's row and its public events' webhooks, in one transaction; idempotent. */
    async projectIncident(input: { view: IncidentView; events: IncidentEvent[] }): Promise<void> {
      const { view, events } = input;
      const seq = events.reduce((m, e) => Math.max(m, e.seq), 0);
      const subscriptions = await db.transaction().execute(async (trx) => {
        const row = {
          id: view.id,
          number: view.number,
          title: view.title,
          kind: view.kind,
          severity: view.severity,
          status: view.status,
          breached: view.breaches.length > 0,
          messages: view.messages.length,
          first_message_at: view.messages[0]?.at ?? null,
          created_at: view.createdAt,
          updated_at: view.updatedAt,
          closed_at: view.closedAt,
          seq,
          view: JSON.stringify(view),
        };
        const { id: _id, ...rest } = row;
        await trx
          .insertInto('incidents')
          .values(row)
          .onConflict((oc) => oc.column('id').doUpdateSet(rest).where('incidents.seq', '<=', seq))
          .execute();
        const published = events.filter((e) => PUBLIC_INCIDENT_EVENTS.includes(e.type));
        if (published.length === 0) return [];
        const caseKey = `incident:${view.id}`;
        const pub = publicIncident(view);
        await trx
          .insertInto('outbox')
          .values(
            published.map((e) => ({
              event_id: incidentEventId(view.id, e.seq),
              case_id: caseKey,
              seq: e.seq,
              type: e.type,
              payload: JSON.stringify({
                id: incidentEventId(view.id, e.seq),
                type: e.type,
                incidentId: view.id,
                sequence: e.seq,
                occurredAt: e.at,
                seq: e.seq, // deprecated names, as on case events
                at: e.at,
                data: publicData(e),
                incident: { ...pub, messages: undefined },
              }),
            })),
          )
          .onConflict((oc) => oc.column('event_id').doNothing())
          .execute();
        const due = await trx
          .insertInto('webhook_deliveries')
          .columns(['subscription_id', 'event_id', 'case_id', 'seq'])
          .expression((eb) =>
            eb
              .selectFrom('webhook_subscriptions as s')
              .innerJoin('outbox as o', (j) =>
                j.on(sql<boolean>`s.event_types ? '*' OR s.event_types ? o.type`),
              )
              .where('s.active', '=', true)
              .where(
                'o.event_id',
                'in',
                published.map((e) => incidentEventId(view.id, e.seq)),
              )
              .select(['s.id', 'o.event_id', 'o.case_id', 'o.seq']),
          )
          .onConflict((oc) => oc.columns(['subscription_id', 'event_id']).doNothing())
          .returning('subscription_id')
          .execute();
        return [...new Set(due.map((d) => d.subscription_id))];
      });
      if (subscriptions.length > 0) await deps.wakeDeliveries(subscriptions);
    },

    /** Links cases: each case's workflow first (it may refuse), then the link row. */
    async linkCases(input: {
      incident: { id: string; number: string; title: string };
      latest: IncidentMessage | null;
      caseIds: string[];
      actor: string;
    }): Promise<LinkOutcome[]> {
      const known = new Set(
        (await db.selectFrom('cases').select('id').where('id', 'in', input.caseIds).execute()).map(
          (r) => r.id,
        ),
      );
      const notice: IncidentNotice = { kind: 'link', incident: input.incident, latest: input.latest };
      return inLanes(input.caseIds, deps.concurrency ?? 16, async (caseId): Promise<LinkOutcome> => {
        Context.current().heartbeat(caseId);
        if (!known.has(caseId)) return { caseId, outcome: 'unknown', detail: 'no such case' };
        try {
          if ((await tell(caseId, notice)) === 'gone')
            return { caseId, outcome: 'refused', detail: 'the case is closed' };
        } catch (err) {
          const refusal = refusalOf(err);
          if (refusal) return { caseId, outcome: 'refused', detail: refusal };
          throw err;
        }
        const seq = input.latest?.seq ?? 0;
        await db
          .insertInto('incident_cases')
          .values({
            incident_id: input.incident.id,
            case_id: caseId,
            linked_at: new Date(),
            linked_by: input.actor,
            last_message_seq: seq,
          })
          .onConflict((oc) =>
            oc.columns(['incident_id', 'case_id']).doUpdateSet({
              unlinked_at: null,
              linked_by: input.actor,
              last_message_seq: sql`greatest(incident_cases.last_message_seq, ${seq})`,
              linked_at: sql`CASE WHEN incident_cases.unlinked_at IS NULL THEN incident_cases.linked_at ELSE now() END`,
            }),
          )
          .execute();
        return { caseId, outcome: 'linked' };
      });
    },

    async unlinkCases(input: {
      incidentId: string;
      caseIds: string[];
      reason: string;
    }): Promise<LinkOutcome[]> {
      return inLanes(input.caseIds, deps.concurrency ?? 16, async (caseId): Promise<LinkOutcome> => {
        Context.current().heartbeat(caseId);
        const row = await db
          .selectFrom('incident_cases')
          .select('case_id')
          .where('incident_id', '=', input.incidentId)
          .where('case_id', '=', caseId)
          .where('unlinked_at', 'is', null)
          .executeTakeFirst();
        if (!row) return { caseId, outcome: 'unknown', detail: 'not linked to this incident' };
        await tell(caseId, {
          kind: 'unlink',
          incidentId: input.incidentId,
          reason: input.reason,
          message: null,
        });
        await markTold(db, input.incidentId, caseId, 0, true);
        return { caseId, outcome: 'unlinked' };
      });
    },

    /**
     * Tells every linked case one message (and resolves or unlinks them with it), paging through
     * the links still behind it. Resumable: a retry after a crash finds only the cases left, and a
     * case told twice ignores the repeat. Heartbeats every case, so a dead worker is noticed fast.
     */
    async fanOutMessage(input: {
      incident: { id: string; number: string; title: string };
      message: IncidentMessage;
      then?: 'resolve' | 'unlink';
      resolution: IncidentResolution | null;
    }): Promise<{ told: number; gone: number }> {
      const { incident, message } = input;
      const notice: IncidentNotice =
        input.then === 'resolve' && input.resolution
          ? { kind: 'resolve', incidentId: incident.id, message, resolution: input.resolution }
          : input.then === 'unlink'
            ? { kind: 'unlink', incidentId: incident.id, reason: 'incident cancelled', message }
            : { kind: 'message', incidentId: incident.id, message };
      const updateId = `incident:${incident.id}:message:${message.seq}`;
      let told = 0;
      let gone = 0;
      const failed = new Set<string>();
      for (let pass = 0; ; pass++) {
        let cursor = '';
        let found = 0;
        for (;;) {
          const rows = await db
            .selectFrom('incident_cases')
            .select('case_id')
            .where('incident_id', '=', incident.id)
            .where('unlinked_at', 'is', null)
            .where('last_message_seq', '<', message.seq)
            .where('case_id', '>', cursor)
            .orderBy('case_id')
            .limit(PAGE)
            .execute();
          if (rows.length === 0) break;
          cursor = rows[rows.length - 1]!.case_id;
          const todo = rows.map((r) => r.case_id).filter((id) => !failed.has(id));
          found += todo.length;
          await inLanes(todo, deps.concurrency ?? 16, async (caseId) => {
            try {
              const r = await tell(caseId, notice, updateId);
              if (r === 'told') told += 1;
              else gone += 1;
              await markTold(db, incident.id, caseId, message.seq, input.then === 'unlink');
            } catch (err) {
              failed.add(caseId);
              logger.warn(
                { incidentId: incident.id, caseId, err: String(err) },
                'incident fan-out: case not told yet',
              );
            }
            Context.current().heartbeat({ told, gone });
          });
        }
        // Links made behind the cursor during this pass are found by the next one.
        if (found === 0) break;
      }
      if (failed.size > 0) {
        // Retried by Temporal (with backoff): the next attempt finds exactly these cases left.
        throw new Error(
          `incident ${incident.id}: ${failed.size} case(s) not told message ${message.seq} yet`,
        );
      }
      logger.info({ incidentId: incident.id, seq: message.seq, told, gone }, 'incident message fanned out');
      return { told, gone };
    },
  };
}

export type IncidentActivities = ReturnType<typeof createIncidentActivities>;

async function markTold(db: Db, incidentId: string, caseId: string, seq: number, unlink: boolean) {
  await db
    .updateTable('incident_cases')
    .set({
      last_message_seq: sql`greatest(last_message_seq, ${seq})`,
      ...(unlink ? { unlinked_at: new Date() } : {}),
    })
    .where('incident_id', '=', incidentId)
    .where('case_id', '=', caseId)
    .execute();
}

/** What integrators may read of an incident event: its public message and statuses. */
function publicData(e: IncidentEvent): Record<string, unknown> {
  const m = e.data.message as IncidentMessage | undefined;
  const r = e.data.resolution as IncidentResolution | undefined;
  return {
    ...(m ? { message: { id: m.id, sequence: m.seq, text: m.text, status: m.status, at: m.at } } : {}),
    ...(r ? { resolution: { summary: r.summary, remedy: r.remedy, at: r.at } } : {}),
    ...(e.type === 'incident.opened'
      ? { title: e.data.title, kind: e.data.kind, severity: e.data.severity }
      : {}),
  };
}

function refusalOf(err: unknown): string | undefined {
  if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure)
    return err.cause.message;
  return undefined;
}
