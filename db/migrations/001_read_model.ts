import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('customers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('tier', 'text', (c) => c.notNull().defaultTo('standard'))
    .addColumn('email', 'text')
    .addColumn('phone', 'text')
    .addColumn('organisation', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('erased_at', 'timestamptz')
    .execute();

  await db.schema
    .createTable('cases')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('priority', 'text', (c) => c.notNull())
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addColumn('assignee', 'text')
    .addColumn('owner', 'text')
    .addColumn('sla_policy', 'text', (c) => c.notNull())
    .addColumn('breached', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('next_deadline', 'timestamptz')
    .addColumn('reopen_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rating_score', 'integer')
    .addColumn('first_contact_resolution', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('accepted_at', 'timestamptz')
    .addColumn('resolved_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('closed_at', 'timestamptz')
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('view', 'jsonb', (c) => c.notNull())
    .execute();
  // Lists are newest first with keyset paging on (created_at, id); each filter gets its own index.
  await sql`CREATE INDEX cases_newest ON cases (created_at DESC, id DESC)`.execute(db);
  for (const col of ['status', 'type', 'priority', 'customer_id', 'assignee']) {
    await sql`CREATE INDEX ${sql.raw(`cases_by_${col}`)} ON cases (${sql.ref(col)}, created_at DESC, id DESC)`.execute(
      db,
    );
  }
  await sql`CREATE INDEX cases_breached ON cases (created_at DESC, id DESC) WHERE breached`.execute(db);

  await db.schema
    .createTable('case_events')
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('data', 'jsonb', (c) => c.notNull())
    .addPrimaryKeyConstraint('case_events_pk', ['case_id', 'seq'])
    .execute();
  await sql`CREATE INDEX case_events_by_type_at ON case_events (type, at)`.execute(db);

  await sql`CREATE SEQUENCE case_number_seq`.execute(db);

  await db.schema
    .createTable('business_calendars')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('definition', 'jsonb', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createTable('sla_policies')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('definition', 'jsonb', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createTable('sla_rules')
    .addColumn('position', 'integer', (c) => c.primaryKey())
    .addColumn('match', 'jsonb', (c) => c.notNull())
    .addColumn('policy', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('idempotency_keys')
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('case_id', 'text')
    .addColumn('response', 'jsonb')
    .addColumn('status_code', 'integer')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('idempotency_keys_pk', ['scope', 'key'])
    .execute();

  await db.schema
    .createTable('teams')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('case_types', 'jsonb', (c) => c.notNull())
    .addColumn('min_level', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('max_level', 'integer', (c) => c.notNull().defaultTo(3))
    .execute();
  await db.schema
    .createTable('agents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('team', 'text', (c) => c.notNull().references('teams.name'))
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .execute();

  await db.schema
    .createTable('api_keys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('key_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('revoked_at', 'timestamptz')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'api_keys',
    'agents',
    'teams',
    'idempotency_keys',
    'sla_rules',
    'sla_policies',
    'business_calendars',
    'case_events',
    'cases',
    'customers',
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
  await sql`DROP SEQUENCE IF EXISTS case_number_seq`.execute(db);
}
