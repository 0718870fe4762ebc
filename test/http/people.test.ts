/**
 * People, not roles: keys held by named people and systems, checked against the directory, with
 * their names in the timeline; the four-eyes rule on approvals, on and off.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEYS, newCaseBody, startTestStack, type TestStack } from '../support/stack.js';

const token = randomUUID().slice(0, 6);
const person = (n: string) => `${n}.${token}`;

let s: TestStack;
/** Clear keys by person, created through the admin API. */
const keys: Record<string, string> = {};

async function call(key: string, method: string, path: string, body?: unknown) {
  const res = await fetch(s.url + path, {
    method,
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json().catch(() => undefined)) as any };
}

async function createKey(role: string, name: string, extra: Record<string, unknown> = {}) {
  const r = await s.call('admin', 'POST', '/v1/api-keys', { role, name, ...extra });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  keys[name] = r.body.key;
  return r.body;
}

/** A case taken to pending_approval (a refund) with the proposal made by `proposer`'s key. */
async function pendingRefund(proposer: string) {
  const opened = await call(keys[person('crm')]!, 'POST', '/v1/cases', newCaseBody({ type: 'complaint' }));
  expect(opened.status, JSON.stringify(opened.body)).toBe(201);
  const id = opened.body.id as string;
  for (const [action, body] of [
    ['accept', { assignee: person('zhang') }],
    ['findings', { summary: 'Charged twice' }],
  ] as const) {
    expect((await call(keys[person('zhang')]!, 'POST', `/v1/cases/${id}/${action}`, body)).status).toBe(200);
  }
  const proposed = await call(keys[proposer]!, 'POST', `/v1/cases/${id}/resolution`, {
    summary: 'Refund the double charge',
    remedy: 'refund',
    amount: 42,
  });
  expect(proposed.body.status).toBe('pending_approval');
  return id;
}

beforeAll(async () => {
  s = await startTestStack();
  await s.agents(person('zhang'));
  await createKey('integrator', person('crm'), { scoped: false });
  await createKey('agent', person('zhang'));
  await createKey('supervisor', person('li'));
  await createKey('supervisor', person('wang'));
});
afterAll(async () => {
  await s?.stop();
});

