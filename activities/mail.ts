/**
 * Customer notifications, the mail outbox: `queueMessages` writes one `mail_messages` row per
 * notifying event inside the projection's transaction (so a message exists exactly when its event
 * does), rendered once with the case's signed link. Each row is sent by its own mail workflow
 * (workflows/mail.ts) through `sendMail`, retried by Temporal; the Message-ID and Date come from
 * the row, so a retry after a crash sends the same message again, never a second, different one.
 * After the last retry `recordMailFailure` marks it failed and puts it on the case's timeline.
 */
import { createHash } from 'node:crypto';
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { Client } from '@temporalio/client';
import type { Transaction } from 'kysely';
import type { Transporter } from 'nodemailer';
import type { Logger } from 'pino';
import type { Db } from '../db/database.js';
import type { Database } from '../db/schema.js';
import { isTerminal, workflowIdForCase, type CaseStatus } from '../domain/case/contract.js';
import type { CaseEvent, CaseView } from '../domain/case/types.js';
import {
  localeOf,
  messageKind,
  renderMessage,
  type Locale,
  type MessageKind,
} from '../domain/notifications/messages.js';
import type { CustomerLinks } from '../runtime/customer-links.js';
import { actionUpdates } from '../workflows/messages.js';
import { eventId } from './webhooks.js';

export interface MailQueueDeps {
  links: CustomerLinks;
  kinds: ReadonlySet<MessageKind>;
  defaultLocale: Locale;
  timeZone: string;
  /** The sender's domain, the right-hand side of every Message-ID. */
  domain: string;
}

/** `<case.<case id>.<seq>@domain>`: one per event, the same on every try. */
export const messageIdFor = (caseId: string, seq: number, domain: string) =>
  `<case.${caseId}.${seq}@${domain}>`;

/**
 * An incident's public update reaches each customer once, however many of their cases it is linked
 * to: its row is keyed by the update and the customer, so the second case's event finds it written.
 */
function outboxKeys(view: CaseView, e: CaseEvent, kind: MessageKind, domain: string) {
  if (kind === 'incident' && typeof e.data.updateId === 'string') {
    const who = createHash('sha256').update(view.customer.id).digest('hex').slice(0, 20);
    return {
      id: `incident:${e.data.updateId}:${who}`,
      message_id: `<incident.${e.data.updateId}.${who}@${domain}>`,
    };
  }
  return { id: eventId(view.id, e.seq), message_id: messageIdFor(view.id, e.seq, domain) };
}

/** The kinds the case's policy sends (`notify`), or the deployment's when the policy names none. */
async function kindsFor(
  trx: Transaction<Database>,
  deps: MailQueueDeps,
  policy: string,
): Promise<ReadonlySet<string>> {
  const row = await trx
    .selectFrom('sla_policies')
    .select('definition')
    .where('name', '=', policy)
    .executeTakeFirst();
  const notify = (row?.definition as { notify?: unknown } | undefined)?.notify;
  return Array.isArray(notify) ? new Set(notify as string[]) : deps.kinds;
}

/** The domain of `Name <user@domain>` or `user@domain`. */
export function senderDomain(from: string): string {
  const m = /@([A-Za-z0-9.-]+)>?\s*$/.exec(from);
  return m?.[1] ?? 'localhost';
}

/**
 * Queues the messages the events send, in the caller's transaction; returns the ids of the
 * messages of these events still pending (new or from an earlier try of the same step).
 */
