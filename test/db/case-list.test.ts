/** db/case-list.ts against a real PostgreSQL: each filter, text search, scope, and both orders' cursors. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listCases, type CaseListFilter } from '../../db/case-list.js';
import { fresh, insertCase, testDb } from './rows.js';

const db = testDb();
let customerId: string;
const ids: Record<string, string> = {};
const t0 = new Date('2026-03-01T00:00:00Z');
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

beforeAll(async () => {
  customerId = fresh('cus_');
  const team = fresh('team');
  const agent = fresh('agent');
  await db
    .insertInto('teams')
    .values({ name: team, case_types: JSON.stringify([]), min_level: 9, max_level: 9 })
    .execute();
  await db.insertInto('agents').values({ id: agent, name: 'A', team, active: true }).execute();
  const base = { customerId };
  ids.a = await insertCase(db, {
    ...base,
    createdAt: at(1),
    subject: 'Router 100% broken',
    nextDeadline: at(60),
    status: 'new',
  });
  ids.b = await insertCase(db, {
    ...base,
    createdAt: at(2),
    type: 'complaint',
    priority: 'high',
    assignee: agent,
    breached: true,
    nextDeadline: at(30),
    status: 'investigating',
    level: 2,
  });
  ids.c = await insertCase(db, {
    ...base,
    createdAt: at(3),
    customerName: 'Wang Fang',
    assignee: 'supervisor:lee',
    nextDeadline: null,
    status: 'closed',
    openedBy: 'integrator:shop',
  });
  ids.d = await insertCase(db, {
    ...base,
    createdAt: at(4),
    description: 'Fibre line_down in 北京',
    nextDeadline: null,
    openedBy: 'integrator:shop',
  });
  ids.e = await insertCase(db, {
    ...base,
    createdAt: at(5),
    nextDeadline: at(45),
    priority: 'low',
    level: 3,
  });
  Object.assign(ids, { agent, team });
});
afterAll(() => db.destroy());

const list = (f: Partial<CaseListFilter>) =>
  listCases(db, { customerId, sort: 'createdAt', limit: 50, ...f }).then((p) => p.items.map((v) => v.id));

describe('the case list query', () => {
  it('orders newest first by default and soonest deadline first (none last) on request', async () => {
    expect(await list({})).toEqual([ids.e, ids.d, ids.c, ids.b, ids.a]);
    expect(await list({ sort: 'nextDeadline' })).toEqual([ids.b, ids.e, ids.a, ...[ids.c, ids.d].sort()]);
  });

  it('filters by status, type, priority, level, assignee, team, breached and unassigned', async () => {
    expect(await list({ status: ['investigating', 'closed'] })).toEqual([ids.c, ids.b]);
    expect(await list({ type: ['complaint'] })).toEqual([ids.b]);
    expect(await list({ priority: ['low', 'high'] })).toEqual([ids.e, ids.b]);
    expect(await list({ level: [2, 3] })).toEqual([ids.e, ids.b]);
    expect(await list({ assignee: ids.agent })).toEqual([ids.b]);
    expect(await list({ assigneeIn: ['supervisor:lee', 'nobody'] })).toEqual([ids.c]);
    expect(await list({ team: ids.team })).toEqual([ids.b]);
    expect(await list({ breached: true })).toEqual([ids.b]);
    expect(await list({ breached: false })).toEqual([ids.e, ids.d, ids.c, ids.a]);
    expect(await list({ unassigned: true })).toEqual([ids.e, ids.d, ids.a]);
    expect(await list({ unassigned: false })).toEqual([ids.c, ids.b]);
  });

  it('searches words case-insensitively in subject, description and customer name; % and _ are literal', async () => {
    expect(await list({ words: ['ROUTER'] })).toEqual([ids.a]);
    expect(await list({ words: ['wang', 'fang'] })).toEqual([ids.c]);
    expect(await list({ words: ['北京'] })).toEqual([ids.d]);
    expect(await list({ words: ['100%'] })).toEqual([ids.a]);
    expect(await list({ words: ['line_down'] })).toEqual([ids.d]);
    expect(await list({ words: ['line%down'] })).toEqual([]);
    expect(await list({ words: ['router', 'wang'] })).toEqual([]);
  });

  it('keeps a scoped integration inside the cases it opened', async () => {
    expect(await list({ scope: 'integrator:shop' })).toEqual([ids.d, ids.c]);
    expect(await list({ scope: 'integrator:other' })).toEqual([]);
  });

  it('pages with a cursor in both orders, past cases without a deadline', async () => {
    for (const sort of ['createdAt', 'nextDeadline'] as const) {
      const all = await list({ sort });
      const seen: string[] = [];
      let after: CaseListFilter['after'];
      for (let i = 0; i < 10; i++) {
        const page = await listCases(db, { customerId, sort, limit: 2, after });
        seen.push(...page.items.map((v) => v.id));
        if (!page.next) break;
        after = page.next;
      }
      expect(seen).toEqual(all);
    }
    const first = await listCases(db, { customerId, sort: 'nextDeadline', limit: 4 });
    expect(first.next).toEqual({ key: null, id: [ids.c, ids.d].sort()[0] });
    const last = await listCases(db, { customerId, sort: 'createdAt', limit: 5 });
    expect(last.next).toBeNull();
  });
});
