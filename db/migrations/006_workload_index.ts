import { sql, type Kysely } from 'kysely';

// Assignment by workload counts each agent's open cases on every new case: an index of open cases
// by assignee keeps that count an index-only scan as closed cases pile up.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE INDEX cases_open_by_assignee ON cases (assignee) WHERE status NOT IN ('closed', 'rejected', 'withdrawn')`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX IF EXISTS cases_open_by_assignee`.execute(db);
}