export async function queueMessages(
  trx: Transaction<Database>,
  deps: MailQueueDeps,
  view: CaseView,
  events: CaseEvent[],
): Promise<string[]> {
  const candidates = events
    .map((e) => ({ e, kind: messageKind(e) }))
    .filter((x): x is { e: CaseEvent; kind: MessageKind } => !!x.kind);
  const to = view.customer.email;
  if (candidates.length === 0 || !to) return [];
  const kinds = await kindsFor(trx, deps, view.slaPolicy);
  const due = candidates.filter((x) => kinds.has(x.kind));
  if (due.length === 0) return [];
  const locale = localeOf(view.customer.locale, deps.defaultLocale);
  const assigneeName = view.assignee
    ? ((await trx.selectFrom('agents').select('name').where('id', '=', view.assignee).executeTakeFirst())
        ?.name ?? null)
    : null;
  const link = deps.links.url(view.id);
  const rows = due.map(({ e, kind }) => {
    const row = {
      ...outboxKeys(view, e, kind, deps.domain),
      case_id: view.id,
      seq: e.seq,
      event_type: e.type,
      kind,
      locale,
      to_address: to,
    };
    try {
      const m = renderMessage({
        kind,
        number: view.number,
        subject: view.subject,
        data: e.data,
        assigneeName,
        resolveBy: view.deadlines.resolveBy,
        link,
        locale,
        timeZone: deps.timeZone,
      });
      return { ...row, subject: m.subject, text_body: m.text, html_body: m.html };
    } catch (err) {
      // A message that cannot be rendered must never hold the case back: it is recorded as failed.
      const last_error = `render failed: ${(err as Error).message}`.slice(0, 300);
      return { ...row, subject: null, text_body: null, html_body: null, status: 'failed', last_error };
    }
  });
  // A step re-decided after a lost workflow task keeps the message already queued for that event.
  await trx
    .insertInto('mail_messages')
    .values(rows)
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  const pending = await trx
    .selectFrom('mail_messages')
    .select('id')
    .where(
      'id',
      'in',
      rows.map((r) => r.id),
    )
    .where('status', '=', 'pending')
    .execute();
  return pending.map((r) => r.id);
}

export interface MailDeps {
  db: Db;
  logger: Logger;
  transport: Transporter;
  from: string;
  /** Puts a failure on the timeline of a live case (an internal note through the case workflow). */
  client: Client;
}

export function createMailActivities(deps: MailDeps) {
  return {
    /** Sends the message unless it went out already; throws (to be retried) when the server refuses. */
    async sendMail(input: { id: string }): Promise<{ status: string }> {
      return sendMail(deps, input.id);
    },
    /** After the last retry: failed, and said so on the case's timeline for staff. */
    async recordMailFailure(input: { id: string; error: string }): Promise<void> {
      await recordMailFailure(deps, input.id, input.error);
    },
  };
}
export type MailActivities = ReturnType<typeof createMailActivities>;

async function sendMail(deps: MailDeps, id: string): Promise<{ status: string }> {
  const { db } = deps;
  const row = await db.selectFrom('mail_messages').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row || row.status !== 'pending') return { status: row?.status ?? 'missing' };
  if (!row.to_address || row.text_body === null) {
    // Erased before it could be sent: nothing to send, nothing to keep.
    await db.updateTable('mail_messages').set({ status: 'erased' }).where('id', '=', id).execute();
    return { status: 'erased' };
  }
  await db
    .updateTable('mail_messages')
    .set((eb) => ({ attempts: eb('attempts', '+', 1), last_attempt_at: new Date() }))
    .where('id', '=', id)
    .execute();
  // Heartbeats while the SMTP dialogue lasts: a worker that dies mid-send is noticed in seconds.
  const beat = setInterval(() => heartbeatIfActivity(), 2000);
  heartbeatIfActivity();
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
    await db.updateTable('mail_messages').set({ last_error: reason }).where('id', '=', id).execute();
    deps.logger.warn({ caseId: row.case_id, messageId: id, reason }, 'notification not sent; retrying');
    throw ApplicationFailure.retryable(`notification ${id} not sent: ${reason}`, 'MailNotSent');
  } finally {
    clearInterval(beat);
  }
  await db
    .updateTable('mail_messages')
    .set({ status: 'sent', sent_at: new Date(), last_error: null })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .execute();
  return { status: 'sent' };
}

function heartbeatIfActivity(): void {
  try {
    Context.current().heartbeat();
  } catch {
    // called outside an activity
  }
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
    .set({ status: 'failed', last_error: error })
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
