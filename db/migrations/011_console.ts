import { sql, type Kysely } from 'kysely';

/**
 * What the console needs of the read model:
 * - the soonest-deadline order with keyset paging (cases with none last);
 * - text search over subject, description and customer name: a pg_trgm index when the server has
 *   the extension (trigrams of any script, Chinese included), a scan without it;
 * - sessions: a browser holds an opaque token in an HttpOnly cookie, the server its hash and the
 *   id of the key it was opened with (so revoking the key ends the session), as codec_sessions;
 * - a notification on every change of a case, which the API turns into server-sent events.
 * The deadline expression must match db/case-list.ts (DEADLINE_KEY).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE INDEX cases_by_next_deadline ON cases ((coalesce(next_deadline, 'infinity'::timestamptz)), id)`.execute(
    db,
  );
  // Kept beside the view so a search reads one short column instead of unpacking JSON per row.
  await sql`ALTER TABLE cases ADD COLUMN search_text text GENERATED ALWAYS AS (lower((view->>'subject') || ' ' || (view->>'description') || ' ' || (view->'customer'->>'name'))) STORED`.execute(
    db,
  );
  const trgm = await sql<{
    ok: number;
  }>`SELECT 1 AS ok FROM pg_available_extensions WHERE name = 'pg_trgm'`.execute(db);
  if (trgm.rows.length > 0) {
    await sql`CREATE EXTENSION IF NOT EXISTS pg_trgm`.execute(db);
    await sql`CREATE INDEX cases_search ON cases USING gin (search_text gin_trgm_ops)`.execute(db);
  }

  await db.schema
    .createTable('console_sessions')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await sql`CREATE INDEX console_sessions_by_key ON console_sessions (key_id)`.execute(db);

  await sql`CREATE FUNCTION notify_case_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('case_changed', json_build_object(
    'id', NEW.id, 'seq', NEW.seq, 'status', NEW.status, 'breached', NEW.breached)::text);
  RETURN NULL;
END $$`.execute(db);
  await sql`CREATE TRIGGER cases_notify AFTER INSERT OR UPDATE ON cases FOR EACH ROW EXECUTE FUNCTION notify_case_changed()`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TRIGGER IF EXISTS cases_notify ON cases`.execute(db);
  await sql`DROP FUNCTION IF EXISTS notify_case_changed()`.execute(db);
  await db.schema.dropTable('console_sessions').ifExists().execute();
  await sql`DROP INDEX IF EXISTS cases_search`.execute(db);
  await sql`ALTER TABLE cases DROP COLUMN IF EXISTS search_text`.execute(db);
  await sql`DROP INDEX IF EXISTS cases_by_next_deadline`.execute(db);
}
