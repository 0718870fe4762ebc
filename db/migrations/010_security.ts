import { sql, type Kysely } from 'kysely';

/**
 * People and access: keys expire, record their last use and may be scoped to their integration's
 * cases; rate-limit counters and codec sessions shared by every API instance; the codec audit log.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('api_keys')
    .addColumn('expires_at', 'timestamptz')
    .addColumn('last_used_at', 'timestamptz')
    // Keys created before scoping existed keep the access they had.
    .addColumn('scoped', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();

  // One row per (bucket, window): a fixed-window counter every API instance increments.
  await db.schema
    .createTable('rate_limits')
    .addColumn('bucket', 'text', (c) => c.notNull())
    .addColumn('window_start', 'timestamptz', (c) => c.notNull())
    .addColumn('hits', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('rate_limits_pk', ['bucket', 'window_start'])
    .execute();

  await db.schema
    .createTable('codec_sessions')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await sql`CREATE INDEX codec_sessions_by_key ON codec_sessions (key_id)`.execute(db);

  await db.schema
    .createTable('codec_access')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('via', 'text', (c) => c.notNull())
    .addColumn('workflow_ids', 'jsonb', (c) => c.notNull())
    .addColumn('case_ids', 'jsonb', (c) => c.notNull())
    .addColumn('payloads', 'integer', (c) => c.notNull())
    .execute();
  await sql`CREATE INDEX codec_access_by_time ON codec_access (at DESC, id DESC)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['codec_access', 'codec_sessions', 'rate_limits'])
    await db.schema.dropTable(t).ifExists().execute();
  await db.schema
    .alterTable('api_keys')
    .dropColumn('expires_at')
    .dropColumn('last_used_at')
    .dropColumn('scoped')
    .execute();
}
