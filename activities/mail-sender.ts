/**
 * Sending the mail outbox (activities/mail.ts queues it). `sendDueMail` is one pass of the outbox's
 * sender workflow (workflows/mail.ts): it claims the messages due, sends them a few at a time, and
 * gives each failed one its own backoff until, past MAIL_RETRY_SECONDS, `recordMailFailure` marks
 * it failed and puts it on the case's timeline. The Message-ID and Date come from the row, so a
 * retry after a crash sends the same message again, never a second, different one.
 * `sendMail` is the earlier release's per-message activity, kept for its workflows in flight.
 */
import { ApplicationFailure } from '@temporalio/common';
import type { Client } from '@temporalio/client';
import { sql, type Selectable } from 'kysely';
import type { Transporter } from 'nodemailer';
import type { Logger } from 'pino';
import type { Db } from '../db/database.js';
import type { MailMessagesTable } from '../db/schema.js';
import { isTerminal, workflowIdForCase, type CaseStatus } from '../domain/case/contract.js';
import { actionUpdates } from '../workflows/case-updates.js';
import { metrics } from '../platform/metrics.js';
import type { Pass } from '../workflows/outbox.js';
import { backoffMs, heartbeatIfActivity, runPass } from './outbox-pass.js';
import { inLanes } from '../platform/lanes.js';

export interface MailDeps {
  db: Db;
  logger: Logger;
  transport: Transporter;
  from: string;
  /** Puts a failure on the timeline of a live case (an internal note through the case workflow). */
  client: Client;
  /** The mail task queue this sender serves: it sends the messages queued for it. */
  taskQueue: string;
  /** How long a message is retried before it counts as failed (MAIL_RETRY_SECONDS). */
  retryForMs: number;
  /** A pass stops taking new messages after this long, so the activity heartbeats and returns. */
  budgetMs?: number;
}

type Message = Selectable<MailMessagesTable>;

/** A claim lasts this long and is renewed while the message is on the wire; a dead sender's lapses. */
const CLAIM_SECONDS = 20;
const RENEW_MS = 6000;
/** Messages sent at the same time: each is its own SMTP dialogue. */
const LANES = 4;

export function createMailActivities(deps: MailDeps) {
  return {
    /** Sends what the outbox has due; says when the next retry is due. */
    async sendDueMail(): Promise<Pass> {
      return sendDueMail(deps);
    },
    /** The earlier release's send of one message: throws (to be retried) when the server refuses. */
    async sendMail(input: { id: string }): Promise<{ status: string }> {
      const row = await deps.db
        .selectFrom('mail_messages')
        .selectAll()
        .where('id', '=', input.id)
        .executeTakeFirst();
      if (!row || row.status !== 'pending') return { status: row?.status ?? 'missing' };
      const outcome = await sendOne(deps, row);
      if (outcome.status === 'retry') {
        throw ApplicationFailure.retryable(
          `notification ${input.id} not sent: ${outcome.reason}`,
          'MailNotSent',
        );
      }
      return { status: outcome.status };
    },
    /** After the last retry: failed, and said so on the case's timeline for staff. */
    async recordMailFailure(input: { id: string; error: string }): Promise<void> {
      await recordMailFailure(deps, input.id, input.error);
    },
  };
}
export type MailActivities = ReturnType<typeof createMailActivities>;

export async function sendDueMail(deps: MailDeps): Promise<Pass> {
  await runPass({
    budgetMs: deps.budgetMs ?? 30_000,
    claim: () => claimDue(deps.db, deps.taskQueue),
    send: async (rows, deadline) => {
      let sent = 0;
      await inLanes(rows, LANES, async (row) => {
        if (Date.now() >= deadline) return release(deps.db, row.id);
        const outcome = await sendOne(deps, row);
        if (outcome.status === 'sent') sent += 1;
        if (outcome.status !== 'retry') return;
        const gaveUp = Date.now() - new Date(row.created_at).getTime() >= deps.retryForMs;
        metrics.mailMessages.inc({ outcome: gaveUp ? 'gave_up' : 'failed' });
        if (gaveUp) {
          await recordMailFailure(deps, row.id, outcome.reason);
        } else {
          await deps.db
            .updateTable('mail_messages')
            .set({ next_attempt_at: new Date(Date.now() + backoffMs(row.attempts + 1)), locked_until: null })
            .where('id', '=', row.id)
            .execute();
        }
      });
      return sent;
    },
  });
  return { nextAt: await nextDueAt(deps.db, deps.taskQueue), stop: false };
}

/** This queue's messages due now, oldest first (an earlier release's, without attempt time, are not). */
async function claimDue(db: Db, taskQueue: string): Promise<Message[]> {
  const claimed = await sql<Message>`
    UPDATE mail_messages SET locked_until = now() + make_interval(secs => ${CLAIM_SECONDS})
    WHERE id IN (
      SELECT id FROM mail_messages
      WHERE task_queue = ${taskQueue} AND status = 'pending' AND next_attempt_at <= now()
        AND (locked_until IS NULL OR locked_until < now())
      ORDER BY next_attempt_at, created_at LIMIT 20
      FOR UPDATE SKIP LOCKED)
    RETURNING *`.execute(db);
  return claimed.rows;
}

/** When a message is next due: its retry time, or when another pass's claim on it lapses. */
async function nextDueAt(db: Db, taskQueue: string): Promise<number | null> {
  const next = await sql<{ at: Date | null }>`
    SELECT min(greatest(next_attempt_at, locked_until)) AS at -- greatest() skips a NULL claim
    FROM mail_messages
    WHERE task_queue = ${taskQueue} AND status = 'pending' AND next_attempt_at IS NOT NULL`.execute(db);
  const at = next.rows[0]?.at;
  return at ? new Date(at).getTime() : null;
}

