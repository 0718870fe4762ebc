import { sql, type Kysely } from 'kysely';

/**
 * The mail outbox is drained like the webhook deliveries: the sender workflow of the mail task
 * queue that queued a row claims it when due, each row with its own next attempt and a claim that
 * lapses if its sender dies. Rows queued by an earlier release keep `next_attempt_at` and
 * `task_queue` empty: their own per-message workflows send them.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('mail_messages')
    .addColumn('task_queue', 'text')
    .addColumn('next_attempt_at', 'timestamptz')
    .addColumn('locked_until', 'timestamptz')
    .execute();
  await sql`CREATE INDEX mail_messages_due ON mail_messages (task_queue, next_attempt_at)
            WHERE status = 'pending' AND next_attempt_at IS NOT NULL`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX IF EXISTS mail_messages_due`.execute(db);
  await db.schema
    .alterTable('mail_messages')
    .dropColumn('next_attempt_at')
    .dropColumn('locked_until')
    .execute();
}
