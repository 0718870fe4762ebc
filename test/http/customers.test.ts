/**
 * Customer records on the real stack: one customer's cases moved through the lifecycle
 * (test/support/customer-scenario.ts), then its record, the 404 and the customer search checked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerScenario } from '../support/customer-scenario.js';
import { newCaseBody, startTestStack, type TestStack } from '../support/stack.js';

let s: TestStack;
beforeAll(async () => {
  s = await startTestStack();
});
afterAll(async () => {
  await s?.stop();
});

describe('a customer record', () => {
  const { token, customer, ids, views, run } = customerScenario();
  beforeAll(() => run(s));

  it('serves the customer record with its cases newest first and its figures', async () => {
    const r = await s.call('agent', 'GET', `/v1/customers/${customer.id}`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      id: customer.id,
      name: customer.name,
      tier: 'premium',
      email: customer.email,
      phone: customer.phone,
      organisation: customer.organisation,
      createdAt: expect.stringMatching(/Z$/),
      updatedAt: expect.stringMatching(/Z$/),
      stats: { cases: 7, openCases: 4, complaints: 2, ratings: { count: 3, mean: 11 / 3 } },
    });
    const newestFirst = [...views].sort(
      (a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id),
    );
    expect(r.body.cases).toEqual(
      newestFirst.map((v) => ({
        id: v.id,
        number: v.number,
        type: v.type,
        status: v.status,
        priority: v.priority,
        createdAt: v.createdAt,
        closedAt: v.closedAt,
        rating: v.rating?.score ?? null,
      })),
    );
    expect(r.body.cases.map((c: { id: string }) => c.id)).toEqual(
      ['G', 'F', 'E', 'D', 'C', 'B', 'A'].map((n) => ids[n]),
    );
  });

  it('answers 404 problem for an unknown customer', async () => {
    const r = await s.call('integrator', 'GET', `/v1/customers/nobody-${token}`);
    expect(r.status).toBe(404);
    expect(r.headers.get('content-type')).toContain('application/problem+json');
    expect(r.body).toMatchObject({ status: 404, title: 'Not Found' });
  });

  it('finds customers by name, email, phone, organisation or id, and pages through them', async () => {
    const others = ['Zed', 'Amy', 'Mia'].map((n, i) => ({
      id: `crs-${token}-${i}`,
      name: `${n} ${token}`,
      organisation: `Paging Org ${token}`,
    }));
    for (const c of others) {
      const r = await s.call('integrator', 'POST', '/v1/cases', newCaseBody({ customer: c }));
      expect(r.status).toBe(201);
    }
    const search = (params: Record<string, string>) =>
      s.call('integrator', 'GET', `/v1/customers?${new URLSearchParams(params)}`);

    for (const query of [
      `report customer ${token}`,
      `CR.${token}@EXAMPLE`,
      `Quality Works ${token}`,
      `cr-${token}`,
    ]) {
      const r = await search({ query });
      expect(r.status, query).toBe(200);
      expect(
        r.body.items.map((c: { id: string }) => c.id),
        query,
      ).toEqual([customer.id]);
      expect(r.body.nextCursor).toBeNull();
    }
    const byPhone = await search({ query: '5555 0100' });
    expect(byPhone.body.items.map((c: { id: string }) => c.id)).toContain(customer.id);
    // % and _ are literal characters, not wildcards.
    expect((await search({ query: `Paging%${token}` })).body.items).toEqual([]);
    expect((await search({ query: `Paging_Org` })).body.items).toEqual([]);

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const r: { status: number; body: any } = await search({
        query: `Paging Org ${token}`,
        limit: '1',
        ...(cursor ? { cursor } : {}),
      });
      expect(r.status).toBe(200);
      expect(r.body.items.length).toBeLessThanOrEqual(1);
      seen.push(...r.body.items.map((c: { name: string }) => c.name));
      cursor = r.body.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(seen).toEqual([`Amy ${token}`, `Mia ${token}`, `Zed ${token}`]);

    expect((await search({ limit: '201' })).status).toBe(400);
    expect((await search({ limit: '0' })).status).toBe(400);
    const bad = await search({ cursor: 'not-a-cursor' });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    expect((await search({ unknown: 'x' })).status).toBe(400);
  });
});
