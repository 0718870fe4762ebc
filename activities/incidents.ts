/**
 * Activities of the incident workflow: its read model and webhook (one event per change, through
 * the same outbox and per-subscription delivery as cases), linking cases, and the fan-out of one
 * public message to every linked case. Dependencies come in through createIncidentActivities(deps).
 */
import { Context } from '@temporalio/activity';
import { WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { Logger } from 'pino';
import type { Db } from '../db/database.js';
import { inLanes } from '../platform/lanes.js';
import { isWorkflowGone } from '../platform/temporal-errors.js';
import {
  casesBehindMessage,
  existingCaseIds,
  insertIncidentOutbox,
  isLinked,
  linkCase,
  markTold,
  upsertIncident,
} from '../db/incident-projection.js';
import { queueIncidentDeliveries } from '../db/webhooks.js';
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
        await upsertIncident(trx, row);
        const published = events.filter((e) => PUBLIC_INCIDENT_EVENTS.includes(e.type));
        if (published.length === 0) return [];
        const pub = publicIncident(view);
        const outbox = published.map((e) => ({
          event_id: incidentEventId(view.id, e.seq),
          seq: e.seq,
          type: e.type,
          payload: {
            id: incidentEventId(view.id, e.seq),
            type: e.type,
            incidentId: view.id,
            sequence: e.seq,
            occurredAt: e.at,
            seq: e.seq, // deprecated names, as on case events
            at: e.at,
            data: publicData(e),
            incident: { ...pub, messages: undefined },
          },
        }));
        await insertIncidentOutbox(trx, view.id, outbox);
        // An integration's subscriptions get them only while one of its cases is linked.
        return queueIncidentDeliveries(
          trx,
          view.id,
          outbox.map((o) => o.event_id),
        );
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
      const known = await existingCaseIds(db, input.caseIds);
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
        await linkCase(db, {
          incidentId: input.incident.id,
          caseId,
          actor: input.actor,
          toldUpTo: input.latest?.seq ?? 0,
        });
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
        if (!(await isLinked(db, input.incidentId, caseId)))
          return { caseId, outcome: 'unknown', detail: 'not linked to this incident' };
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
          const rows = await casesBehindMessage(db, incident.id, message.seq, cursor, PAGE);
          if (rows.length === 0) break;
          cursor = rows[rows.length - 1]!;
          const todo = rows.filter((id) => !failed.has(id));
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
