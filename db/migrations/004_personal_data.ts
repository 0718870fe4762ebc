import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // One data key per case, wrapped with the payload encryption key: destroying it makes the case's
  // personal data in Temporal's history unreadable for good (crypto-shredding).
  await db.schema
    .createTable('data_keys')
    .addColumn('case_id', 'text', (c) => c.primaryKey())
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addColumn('wrapping_key_id', 'text', (c) => c.notNull())
    .addColumn('wrapped_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`CREATE INDEX data_keys_by_customer ON data_keys (customer_id)`.execute(db);
  await db.schema.alterTable('cases').addColumn('personal_data_erased_at', 'timestamptz').execute();
  await sql`CREATE INDEX cases_closed_at ON cases (closed_at) WHERE closed_at IS NOT NULL AND personal_data_erased_at IS NULL`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('data_keys').ifExists().execute();
  await db.schema.alterTable('cases').dropColumn('personal_data_erased_at').execute();
}
