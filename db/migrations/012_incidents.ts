import { sql, type Kysely } from 'kysely';

/**
 * Incidents: one row per incident (its view and the columns lists filter on), its public messages,
 * and its links to cases. A link remembers the last message its case was told: the fan-out pages
 * through the links still behind, so a fan-out resumed after a crash finds exactly what is left.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE SEQUENCE IF NOT EXISTS incident_number_seq`.execute(db);
  await db.schema
    .createTable('incidents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('breached', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('messages', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('first_message_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('closed_at', 'timestamptz')
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('view', 'jsonb', (c) => c.notNull())
    .execute();
  await sql`CREATE INDEX incidents_by_status ON incidents (status, created_at DESC)`.execute(db);

  await db.schema
    .createTable('incident_cases')
    .addColumn('incident_id', 'text', (c) => c.notNull())
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('linked_at', 'timestamptz', (c) => c.notNull())
    .addColumn('linked_by', 'text', (c) => c.notNull())
    .addColumn('unlinked_at', 'timestamptz')
    .addColumn('last_message_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('incident_cases_pk', ['incident_id', 'case_id'])
    .execute();
  await sql`CREATE INDEX incident_cases_behind ON incident_cases (incident_id, last_message_seq, case_id) WHERE unlinked_at IS NULL`.execute(
    db,
  );
  await sql`CREATE INDEX incident_cases_by_case ON incident_cases (case_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['incident_cases', 'incidents']) await db.schema.dropTable(t).ifExists().execute();
  await sql`DROP SEQUENCE IF EXISTS incident_number_seq`.execute(db);
}
