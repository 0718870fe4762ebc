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
import type { Transporter } from 'nodemailer';
import type { Logger } from 'pino';
import type { Db } from '../db/database.js';
import {
  appendClosedCaseNote,
  caseStatus,
  claimDueMail,
  mailMessage,
  markMailErased,
  markMailFailed,
  markMailSent,
  nextMailDueAt,
  noteMailError,
  releaseMail,
  renewMailClaim,
  retryMailAt,
  startMailAttempt,
  type MailMessage,
} from '../db/mail-outbox.js';
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

type Message = MailMessage;

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
      const row = await mailMessage(deps.db, input.id);
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
    claim: () => claimDueMail(deps.db, deps.taskQueue, CLAIM_SECONDS),
    send: async (rows, deadline) => {
      let sent = 0;
      await inLanes(rows, LANES, async (row) => {
        if (Date.now() >= deadline) return releaseMail(deps.db, row.id);
        const outcome = await sendOne(deps, row);
        if (outcome.status === 'sent') sent += 1;
        if (outcome.status !== 'retry') return;
        const gaveUp = Date.now() - new Date(row.created_at).getTime() >= deps.retryForMs;
        metrics.mailMessages.inc({ outcome: gaveUp ? 'gave_up' : 'failed' });
        if (gaveUp) {
          await recordMailFailure(deps, row.id, outcome.reason);
        } else {
          await retryMailAt(deps.db, row.id, new Date(Date.now() + backoffMs(row.attempts + 1)));
        }
      });
      return sent;
    },
  });
  return { nextAt: await nextMailDueAt(deps.db, deps.taskQueue), stop: false };
}

type Outcome = { status: 'sent' | 'erased' } | { status: 'retry'; reason: string };

/** One attempt on a claimed message, recorded on the row (exported for its erasure test). */
export async function sendOne(deps: MailDeps, claimed: Message): Promise<Outcome> {
  const { db } = deps;
  // The attempt is counted on the row as it is now: an erasure since the claim leaves nothing to send.
  const row = await startMailAttempt(db, claimed.id);
  if (!row?.to_address || row.text_body === null) {
    // Erased before it could be sent (or since the claim): nothing to send, nothing to keep.
    await markMailErased(db, claimed.id);
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
    void renewMailClaim(db, row.id, CLAIM_SECONDS).catch(() => undefined);
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
    await noteMailError(db, row.id, reason);
    deps.logger.warn({ caseId: row.case_id, messageId: row.id, reason }, 'notification not sent; retrying');
    return { status: 'retry', reason };
  } finally {
    clearInterval(beat);
  }
  await markMailSent(db, row.id);
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
  const row = await markMailFailed(db, id, error);
  if (!row) return;
  // A staff member's mail copy (activities/staff-notices.ts) is not a message to the customer.
  const to = row.kind === 'staff' ? 'as a mail copy to staff' : 'to the customer';
  const text = `Notification '${row.kind}' (${id}) could not be sent ${to} after ${row.attempts} attempt(s): ${row.last_error ?? error}`;
  deps.logger.error(
    { caseId: row.case_id, messageId: id, error },
    'notification failed after the last retry',
  );
  const status = await caseStatus(db, row.case_id);
  if (status && !isTerminal(status as CaseStatus)) {
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
  // A closed case's workflow has completed: the note goes straight onto the timeline.
  await appendClosedCaseNote(db, row.case_id, 'system:mail', text);
}
