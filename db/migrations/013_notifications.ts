import { sql, type Kysely } from 'kysely';

/**
 * Customer notifications: one mail message per notifying case event, written in the projection's
 * transaction (the mail outbox) and sent by its own workflow; revocations of customers' case links.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('mail_messages')
    // The event id (`<case id>:<seq>`): one message per event, and the root of its Message-ID.
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('event_type', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('message_id', 'text', (c) => c.notNull())
    // Personal data: an erasure empties these three (status becomes `erased` if still unsent).
    .addColumn('to_address', 'text')
    .addColumn('subject', 'text')
    .addColumn('text_body', 'text')
    .addColumn('html_body', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_attempt_at', 'timestamptz')
    .addColumn('sent_at', 'timestamptz')
    .execute();
  await sql`CREATE INDEX mail_messages_by_case ON mail_messages (case_id, seq)`.execute(db);
  await sql`CREATE INDEX mail_messages_pending ON mail_messages (created_at) WHERE status = 'pending'`.execute(
    db,
  );

  await db.schema
    .createTable('customer_link_revocations')
    .addColumn('case_id', 'text', (c) => c.primaryKey())
    .addColumn('revoked_before', 'timestamptz', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['mail_messages', 'customer_link_revocations'])
    await db.schema.dropTable(t).ifExists().execute();
}
