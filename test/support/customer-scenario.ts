/**
 * One customer's cases moved through the lifecycle on the real stack (A–G, see run()), for the
 * customer record and the service-quality report tests: both check their figures exactly.
 */
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { newCaseBody, type TestRole, type TestStack } from './stack.js';

async function act(s: TestStack, id: string, role: TestRole, action: string, body: unknown = {}) {
  const r = await s.call(role, 'POST', `/v1/cases/${id}/${action}`, body);
  expect(r.status, `${action}: ${JSON.stringify(r.body)}`).toBe(200);
  return r.body;
}

/** findings → resolution with guidance → resolved (through a supervisor's approval where needed). */
async function resolve(s: TestStack, id: string) {
  await act(s, id, 'agent', 'findings', { summary: 'Controller firmware crashed after the power cut' });
  let c = await act(s, id, 'agent', 'resolution', {
    summary: 'Walked the customer through a reset',
    remedy: 'guidance',
  });
  if (c.status === 'pending_approval')
    c = await act(s, id, 'supervisor', 'approval', { decision: 'approve' });
  expect(c.status).toBe('resolved');
  return c;
}

async function rateClosed(s: TestStack, id: string, score: number) {
  await act(s, id, 'agent', 'callback', { reached: true, solved: true });
  return act(s, id, 'integrator', 'rating', { score });
}

/**
 * A fresh customer (its own token) and, once run() has moved them, its seven cases: their views
 * and timelines, filled in place so that a test file may destructure them before run().
 */
export function customerScenario() {
  const token = randomUUID().slice(0, 8);
  const customer = {
    id: `cr-${token}`,
    name: `Report Customer ${token}`,
    email: `cr.${token}@example.com`,
    phone: '+86 10 5555 0100',
    organisation: `Quality Works ${token}`,
    tier: 'premium',
  };
  const ids: Record<string, string> = {};
  const views: any[] = [];
  const timelines: Record<string, { at: string; type: string }[]> = {};

  /** Opens A–G one after another and moves them where the tests expect them. */
  async function run(s: TestStack): Promise<void> {
    const open = async (name: string, type: string) => {
      const r = await s.call('integrator', 'POST', '/v1/cases', newCaseBody({ type, customer }));
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      ids[name] = r.body.id;
    };
    // Opened one after another, so createdAt grows in this order.
    await open('A', 'complaint');
    await open('B', 'fault_report');
    await open('C', 'inquiry');
    await open('D', 'service_request');
    await open('E', 'technical_support');
    await open('F', 'inquiry');
    await open('G', 'complaint');

    await s.agents(`alice-${token}`, `bob-${token}`, `carol-${token}`);
    // A, B: resolved first time, callback solved, rated 5 and 4 → closed.
    await act(s, ids.A!, 'agent', 'accept', { assignee: `alice-${token}` });
    await resolve(s, ids.A!);
    expect((await rateClosed(s, ids.A!, 5)).status).toBe('closed');
    await act(s, ids.B!, 'agent', 'accept', { assignee: `bob-${token}` });
    await resolve(s, ids.B!);
    expect((await rateClosed(s, ids.B!, 4)).status).toBe('closed');
    // C: resolved, waiting for the callback.
    await act(s, ids.C!, 'agent', 'accept', { assignee: `alice-${token}` });
    await resolve(s, ids.C!);
    // D: accepted only. E: untouched. F: withdrawn while new.
    await act(s, ids.D!, 'agent', 'accept', { assignee: `bob-${token}` });
    await act(s, ids.F!, 'integrator', 'withdraw', { reason: 'solved it themselves' });
    // G: resolved, rated 2 → reopened once, resolved again (no longer first-contact).
    await act(s, ids.G!, 'supervisor', 'accept', { assignee: `carol-${token}` });
    await resolve(s, ids.G!);
    const reopened = await rateClosed(s, ids.G!, 2);
    expect(reopened).toMatchObject({ status: 'investigating', reopenCount: 1 });
    await resolve(s, ids.G!);

    views.push(
      ...(await Promise.all(
        Object.values(ids).map((id) => s.call('agent', 'GET', `/v1/cases/${id}`).then((r) => r.body)),
      )),
    );
    Object.assign(
      timelines,
      Object.fromEntries(
        await Promise.all(
          Object.entries(ids).map(async ([name, id]) => [
            name,
            (await s.call('agent', 'GET', `/v1/cases/${id}/timeline`)).body.items,
          ]),
        ),
      ),
    );
  }

  const view = (name: string) => views.find((v) => v.id === ids[name])!;
  const window = () => {
    const created = views.map((v) => Date.parse(v.createdAt));
    return {
      from: new Date(Math.min(...created)).toISOString(),
      to: new Date(Math.max(...created) + 1).toISOString(),
    };
  };

  return { token, customer, ids, views, timelines, view, window, run };
}