async function release(db: Db, id: string): Promise<void> {
  await db.updateTable('mail_messages').set({ locked_until: null }).where('id', '=', id).execute();
}

type Outcome = { status: 'sent' | 'erased' } | { status: 'retry'; reason: string };

/** One attempt on a claimed message, recorded on the row (exported for its erasure test). */
export async function sendOne(deps: MailDeps, claimed: Message): Promise<Outcome> {
  const { db } = deps;
  // The attempt is counted on the row as it is now: an erasure since the claim leaves nothing to send.
  const row = await db
    .updateTable('mail_messages')
    .set((eb) => ({ attempts: eb('attempts', '+', 1), last_attempt_at: new Date() }))
    .where('id', '=', claimed.id)
    .where('status', '=', 'pending')
    .where('to_address', 'is not', null)
    .where('text_body', 'is not', null)
    .returningAll()
    .executeTakeFirst();
  if (!row?.to_address || row.text_body === null) {
    // Erased before it could be sent (or since the claim): nothing to send, nothing to keep.
    await db
      .updateTable('mail_messages')
      .set({ status: 'erased', locked_until: null })
      .where('id', '=', claimed.id)
      .where('status', '=', 'pending')
      .execute();
    return { status: 'erased' };
  }
  // Heartbeats while the SMTP dialogue lasts (a worker that dies mid-send is noticed in seconds),
  // and keeps the claim, so no other pass takes the message while it is on the wire.
  heartbeatIfActivity(row.id);
  let sinceRenewal = 0;
  const beat = setInterval(() => {
    heartbeatIfActivity(row.id);
    if ((sinceRenewal += 2000) < RENEW_MS) return;
    sinceRenewal = 0;
    void db
      .updateTable('mail_messages')
      .set({ locked_until: sql`now() + make_interval(secs => ${CLAIM_SECONDS})` })
      .where('id', '=', row.id)
      .where('locked_until', 'is not', null)
      .execute()
      .catch(() => undefined);
  }, 2000);
  try {
    await deps.transport.sendMail({
      from: deps.from,
      to: row.to_address,
      subject: row.subject ?? '',
      text: row.text_body,
      html: row.html_body ?? undefined,
      messageId: row.message_id,
      date: new Date(row.created_at),
      headers: { 'Auto-Submitted': 'auto-generated', 'X-Case-Event': row.id },
    });
  } catch (err) {
    const reason = smtpReason(err);
    await db.updateTable('mail_messages').set({ last_error: reason }).where('id', '=', row.id).execute();
    deps.logger.warn({ caseId: row.case_id, messageId: row.id, reason }, 'notification not sent; retrying');
    return { status: 'retry', reason };
  } finally {
    clearInterval(beat);
  }
  await db
    .updateTable('mail_messages')
    .set({ status: 'sent', sent_at: new Date(), last_error: null, locked_until: null })
    .where('id', '=', row.id)
    .where('status', '=', 'pending')
    .execute();
  metrics.mailMessages.inc({ outcome: 'sent' });
  return { status: 'sent' };
}

/** What went wrong, without the server's text (it may quote the customer's address). */
function smtpReason(err: unknown): string {
  const e = err as { responseCode?: number; code?: string; command?: string };
  if (e.responseCode) return `SMTP ${e.responseCode}${e.command ? ` after ${e.command.split(' ')[0]}` : ''}`;
  return e.code ?? 'send failed';
}

async function recordMailFailure(deps: MailDeps, id: string, error: string): Promise<void> {
  const { db } = deps;
  const row = await db
    .updateTable('mail_messages')
    .set({ status: 'failed', last_error: error, locked_until: null })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .returning(['case_id', 'kind', 'attempts', 'last_error'])
    .executeTakeFirst();
  if (!row) return;
  const text = `Notification '${row.kind}' (${id}) could not be sent to the customer after ${row.attempts} attempt(s): ${row.last_error ?? error}`;
  deps.logger.error(
    { caseId: row.case_id, messageId: id, error },
    'notification failed after the last retry',
  );
  const c = await db.selectFrom('cases').select('status').where('id', '=', row.case_id).executeTakeFirst();
  if (c && !isTerminal(c.status as CaseStatus)) {
    try {
      await deps.client.workflow
        .getHandle(workflowIdForCase(row.case_id))
        .executeUpdate(actionUpdates.notes, {
          args: [{ actor: 'system:mail', command: { action: 'notes', text, visibility: 'internal' } }],
          updateId: `mail-failed:${id}`,
        });
      return;
    } catch (err) {
      deps.logger.warn({ caseId: row.case_id, err: (err as Error).message }, 'case did not take the note');
    }
  }
  // A closed case's workflow has completed: the note goes straight onto the timeline, numbered
  // past anything the case could have emitted so it never collides with a case event.
  await db
    .insertInto('case_events')
    .values({
      case_id: row.case_id,
      seq: NOTE_SEQ_BASE + (await nextNoteNumber(db, row.case_id)),
      at: new Date(),
      type: 'case.note_added',
      actor: 'system:mail',
      data: JSON.stringify({ text, visibility: 'internal' }),
    })
    .onConflict((oc) => oc.columns(['case_id', 'seq']).doNothing())
    .execute();
}

const NOTE_SEQ_BASE = 1_000_000;

async function nextNoteNumber(db: Db, caseId: string): Promise<number> {
  const r = await db
    .selectFrom('case_events')
    .select((eb) => eb.fn.count<number>('seq').as('n'))
    .where('case_id', '=', caseId)
    .where('seq', '>', NOTE_SEQ_BASE)
    .executeTakeFirst();
  return Number(r?.n ?? 0) + 1;
}
