/** The PostgreSQL connection pool and migrations. */
import { Kysely, Migrator, PostgresDialect, sql, type Migration } from 'kysely';
import pg from 'pg';
import * as m001 from './migrations/001_read_model.js';
import * as m002 from './migrations/002_defaults.js';
import * as m003 from './migrations/003_webhooks.js';
import * as m004 from './migrations/004_personal_data.js';
import * as m005 from './migrations/005_business_time.js';
import * as m006 from './migrations/006_workload_index.js';
import * as m007 from './migrations/007_scrub_free_text.js';
import * as m008 from './migrations/008_webhook_delivery_queue.js';
import * as m010 from './migrations/010_security.js';
import * as m011 from './migrations/011_console.js';
import * as m012 from './migrations/012_incidents.js';
import * as m013 from './migrations/013_notifications.js';
import * as m014 from './migrations/014_mail_outbox.js';
import * as m015 from './migrations/015_audit_log.js';
import * as m016 from './migrations/016_case_sync_filters.js';
import * as m017 from './migrations/017_webhook_integrations.js';
import * as m018 from './migrations/018_teams_own_work.js';
import * as m019 from './migrations/019_staff_notifications.js';
import * as m020 from './migrations/020_urgent_first.js';
import * as m021 from './migrations/021_archive_redaction.js';
import type { Database } from './schema.js';

export type Db = Kysely<Database>;

// Timestamps come back as JS Dates; bigints (counts) as numbers, since our counts fit.
pg.types.setTypeParser(20, (v) => Number(v));

export function createDb(url: string, poolSize: number): Db {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    connectionTimeoutMillis: 5000,
    // A dead database must surface as an error (→ 503), not as a request hanging forever.
    query_timeout: 30_000,
  });
  // An idle client losing its connection (database restarted) must not crash the process.
  pool.on('error', () => {});
  // Nor must a connection in use that the server drops: the query fails (→ 503), the process lives.
  pool.on('connect', (client) => client.on('error', () => {}));
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

/** Whether the database answers (readiness); throws when it does not. */
export async function ping(db: Db): Promise<void> {
  await sql`SELECT 1`.execute(db);
}

const MIGRATIONS: Record<string, Migration> = {
  '001_read_model': m001,
  '002_defaults': m002,
  '003_webhooks': m003,
  '004_personal_data': m004,
  '005_business_time': m005,
  '006_workload_index': m006,
  '007_scrub_free_text': m007,
  '008_webhook_delivery_queue': m008,
  '010_security': m010,
  '011_console': m011,
  '012_incidents': m012,
  '013_notifications': m013,
  '014_mail_outbox': m014,
  '015_audit_log': m015,
  '016_case_sync_filters': m016,
  '017_webhook_integrations': m017,
  '018_teams_own_work': m018,
  '019_staff_notifications': m019,
  '020_urgent_first': m020,
  '021_archive_redaction': m021,
};

export async function migrate(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS } });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
