import { sql, type Kysely } from 'kysely';

/**
 * What integrators reconcile with (`GET /v1/cases?externalRef=…` and `?updatedSince=…`):
 * - their own reference, matched exactly: a column generated from the view (as search_text is), so
 *   the projection writes nothing new and older rows get it too; a partial index, since most cases
 *   have none, in the list's newest-first order;
 * - the cases changed since an instant, by update time then id: the keyset the list pages on.
 * The column and the order must match api/case-list.ts.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE cases ADD COLUMN external_ref text GENERATED ALWAYS AS (view->>'externalRef') STORED`.execute(
    db,
  );
  await sql`CREATE INDEX cases_by_external_ref ON cases (external_ref, created_at DESC, id DESC) WHERE external_ref IS NOT NULL`.execute(
    db,
  );
  await sql`CREATE INDEX cases_by_update ON cases (updated_at, id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX IF EXISTS cases_by_update`.execute(db);
  await sql`ALTER TABLE cases DROP COLUMN IF EXISTS external_ref`.execute(db);
}
