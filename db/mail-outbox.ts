/**
 * The mail outbox (`mail_messages`): rows queued with the projection (activities/mail.ts), claimed
 * and sent by the task queue's sender (activities/mail-sender.ts), each with its own next attempt
 * and a claim that lapses if its sender dies.
 */
import { sql, type Insertable, type Kysely, type Selectable } from 'kysely';
import type { Db } from './database.js';
import type { Database, MailMessagesTable } from './schema.js';

export type MailMessage = Selectable<MailMessagesTable>;
export type NewMailMessage = Insertable<MailMessagesTable>;

/** The `notify` kinds a policy names, or undefined when it names none. */
export async function policyNotifyKinds(db: Kysely<Database>, policy: string): Promise<string[] | undefined> {
  const row = await db
    .selectFrom('sla_policies')
    .select('definition')
    .where('name', '=', policy)
    .executeTakeFirst();
  const notify = (row?.definition as { notify?: unknown } | undefined)?.notify;
  return Array.isArray(notify) ? (notify as string[]) : undefined;
}

/** An agent's display name. */
export async function agentName(db: Kysely<Database>, id: string): Promise<string | null> {
  const row = await db.selectFrom('agents').select('name').where('id', '=', id).executeTakeFirst();
  return row?.name ?? null;
}

/**
 * Queues messages; one already queued under the same id (a step re-decided after a lost workflow
 * task) is kept. A message for a sender (`task_queue`) is due at once, on the database's clock, the
 * one its claims compare with. Returns the ids among them still pending.
 */
export async function queueMail(db: Kysely<Database>, rows: NewMailMessage[]): Promise<string[]> {
  if (rows.length === 0) return [];
  await db
    .insertInto('mail_messages')
    .values(rows.map((r) => (r.task_queue ? { ...r, next_attempt_at: sql<Date>`now()` } : r)))
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  const pending = await db
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

export async function mailMessage(db: Db, id: string): Promise<MailMessage | undefined> {
  return db.selectFrom('mail_messages').selectAll().where('id', '=', id).executeTakeFirst();
}

/** This queue's messages due now, oldest first (an earlier release's, without attempt time, are not). */
export async function claimDueMail(db: Db, taskQueue: string, claimSeconds: number): Promise<MailMessage[]> {
  const claimed = await sql<MailMessage>`
    UPDATE mail_messages SET locked_until = now() + make_interval(secs => ${claimSeconds})
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
export async function nextMailDueAt(db: Db, taskQueue: string): Promise<number | null> {
  const next = await sql<{ at: Date | null }>`
    SELECT min(greatest(next_attempt_at, locked_until)) AS at -- greatest() skips a NULL claim
    FROM mail_messages
    WHERE task_queue = ${taskQueue} AND status = 'pending' AND next_attempt_at IS NOT NULL`.execute(db);
  const at = next.rows[0]?.at;
  return at ? new Date(at).getTime() : null;
}

export async function releaseMail(db: Db, id: string): Promise<void> {
  await db.updateTable('mail_messages').set({ locked_until: null }).where('id', '=', id).execute();
}

/** A failed attempt: tried again at `at`. */
export async function retryMailAt(db: Db, id: string, at: Date): Promise<void> {
  await db
    .updateTable('mail_messages')
    .set({ next_attempt_at: at, locked_until: null })
    .where('id', '=', id)
    .execute();
}

/**
 * Counts an attempt on the row as it is now; undefined when there is nothing to send any more
 * (sent meanwhile, or erased since the claim).
 */
export async function startMailAttempt(db: Db, id: string): Promise<MailMessage | undefined> {
  return db
    .updateTable('mail_messages')
    .set((eb) => ({ attempts: eb('attempts', '+', 1), last_attempt_at: new Date() }))
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .where('to_address', 'is not', null)
    .where('text_body', 'is not', null)
    .returningAll()
    .executeTakeFirst();
}

/** Erased before it could be sent: nothing to send, nothing to keep. */
export async function markMailErased(db: Db, id: string): Promise<void> {
  await db
    .updateTable('mail_messages')
    .set({ status: 'erased', locked_until: null })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .execute();
}

/** Keeps the claim while the message is on the wire. */
export async function renewMailClaim(db: Db, id: string, claimSeconds: number): Promise<void> {
  await db
    .updateTable('mail_messages')
    .set({ locked_until: sql`now() + make_interval(secs => ${claimSeconds})` })
    .where('id', '=', id)
    .where('locked_until', 'is not', null)
    .execute();
}

export async function noteMailError(db: Db, id: string, reason: string): Promise<void> {
  await db.updateTable('mail_messages').set({ last_error: reason }).where('id', '=', id).execute();
}

export async function markMailSent(db: Db, id: string): Promise<void> {
  await db
    .updateTable('mail_messages')
    .set({ status: 'sent', sent_at: new Date(), last_error: null, locked_until: null })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .execute();
}

/** After the last retry: failed. Undefined when it was no longer pending. */
export async function markMailFailed(
  db: Db,
  id: string,
  error: string,
): Promise<Pick<MailMessage, 'case_id' | 'kind' | 'attempts' | 'last_error'> | undefined> {
  return db
    .updateTable('mail_messages')
    .set({ status: 'failed', last_error: error, locked_until: null })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .returning(['case_id', 'kind', 'attempts', 'last_error'])
    .executeTakeFirst();
}

/** The case's status in the read model. */
export async function caseStatus(db: Db, caseId: string): Promise<string | undefined> {
  const c = await db.selectFrom('cases').select('status').where('id', '=', caseId).executeTakeFirst();
  return c?.status;
}

/**
 * Notes on a closed case's timeline written here (its workflow has completed) are numbered past
 * anything the case could have emitted, so they never collide with a case event.
 */
const NOTE_SEQ_BASE = 1_000_000;

/** An internal note straight onto a closed case's timeline. */
export async function appendClosedCaseNote(
  db: Db,
  caseId: string,
  actor: string,
  text: string,
): Promise<void> {
  const r = await db
    .selectFrom('case_events')
    .select((eb) => eb.fn.count<number>('seq').as('n'))
    .where('case_id', '=', caseId)
    .where('seq', '>', NOTE_SEQ_BASE)
    .executeTakeFirst();
  await db
    .insertInto('case_events')
    .values({
      case_id: caseId,
      seq: NOTE_SEQ_BASE + Number(r?.n ?? 0) + 1,
      at: new Date(),
      type: 'case.note_added',
      actor,
      data: JSON.stringify({ text, visibility: 'internal' }),
    })
    .onConflict((oc) => oc.columns(['case_id', 'seq']).doNothing())
    .execute();
}

/** Pending messages of this mail queue and of an earlier release (no queue, no attempt time). */
export async function pendingMail(
  db: Db,
  taskQueue: string,
): Promise<{ id: string; next_attempt_at: Date | null }[]> {
  return db
    .selectFrom('mail_messages')
    .select(['id', 'next_attempt_at'])
    .where('status', '=', 'pending')
    .where((eb) => eb.or([eb('task_queue', '=', taskQueue), eb('task_queue', 'is', null)]))
    .execute();
}
