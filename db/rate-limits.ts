/** Shared rate-limit counters: one row per bucket and window, summed over every API instance. */
import { sql } from 'kysely';
import type { Db } from './database.js';

/** Adds each bucket's new hits in the window and returns every bucket's total (all instances). */
export async function addHits(
  db: Db,
  windowStart: Date,
  hits: { bucket: string; hits: number }[],
): Promise<Map<string, number>> {
  const { rows } = await sql<{ bucket: string; hits: number }>`
    INSERT INTO rate_limits (bucket, window_start, hits)
    SELECT b, ${windowStart}::timestamptz, h FROM unnest(${hits.map((x) => x.bucket)}::text[], ${hits.map((x) => x.hits)}::int[]) AS t(b, h)
    ON CONFLICT (bucket, window_start) DO UPDATE SET hits = rate_limits.hits + excluded.hits
    RETURNING bucket, hits`.execute(db);
  return new Map(rows.map((r) => [r.bucket, Number(r.hits)]));
}

/** Forgets windows that started before `before`. */
export async function deleteWindowsBefore(db: Db, before: Date): Promise<void> {
  await sql`DELETE FROM rate_limits WHERE window_start < ${before}`.execute(db);
}