describe('keys belong to people', () => {
  it('refuses an agent key for someone who is not an active agent in the directory', async () => {
    const r = await s.call('admin', 'POST', '/v1/api-keys', { role: 'agent', name: person('nobody') });
    expect(r.status).toBe(400);
    expect(r.body.errors).toEqual([{ path: 'name', in: 'body', message: 'unknown agent' }]);
  });

  it('refuses an assignee who is not a known, active agent, with the field error', async () => {
    const { body: c } = await call(keys[person('crm')]!, 'POST', '/v1/cases', newCaseBody());
    const r = await call(keys[person('zhang')]!, 'POST', `/v1/cases/${c.id}/accept`, {
      assignee: person('ghost'),
    });
    expect(r.status).toBe(400);
    expect(r.body.errors).toEqual([{ path: 'assignee', in: 'body', message: 'no such active agent' }]);
    expect(r.body.detail).toContain(person('ghost'));
    // the case is untouched
    expect((await s.call('agent', 'GET', `/v1/cases/${c.id}`)).body.status).toBe('new');
  });

  it('an agent accepting an unassigned case without naming anyone takes it as themself', async () => {
    const { body: c } = await call(keys[person('crm')]!, 'POST', '/v1/cases', newCaseBody());
    expect(c.assignee).toBeNull();
    const r = await call(keys[person('zhang')]!, 'POST', `/v1/cases/${c.id}/accept`, {});
    expect(r.body).toMatchObject({ assignee: person('zhang'), owner: person('zhang') });
  });

  it('shows when each key was last used, and an expired key no longer works', async () => {
    const before = await s.call('admin', 'GET', '/v1/api-keys');
    const fresh = await createKey('supervisor', person('temp'), {
      expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
    });
    expect(fresh.expiresAt).not.toBeNull();
    expect(fresh.lastUsedAt).toBeNull();
    expect((await call(keys[person('li')]!, 'GET', '/v1/cases?limit=1')).status).toBe(200);
    const after = await s.call('admin', 'GET', '/v1/api-keys');
    const li = after.body.items.find((k: any) => k.name === person('li'));
    expect(Date.parse(li.lastUsedAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(before.body.items.length).toBeLessThan(after.body.items.length);

    await s.db
      .updateTable('api_keys')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('id', '=', fresh.id)
      .execute();
    expect((await call(keys[person('temp')]!, 'GET', '/v1/cases?limit=1')).status).toBe(401);
    const past = await s.call('admin', 'POST', '/v1/api-keys', {
      role: 'supervisor',
      name: person('late'),
      expiresAt: '2020-01-01T00:00:00Z',
    });
    expect(past.status).toBe(400);
  });

  it('keeps each role to what it may do, and names the person in the timeline', async () => {
    const crm = keys[person('crm')]!;
    const zhang = keys[person('zhang')]!;
    const li = keys[person('li')]!;
    const { body: c } = await call(crm, 'POST', '/v1/cases', newCaseBody({ type: 'complaint' }));
    expect((await call(crm, 'POST', `/v1/cases/${c.id}/accept`, {})).status).toBe(403);
    expect(
      (await call(zhang, 'POST', `/v1/cases/${c.id}/accept`, { assignee: person('zhang') })).status,
    ).toBe(200);
    expect((await call(zhang, 'POST', `/v1/cases/${c.id}/findings`, { summary: 'Billing bug' })).status).toBe(
      200,
    );
    const proposed = await call(zhang, 'POST', `/v1/cases/${c.id}/resolution`, {
      summary: 'Refund',
      remedy: 'refund',
      amount: 10,
    });
    expect(proposed.body.status).toBe('pending_approval');
    expect((await call(zhang, 'POST', `/v1/cases/${c.id}/approval`, { decision: 'approve' })).status).toBe(
      403,
    );
    expect((await call(crm, 'POST', `/v1/cases/${c.id}/approval`, { decision: 'approve' })).status).toBe(403);
    expect((await call(li, 'POST', `/v1/cases/${c.id}/approval`, { decision: 'approve' })).status).toBe(200);
    expect((await call(li, 'POST', `/v1/api-keys`, { role: 'admin', name: 'x' })).status).toBe(403);

    const timeline = await call(li, 'GET', `/v1/cases/${c.id}/timeline`);
    const actorOf = (type: string) => timeline.body.items.find((e: any) => e.type === type)?.actor;
    expect(actorOf('case.opened')).toBe(`integrator:${person('crm')}`);
    expect(actorOf('case.accepted')).toBe(`agent:${person('zhang')}`);
    expect(actorOf('case.resolution_proposed')).toBe(`agent:${person('zhang')}`);
    expect(actorOf('case.approved')).toBe(`supervisor:${person('li')}`);
  });
});

describe('integrator keys scoped to their integration', () => {
  it('reaches only the cases its integration opened and their customers; the rest is 404', async () => {
    const erp = await createKey('integrator', person('erp'));
    expect(erp.scoped).toBe(true);
    const mine = await call(keys[person('erp')]!, 'POST', '/v1/cases', newCaseBody());
    expect(mine.status).toBe(201);
    const otherBody = newCaseBody();
    otherBody.customer.name = `Other ${token}`;
    const other = await call(keys[person('crm')]!, 'POST', '/v1/cases', otherBody);
    expect(other.status).toBe(201);
    // The scoped key's customer also has a case from the other integration: not shown to it.
    const shared = await call(
      keys[person('crm')]!,
      'POST',
      '/v1/cases',
      newCaseBody({ customer: { id: mine.body.customer.id, name: 'Li Wei' } }),
    );
    expect(shared.status).toBe(201);

    const erpKey = keys[person('erp')]!;
    const o = other.body.id;
    for (const [method, path, body] of [
      ['GET', `/v1/cases/${o}`],
      ['GET', `/v1/cases/${o}/timeline`],
      ['POST', `/v1/cases/${o}/escalate`, { reason: 'hurry' }],
      ['POST', `/v1/cases/${o}/withdraw`, { reason: 'changed mind' }],
      ['POST', `/v1/cases/${o}/customer-reply`, { message: 'hello' }],
      ['GET', `/v1/customers/${other.body.customer.id}`],
    ] as const) {
      const r = await call(erpKey, method, path, body);
      expect(r.status, `${method} ${path}`).toBe(404);
    }
    expect((await s.call('agent', 'GET', `/v1/cases/${o}`)).body.level).toBe(other.body.level);
    expect((await call(erpKey, 'GET', `/v1/cases/${mine.body.id}`)).status).toBe(200);
    expect((await call(erpKey, 'GET', `/v1/cases/${mine.body.id}/timeline`)).status).toBe(200);

    const list = await call(erpKey, 'GET', '/v1/cases?limit=200');
    const ids = list.body.items.map((c: any) => c.id);
    expect(ids).toContain(mine.body.id);
    expect(ids).not.toContain(o);
    expect(ids).not.toContain(shared.body.id);
    const search = await call(erpKey, 'GET', `/v1/customers?query=${encodeURIComponent(`Other ${token}`)}`);
    expect(search.body.items).toEqual([]);
    const record = await call(erpKey, 'GET', `/v1/customers/${mine.body.customer.id}`);
    expect(record.status).toBe(200);
    expect(record.body.cases.map((c: any) => c.id)).toEqual([mine.body.id]);
    expect(record.body.stats.cases).toBe(1);
    expect((await call(erpKey, 'GET', '/v1/reports/service-quality')).status).toBe(403);

    // Unscoped keys (the front desk, and every key of CASE_API_KEYS) see everything.
    expect((await call(keys[person('crm')]!, 'GET', `/v1/cases/${mine.body.id}`)).status).toBe(200);
    expect((await s.call('integrator', 'GET', `/v1/cases/${mine.body.id}`)).status).toBe(200);
    const full = await s.call('integrator', 'GET', `/v1/customers/${mine.body.customer.id}`);
    expect(full.body.stats.cases).toBe(2);
  });
});

describe("a scoped integrator through the console's endpoints", () => {
  it('list filters, q search and the change stream reach only its own cases; a session keeps the scope', async () => {
    await createKey('integrator', person('shop'));
    const word = `Scopetest${token}`;
    const body = () => {
      const b = newCaseBody({ subject: `${word} kettle` });
      b.customer.name = `${word} Chen`;
      return b;
    };
    const mine = await call(keys[person('shop')]!, 'POST', '/v1/cases', body());
    const other = await call(keys[person('crm')]!, 'POST', '/v1/cases', body());
    expect([mine.status, other.status]).toEqual([201, 201]);

    const signIn = await fetch(`${s.url}/v1/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ apiKey: keys[person('shop')] }),
    });
    expect(signIn.status).toBe(200);
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
    const bearer = { Authorization: `Bearer ${keys[person('shop')]}` };
    for (const auth of [bearer, { Cookie: cookie }]) {
      const get = (path: string) => fetch(s.url + path, { headers: auth });
      for (const query of [
        `q=${word}`,
        `q=${word.toLowerCase()}%20chen&sort=nextDeadline`,
        'unassigned=true&sort=nextDeadline&limit=200',
        'level=1,2,3&status=new&limit=200',
        `breached=false&q=kettle&limit=200`,
      ]) {
        const r = await get(`/v1/cases?${query}`);
        expect(r.status, query).toBe(200);
        const ids = ((await r.json()) as any).items.map((c: any) => c.id);
        expect(ids, query).not.toContain(other.body.id);
        if (query.includes(word)) expect(ids, query).toEqual([mine.body.id]);
      }
      expect((await get(`/v1/cases/${other.body.id}`)).status).toBe(404);
      // The stream: another integration's case is 404, `all` is refused, its own case streams.
      expect((await get(`/v1/case-changes?cases=${other.body.id}`)).status).toBe(404);
      expect((await get(`/v1/case-changes?cases=${mine.body.id},${other.body.id}`)).status).toBe(404);
      expect((await get('/v1/case-changes?cases=all')).status).toBe(403);
      const ctrl = new AbortController();
      const own = await fetch(`${s.url}/v1/case-changes?cases=${mine.body.id}`, {
        headers: auth,
        signal: ctrl.signal,
      });
      expect(own.status).toBe(200);
      ctrl.abort();
    }
    // An unscoped key follows every case.
    const ctrl = new AbortController();
    const all = await fetch(`${s.url}/v1/case-changes?cases=all`, {
      headers: { Authorization: `Bearer ${keys[person('crm')]}` },
      signal: ctrl.signal,
    });
    expect(all.status).toBe(200);
    ctrl.abort();
  });
});

describe('four eyes', () => {
  it('refuses an approval by the person who proposed the resolution, then takes another supervisor’s', async () => {
    const id = await pendingRefund(person('li'));
    const own = await call(keys[person('li')]!, 'POST', `/v1/cases/${id}/approval`, { decision: 'approve' });
    expect(own.status).toBe(409);
    expect(own.body.detail).toContain('four-eyes');
    expect(own.body.detail).toContain(person('li'));
    expect(own.body.currentStatus).toBe('pending_approval');

    const other = await call(keys[person('wang')]!, 'POST', `/v1/cases/${id}/approval`, {
      decision: 'approve',
    });
    expect(other.status).toBe(200);
    expect(other.body.status).toBe('resolved');
    const { body: t } = await s.call('supervisor', 'GET', `/v1/cases/${id}/timeline`);
    const proposed = t.items.find((e: any) => e.type === 'case.resolution_proposed');
    const approved = t.items.find((e: any) => e.type === 'case.approved');
    expect(proposed.actor).toBe(`supervisor:${person('li')}`);
    expect(approved.actor).toBe(`supervisor:${person('wang')}`);
    expect(approved.data.proposedBy).toBe(`supervisor:${person('li')}`);
  });

  it('one person holding two keys is still one person; an admin is no exception', async () => {
    const supervisorKey = keys[person('li')]!;
    const admin = await createKey('admin', person('li'));
    const adminKey = keys[person('li')]!;
    keys[person('li')] = supervisorKey;
    expect(admin.name).toBe(person('li'));
    const id = await pendingRefund(person('li'));
    const asAdmin = await call(adminKey, 'POST', `/v1/cases/${id}/approval`, { decision: 'approve' });
    expect(asAdmin.status).toBe(409);
    expect(asAdmin.body.detail).toContain('four-eyes');
  });
});

describe('four eyes switched off (APPROVAL_FOUR_EYES=false)', () => {
  let off: TestStack;
  beforeAll(async () => {
    off = await startTestStack({
      APPROVAL_FOUR_EYES: 'false',
      CASE_API_KEYS: `agent=${KEYS.agent},integrator:front-desk=${KEYS.integrator},supervisor:li.na=${KEYS.supervisor}`,
    });
  });
  afterAll(async () => {
    await off?.stop();
  });

  it('lets the proposer approve, and names env keys given as role:name', async () => {
    const { body: c } = await off.call('integrator', 'POST', '/v1/cases', newCaseBody({ type: 'complaint' }));
    await off.call('agent', 'POST', `/v1/cases/${c.id}/accept`, {});
    await off.call('agent', 'POST', `/v1/cases/${c.id}/findings`, { summary: 'Charged twice' });
    const p = await off.call('supervisor', 'POST', `/v1/cases/${c.id}/resolution`, {
      summary: 'Refund',
      remedy: 'refund',
      amount: 5,
    });
    expect(p.body.status).toBe('pending_approval');
    const a = await off.call('supervisor', 'POST', `/v1/cases/${c.id}/approval`, { decision: 'approve' });
    expect(a.status).toBe(200);
    const { body: t } = await off.call('supervisor', 'GET', `/v1/cases/${c.id}/timeline`);
    const actors = t.items.map((e: any) => `${e.type} ${e.actor}`);
    expect(actors).toContain('case.opened integrator:front-desk');
    expect(actors).toContain('case.approved supervisor:li.na');
    expect(actors).toContain('case.accepted agent:agent');
  });
});
