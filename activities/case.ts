/**
 * Activities: everything the case workflow does outside itself. Dependencies come in through
 * createActivities(deps), so tests and the worker wire them the same way.
 */
import type { Logger } from 'pino';
import { heartbeat } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { pruneAudit } from '../db/audit-log.js';
import type { Db } from '../db/database.js';
import { leastLoadedAgent, leastLoadedMember } from '../db/directory.js';
import { escalationRoute } from '../db/escalation-rules.js';
import type { PersonalData } from '../db/personal-data.js';
import { writeProjection, type PublishedEvent } from '../db/projection.js';
import { casesToErase, eraseIdleCustomers, purgeIdempotencyKeys } from '../db/retention.js';
import { FREE_TEXT_KEYS, RETENTION_FREE_TEXT_KEYS } from '../domain/case/commands.js';
import { subscriptionsPendingForCase } from '../db/webhooks.js';
import { countEvents, metrics } from '../platform/metrics.js';
import type { CaseType } from '../domain/case/contract.js';
import type { EscalationRoute } from '../domain/case/transfer.js';
import type { CaseProjection } from '../domain/case/projection.js';
import { visibleTo } from '../domain/case/visibility.js';
import { eventId, webhookPayload } from './webhooks.js';
import { queueMessages, type MailQueueDeps } from './mail.js';
import { tellPeople, type StaffNoticeDeps } from './staff-notices.js';

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
  /** Retention keeps the complaint archive's findings and resolution text (RETENTION_ARCHIVE). */
  keepArchive?: boolean;
  /** Staff notifications (activities/staff-notices.ts); the database's supervisors alone when absent. */
  staff?: StaffNoticeDeps;
}

export function createActivities({
  db,
  logger,
  personalData,
  wakeDeliveries,
  mail,
  staff,
  keepArchive = true,
}: ActivityDeps) {
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
          const revealed = await personalData.revealLocked(sealed, trx);
          // People are told first, so that a stored `supervisor.notified` names them.
          const told = await tellPeople(trx, staff ?? { envSupervisors: [] }, mail?.queue, revealed);
          const p = told.projection;
          const written = await writeProjection(trx, p, published(p));
          if (mail) messages = [...told.mail, ...(await queueMessages(trx, mail.queue, p.view, p.events))];
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
        const ids = await casesToErase(db, cutoff, input.batch ?? 500);
        if (ids.length === 0) break;
        await personalData.eraseCases(ids, keepArchive ? RETENTION_FREE_TEXT_KEYS : FREE_TEXT_KEYS);
        erased += ids.length;
        heartbeat(erased);
      }
      const customers = await eraseIdleCustomers(db);
      if (erased || customers) logger.info({ erased, customers, cutoff }, 'retention: personal data erased');
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
      const before = new Date(Date.now() - input.olderThanHours * 3600_000);
      return { purged: await purgeIdempotencyKeys(db, before) };
    },

    /**
     * Cases started before `deliveries-outside-case` still call this after a projection: it hands
     * the case's pending deliveries to their subscriptions' delivery workflows and returns.
     */
    async deliverWebhooks(input: { caseId: string; upToSeq: number }): Promise<{ delivered: number }> {
      const subs = await subscriptionsPendingForCase(db, input.caseId, input.upToSeq);
      if (subs.length > 0) await wakeDeliveries(subs);
      return { delivered: 0 };
    },

    /** First-contact assignment by workload (see db/directory.ts). */
    async chooseAssignee(input: { type: CaseType; level: number }): Promise<string | null> {
      return (await leastLoadedAgent(db, input))?.agent ?? null;
    },

    /**
     * After an escalation: the team the escalation rules give the new level (null: the case stays),
     * and its least-loaded active agent (null: none, the assignee stays).
     */
    async escalationRoute(input: {
      type: CaseType;
      level: number;
      team: string | null;
    }): Promise<Omit<EscalationRoute, 'level' | 'reason'> | null> {
      const route = await escalationRoute(db, input);
      if (!route) return null;
      return { ...route, assignee: await leastLoadedMember(db, route.team) };
    },
  };
}

/** Webhooks go to integrators' systems: only what integrators may read enters the outbox. */
function published(p: CaseProjection): PublishedEvent[] {
  return p.events
    .filter((e) => visibleTo('integrator', e))
    .map((e) => ({
      event_id: eventId(p.view.id, e.seq),
      seq: e.seq,
      type: e.type,
      payload: webhookPayload(p.view, e),
    }));
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
