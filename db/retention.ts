/** What the retention schedule removes: personal data of long-closed cases, old idempotency keys. */
import type { Db } from './database.js';

/** Cases closed before `cutoff` whose personal data is not erased yet, `limit` at a time. */
export async function casesToErase(db: Db, cutoff: Date, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('cases')
    .select('id')
    .where('closed_at', '<', cutoff)
    .where('personal_data_erased_at', 'is', null)
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/** Drops idempotency keys made before `before`; returns how many. */
export async function purgeIdempotencyKeys(db: Db, before: Date): Promise<number> {
  const r = await db.deleteFrom('idempotency_keys').where('created_at', '<', before).executeTakeFirst();
  return Number(r.numDeletedRows);
}
