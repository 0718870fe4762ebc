/** What the retention schedule removes: personal data of long-closed cases, old idempotency keys. */
import { sql } from 'kysely';
import type { Db } from './database.js';
import { ERASED } from './personal-data.js';

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

/**
 * Customers whose every case has had its personal data erased: their name and contact go too (the
 * id and tier stay, so the archive still counts repeats and tiers). A customer who writes again
 * gets them back from the new case. Not `erased_at`: that marks an erasure on request.
 */
export async function eraseIdleCustomers(db: Db): Promise<number> {
  const r = await db
    .updateTable('customers')
    .set({ name: ERASED, email: null, phone: null, organisation: null, updated_at: new Date() })
    .where('erased_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb('name', '<>', ERASED),
        eb('email', 'is not', null),
        eb('phone', 'is not', null),
        eb('organisation', 'is not', null),
      ]),
    )
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('cases')
          .select(sql`1`.as('one'))
          .whereRef('cases.customer_id', '=', 'customers.id'),
      ),
    )
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('cases')
            .select(sql`1`.as('one'))
            .whereRef('cases.customer_id', '=', 'customers.id')
            .where('cases.personal_data_erased_at', 'is', null),
        ),
      ),
    )
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}
