import { sql, type Kysely } from 'kysely';

/**
 * Webhook deliveries become a queue per subscription: each row knows when it is next due, a
 * subscription can be paused, and its secret rotated with the previous one still valid for a while.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('webhook_deliveries')
    .addColumn('next_attempt_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    // A redelivery restarts the retry window from here (else from created_at).
    .addColumn('retry_from', 'timestamptz')
    .execute();
  await sql`CREATE INDEX webhook_deliveries_queue ON webhook_deliveries (subscription_id, case_id, seq) WHERE status = 'pending'`.execute(
    db,
  );
  await db.schema
    .alterTable('webhook_subscriptions')
    .addColumn('paused', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('previous_secret', 'text')
    .addColumn('previous_secret_until', 'timestamptz')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX IF EXISTS webhook_deliveries_queue`.execute(db);
  await db.schema
    .alterTable('webhook_deliveries')
    .dropColumn('next_attempt_at')
    .dropColumn('retry_from')
    .execute();
  await db.schema
    .alterTable('webhook_subscriptions')
    .dropColumn('paused')
    .dropColumn('previous_secret')
    .dropColumn('previous_secret_until')
    .execute();
}
