import { sql, type Kysely } from 'kysely';

/**
 * A subscription belongs to an integration (an integrator key's name) and then receives only what
 * that integration may read: events of the cases it opened, and of incidents linked to them.
 * Without one (every subscription made before, and those an admin makes without naming one) it
 * receives every integrator-visible event, as before.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('webhook_subscriptions').addColumn('integration', 'text').execute();
  await sql`CREATE INDEX webhook_subscriptions_by_integration ON webhook_subscriptions (integration, created_at)
            WHERE active`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX IF EXISTS webhook_subscriptions_by_integration`.execute(db);
  await db.schema.alterTable('webhook_subscriptions').dropColumn('integration').execute();
}
