/**
 * The customer record: recorded (upserted) as a case opens, searched, and read with its cases and
 * figures over all of them.
 */
import { sql } from 'kysely';
import { TERMINAL_STATUSES } from '../domain/case/contract.js';
import type { Db } from './database.js';
import { caseOpenedBy, customerServedBy, likeContaining } from './scope.js';

/** The contact data a case opens with; absent fields keep what is stored. */
export interface CustomerFacts {
  id?: string;
  name: string;
  tier?: string;
  email?: string;
  phone?: string;
  organisation?: string;
}

/**
 * The customer record and the new case's number, in one statement: the customer by id, else by
 * e-mail, else `newId`; given contact fields replace stored ones; the tier is kept unless given.
 */
export async function recordCustomer(
  db: Db,
  c: CustomerFacts,
  newId: string,
  now = new Date(),
): Promise<{ id: string; tier: string; number: number }> {
  const id =
    c.id ??
    (c.email
      ? sql<string>`coalesce((SELECT id FROM customers WHERE email = ${c.email} LIMIT 1), ${newId})`
      : newId);
  return db
    .with('customer', (q) =>
      q
        .insertInto('customers')
        .values({
          id,
          name: c.name,
          tier: c.tier ?? 'standard',
          email: c.email ?? null,
          phone: c.phone ?? null,
          organisation: c.organisation ?? null,
          updated_at: now,
        })
        .onConflict((oc) =>
          oc.column('id').doUpdateSet((eb) => ({
            name: c.name,
            tier: c.tier ?? eb.ref('customers.tier'),
            ...(c.email ? { email: c.email } : {}),
            ...(c.phone ? { phone: c.phone } : {}),
            ...(c.organisation ? { organisation: c.organisation } : {}),
            updated_at: now,
          })),
        )
        .returning(['id', 'tier']),
    )
    .selectFrom('customer')
    .select(['id', 'tier', sql<number>`nextval('case_number_seq')::int`.as('number')])
    .executeTakeFirstOrThrow();
}

const COLUMNS = ['id', 'name', 'tier', 'email', 'phone', 'organisation', 'created_at', 'updated_at'] as const;

export interface CustomerSearch {
  /** Part of the name, e-mail, phone, organisation or id, case-insensitive. */
  text?: string;
  /** A scoped integration's actor: only customers of its cases. */
  scope?: string;
  /** The last row of the previous page (ordered by name, then id). */
  after?: { name: string; id: string };
  limit: number;
}

/** A page of customers by name; `more` when another page follows. */
export async function searchCustomers(db: Db, s: CustomerSearch) {
  let sel = db.selectFrom('customers').select(COLUMNS);
  if (s.scope) sel = sel.where(customerServedBy(s.scope));
  if (s.text) {
    const pattern = likeContaining(s.text);
    sel = sel.where((eb) =>
      eb.or((['name', 'email', 'phone', 'organisation', 'id'] as const).map((c) => eb(c, 'ilike', pattern))),
    );
  }
  if (s.after) sel = sel.where(sql<boolean>`(name, id) > (${s.after.name}, ${s.after.id})`);
  const rows = await sel
    .orderBy('name')
    .orderBy('id')
    .limit(s.limit + 1)
    .execute();
  return { rows: rows.slice(0, s.limit), more: rows.length > s.limit };
}

/** The customer (undefined: unknown, or not served by `scope`), its newest cases and figures over all. */
export async function customerRecord(db: Db, id: string, casesListed: number, scope?: string) {
  const [customer, cases, stats] = await Promise.all([
    db
      .selectFrom('customers')
      .select(COLUMNS)
      .where('id', '=', id)
      .$if(scope !== undefined, (q) => q.where(customerServedBy(scope!)))
      .executeTakeFirst(),
    db
      .selectFrom('cases')
      .select(['id', 'number', 'type', 'status', 'priority', 'created_at', 'closed_at', 'rating_score'])
      .where('customer_id', '=', id)
      .$if(scope !== undefined, (q) => q.where(caseOpenedBy(scope!)))
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(casesListed)
      .execute(),
    db
      .selectFrom('cases')
      .select([
        sql<number>`count(*)::int8`.as('cases'),
        sql<number>`count(*) filter (where status not in (${sql.join([...TERMINAL_STATUSES])}))::int8`.as(
          'open_cases',
        ),
        sql<number>`count(*) filter (where type = 'complaint')::int8`.as('complaints'),
        sql<number>`count(rating_score)::int8`.as('ratings'),
        sql<number | null>`sum(rating_score)::int8`.as('rating_sum'),
      ])
      .where('customer_id', '=', id)
      .$if(scope !== undefined, (q) => q.where(caseOpenedBy(scope!)))
      .executeTakeFirstOrThrow(),
  ]);
  return customer && { customer, cases, stats };
}

export async function customerExists(db: Db, id: string): Promise<boolean> {
  const row = await db.selectFrom('customers').select('id').where('id', '=', id).executeTakeFirst();
  return row !== undefined;
}
