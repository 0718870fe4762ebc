import { sql, type Kysely } from 'kysely';

/**
 * The audit log: one row per change to the organisation's settings, keys, webhooks and customers'
 * records, per erasure, sign-in and payload decode. Append-only for the service's own role: a
 * trigger refuses every UPDATE and TRUNCATE, and a DELETE of any row younger than 365 days (the
 * floor under AUDIT_RETENTION_DAYS), so nobody holding the service's credentials can rewrite or
 * erase recent history.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    // `role:name`; `anonymous` for a refused sign-in.
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target_type', 'text', (c) => c.notNull())
    .addColumn('target_id', 'text')
    .addColumn('address', 'text')
    .addColumn('request_id', 'text')
    // Settings only, secrets removed; customers' records name the changed fields, never values.
    .addColumn('before', 'jsonb')
    .addColumn('after', 'jsonb')
    .addColumn('details', 'jsonb')
    .execute();
  await sql`CREATE INDEX audit_log_by_time ON audit_log (at DESC, id DESC)`.execute(db);
  await sql`CREATE INDEX audit_log_by_actor ON audit_log (actor, at DESC, id DESC)`.execute(db);
  await sql`CREATE INDEX audit_log_by_target ON audit_log (target_type, target_id, at DESC, id DESC)`.execute(
    db,
  );
  await sql`CREATE INDEX audit_log_by_action ON audit_log (action, at DESC, id DESC)`.execute(db);
  await sql`
    CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'UPDATE' THEN
        RAISE EXCEPTION 'audit_log is append-only: its rows cannot be updated'
          USING ERRCODE = 'insufficient_privilege';
      ELSIF TG_OP = 'TRUNCATE' THEN
        RAISE EXCEPTION 'audit_log is append-only: it cannot be truncated'
          USING ERRCODE = 'insufficient_privilege';
      ELSIF OLD.at > now() - interval '365 days' THEN
        RAISE EXCEPTION 'audit_log rows younger than 365 days cannot be deleted'
          USING ERRCODE = 'insufficient_privilege';
      END IF;
      RETURN OLD;
    END $$`.execute(db);
  await sql`
    CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`.execute(db);
  await sql`
    CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`.execute(db);
}
