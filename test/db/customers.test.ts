/** db/customers.ts and db/idempotency.ts against a real PostgreSQL. */
import { afterAll, describe, expect, it } from 'vitest';
import { customerExists, customerRecord, recordCustomer, searchCustomers } from '../../db/customers.js';
import { claimIdempotencyKey } from '../../db/idempotency.js';
import { fresh, insertCase, testDb } from './rows.js';

const db = testDb();
afterAll(() => db.destroy());

const stored = (id: string) =>
  db.selectFrom('customers').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

describe('recording the customer as a case opens', () => {
  it('makes a new customer, then finds it by e-mail, replacing given fields and keeping the rest', async () => {
    const email = `${fresh('m')}@example.com`;
    const first = await recordCustomer(
      db,
      { name: 'Li Lei', email, phone: '+86 1', tier: 'premium' },
      fresh('cus_'),
    );
    expect(first.tier).toBe('premium');
    const again = await recordCustomer(db, { name: 'Li Lei Jr', email, organisation: 'ACME' }, fresh('cus_'));
    expect(again.id).toBe(first.id);
    // The tier is kept unless given; the phone, not given, stays.
    expect(again.tier).toBe('premium');
    expect(await stored(first.id)).toMatchObject({
      name: 'Li Lei Jr',
      email,
      phone: '+86 1',
      organisation: 'ACME',
    });
    // Each opening draws the next case number.
    expect(again.number).toBeGreaterThan(first.number);
  });

  it('takes a given id over the e-mail, and without either makes the new id', async () => {
    const id = fresh('cus_');
    const byId = await recordCustomer(db, { id, name: 'Han Meimei', tier: 'standard' }, fresh('cus_'));
    expect(byId.id).toBe(id);
    const retiered = await recordCustomer(db, { id, name: 'Han Meimei', tier: 'premium' }, fresh('cus_'));
    expect(retiered.tier).toBe('premium');
    const newId = fresh('cus_');
    expect((await recordCustomer(db, { name: 'Nobody' }, newId)).id).toBe(newId);
    expect(await stored(newId)).toMatchObject({ tier: 'standard', email: null, phone: null });
  });
});

describe('customer search and record', () => {
  it('searches by part of any field, literally, in name order with a cursor', async () => {
    const tag = fresh('t');
    const made: string[] = [];
    for (const name of ['Carol', 'Alice', 'Bob']) {
      const id = fresh('cus_');
      await recordCustomer(
        db,
        { id, name: `${name} ${tag}`, email: `${name.toLowerCase()}.${tag}@ex.com` },
        id,
      );
      made.push(id);
    }
    const names = (r: { rows: { name: string }[] }) => r.rows.map((c) => c.name.split(' ')[0]);
    expect(names(await searchCustomers(db, { text: tag.toUpperCase(), limit: 10 }))).toEqual([
      'Alice',
      'Bob',
      'Carol',
    ]);
    expect(names(await searchCustomers(db, { text: `bob.${tag}`, limit: 10 }))).toEqual(['Bob']);
    expect((await searchCustomers(db, { text: `${tag}%`, limit: 10 })).rows).toEqual([]);
    const page1 = await searchCustomers(db, { text: tag, limit: 2 });
    expect(names(page1)).toEqual(['Alice', 'Bob']);
    expect(page1.more).toBe(true);
    const last = page1.rows[1]!;
    const page2 = await searchCustomers(db, { text: tag, limit: 2, after: { name: last.name, id: last.id } });
    expect(names(page2)).toEqual(['Carol']);
    expect(page2.more).toBe(false);
  });

  it('reads the record with its newest cases and figures; a scoped integration sees only its own', async () => {
    const customerId = fresh('cus_');
    const t = (m: number) => new Date(Date.UTC(2026, 0, 1, 0, m));
    await insertCase(db, {
      customerId,
      createdAt: t(1),
      type: 'complaint',
      status: 'closed',
      ratingScore: 4,
    });
    await insertCase(db, { customerId, createdAt: t(2), status: 'new', openedBy: 'integrator:shop' });
    const newest = await insertCase(db, { customerId, createdAt: t(3), status: 'withdrawn', ratingScore: 2 });
    const record = (await customerRecord(db, customerId, 2))!;
    expect(record.customer.id).toBe(customerId);
    expect(record.cases.map((c) => c.id)[0]).toBe(newest);
    expect(record.cases).toHaveLength(2);
    expect(record.stats).toMatchObject({ cases: 3, open_cases: 1, complaints: 1, ratings: 2, rating_sum: 6 });
    const scoped = (await customerRecord(db, customerId, 10, 'integrator:shop'))!;
    expect(scoped.stats).toMatchObject({ cases: 1, open_cases: 1, complaints: 0, ratings: 0 });
    expect(await customerRecord(db, customerId, 10, 'integrator:other')).toBeUndefined();
    expect(await customerExists(db, customerId)).toBe(true);
    expect(await customerExists(db, fresh('cus_'))).toBe(false);
  });
});

describe('idempotency keys', () => {
  it('maps a key to the first request: a retry finds it, another body is told apart, scopes are separate', async () => {
    const key = fresh('k');
    const claim = { scope: 'key_a', key, requestHash: 'h1', caseId: 'case1' };
    expect(await claimIdempotencyKey(db, claim)).toEqual({ caseId: 'case1', fresh: true, sameRequest: true });
    expect(await claimIdempotencyKey(db, { ...claim, caseId: 'case2' })).toEqual({
      caseId: 'case1',
      fresh: false,
      sameRequest: true,
    });
    expect(await claimIdempotencyKey(db, { ...claim, requestHash: 'h2', caseId: 'case3' })).toMatchObject({
      fresh: false,
      sameRequest: false,
    });
    expect(await claimIdempotencyKey(db, { ...claim, scope: 'key_b', caseId: 'case4' })).toMatchObject({
      caseId: 'case4',
      fresh: true,
    });
  });

  it('gives one winner among concurrent claims of the same key', async () => {
    const key = fresh('k');
    const results = await Promise.all(
      ['x1', 'x2', 'x3', 'x4'].map((caseId) =>
        claimIdempotencyKey(db, { scope: 'key_c', key, requestHash: 'h', caseId }),
      ),
    );
    expect(results.filter((r) => r.fresh)).toHaveLength(1);
    expect(new Set(results.map((r) => r.caseId)).size).toBe(1);
  });
});
