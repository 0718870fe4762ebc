/** The baseline's one table and its activities: one INSERT per case, one UPDATE per action. */
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { BaselineCaseInput } from './workflows.js';

export const BASELINE_TABLE = 'bench_baseline_cases';

/** Bench setup: the baseline's own table, next to the read model in the same PostgreSQL. */
export async function createBaselineTable(db: Db): Promise<void> {
  await sql`
    CREATE TABLE IF NOT EXISTS bench_baseline_cases (
      id text PRIMARY KEY,
      subject text NOT NULL,
      customer_id text NOT NULL,
      status text NOT NULL,
      requested_at timestamptz NOT NULL,
      recorded_at timestamptz NOT NULL DEFAULT clock_timestamp(),
      updated_at timestamptz NOT NULL DEFAULT clock_timestamp(),
      last_action jsonb
    )`.execute(db);
}

export function createBaselineActivities(db: Db) {
  return {
    async recordCase(input: BaselineCaseInput): Promise<void> {
      await sql`
        INSERT INTO bench_baseline_cases (id, subject, customer_id, status, requested_at)
        VALUES (${input.id}, ${input.subject}, ${input.customerId}, 'new', ${new Date(input.requestedAt)})
        ON CONFLICT (id) DO NOTHING`.execute(db);
    },
    async recordAction(input: { id: string; action: string; status: string; data: unknown }): Promise<void> {
      await sql`
        UPDATE bench_baseline_cases
        SET status = ${input.status}, updated_at = clock_timestamp(),
            last_action = ${JSON.stringify({ action: input.action, data: input.data ?? null })}::jsonb
        WHERE id = ${input.id}`.execute(db);
    },
  };
}

export type BaselineActivities = ReturnType<typeof createBaselineActivities>;
