/**
 * Two API instances on one database (and one task queue, as one deployment): rate limits hold
 * across them, a codec or console session opened on one works on the other, revoking its key ends
 * it on both at once, and every decode is in the audit log admins read.
 */
import { randomUUID } from 'node:crypto';
import { Client } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newCaseBody, startTestStack, type TestStack } from '../support/stack.js';

let a: TestStack;
let b: TestStack;
const token = randomUUID().slice(0, 6);

beforeAll(async () => {
  const shared = { RATE_LIMIT_PER_MINUTE: '10', RATE_LIMIT_SYNC_MS: '100' };
  a = await startTestStack(shared);
  b = await startTestStack({
    ...shared,
    TEMPORAL_TASK_QUEUE: a.taskQueue,
    PUBLIC_URL: 'https://cases.example.org',
  });
});
afterAll(async () => {
  await b?.stop();
  await a?.stop();
});

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function post(stack: TestStack, path: string, body: unknown, headers: Record<string, string>) {
  const res = await fetch(stack.url + path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, body: (await res.json().catch(() => undefined)) as any };
}

describe('two API instances', () => {
  it('share one rate limit per key', async () => {
    const statuses = async (s: TestStack, n: number) => {
      const out: number[] = [];
      for (let i = 0; i < n; i++) out.push((await s.call('supervisor', 'GET', '/v1/cases?limit=1')).status);
      return out;
    };
    expect(await statuses(b, 1)).toEqual([200]);
    expect(await statuses(a, 6)).toEqual([200, 200, 200, 200, 200, 200]);
    await pause(500); // both instances have added their hits to the shared counter
    expect(await statuses(b, 5)).toEqual([200, 200, 200, 429, 429]);
    await pause(500);
    const overA = await a.call('supervisor', 'GET', '/v1/cases?limit=1');
    expect(overA.status).toBe(429);
    expect(Number(overA.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('share codec sessions; revoking the key ends them on every instance; decodes are audited', async () => {
    const name = `auditor.${token}`;
    const created = await a.call('admin', 'POST', '/v1/api-keys', { role: 'supervisor', name });
    expect(created.status).toBe(201);
    const { body: c } = await a.call('integrator', 'POST', '/v1/cases', newCaseBody());
    const raw = new Client({ connection: a.client.connection });
    const history = await raw.workflow.getHandle(c.workflowId).fetchHistory();
    const started = history.events!.find((e) => e.workflowExecutionStartedEventAttributes)!;
    const payloads = started.workflowExecutionStartedEventAttributes!.input!.payloads!.map((p) => ({
      metadata: Object.fromEntries(
        Object.entries(p.metadata!).map(([k, v]) => [k, Buffer.from(v).toString('base64')]),
      ),
      data: Buffer.from(p.data!).toString('base64'),
    }));

    const login = await post(a, '/codec/session', { key: created.body.key }, {});
    expect(login.status).toBe(204);
    const setCookie = login.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).not.toMatch(/Secure/i); // a's public URL is http
    const cookie = { Cookie: setCookie.split(';')[0]! };

    const onB = await post(b, '/codec/decode', { payloads }, cookie);
    expect(onB.status).toBe(200);
    const input = JSON.parse(Buffer.from(onB.body.payloads[0].data, 'base64').toString());
    expect(input.open.customer.email).toBe('li.wei@example.com');
    expect(
      (await post(a, '/codec/decode', { payloads }, { Authorization: `Bearer ${created.body.key}` })).status,
    ).toBe(200);

    const log = await b.call('admin', 'GET', `/v1/codec-access?caseId=${c.id}`);
    expect(log.status).toBe(200);
    expect(log.body.items).toHaveLength(2);
    expect(log.body.items.map((e: any) => e.via).sort()).toEqual(['key', 'session']);
    for (const e of log.body.items) {
      expect(e).toMatchObject({ actor: `supervisor:${name}`, caseIds: [c.id], payloads: payloads.length });
      expect(e.workflowIds).toContain(c.workflowId);
      expect(Date.parse(e.at)).toBeGreaterThan(Date.now() - 60_000);
    }
    expect((await b.call('agent', 'GET', '/v1/codec-access')).status).toBe(403);

    expect((await b.call('admin', 'DELETE', `/v1/api-keys/${created.body.id}`)).status).toBe(204);
    // At once, on the other instance too: no cache to wait out.
    expect((await post(a, '/codec/decode', { payloads }, cookie)).status).toBe(401);
    expect((await post(b, '/codec/decode', { payloads }, cookie)).status).toBe(401);
  });

  it('marks the session cookie Secure when the public URL is https', async () => {
    const login = await post(b, '/codec/session', { key: 'test-supervisor-key' }, {});
    expect(login.status).toBe(204);
    expect(login.headers.get('set-cookie')).toMatch(/;\s*Secure/i);
  });

  it('share console sessions; revoking the key ends them on every instance; Secure on https', async () => {
    const name = `desk.${token}`;
    const created = await a.call('admin', 'POST', '/v1/api-keys', { role: 'supervisor', name });
    expect(created.status).toBe(201);
    const signIn = await post(a, '/v1/session', { apiKey: created.body.key }, {});
    expect(signIn.status).toBe(200);
    const setCookie = signIn.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    expect(setCookie).not.toMatch(/Secure/i); // a's public URL is http
    expect(setCookie).not.toContain(created.body.key);
    const cookie = { Cookie: setCookie.split(';')[0]! };
    const who = async (s: TestStack) => {
      const r = await fetch(`${s.url}/v1/session`, { headers: cookie });
      return { status: r.status, body: (await r.json()) as any };
    };
    expect(await who(b)).toMatchObject({ status: 200, body: { actor: `supervisor:${name}` } });

    expect((await b.call('admin', 'DELETE', `/v1/api-keys/${created.body.id}`)).status).toBe(204);
    expect((await who(a)).status).toBe(401);
    expect((await who(b)).status).toBe(401);
    const rows = await a.db
      .selectFrom('console_sessions')
      .select('key_id')
      .where('key_id', '=', created.body.id)
      .execute();
    expect(rows).toEqual([]);

    const onHttps = await post(b, '/v1/session', { apiKey: 'test-supervisor-key' }, {});
    expect(onHttps.status).toBe(200);
    expect(onHttps.headers.get('set-cookie')).toMatch(/;\s*Secure/i);
  });
});
