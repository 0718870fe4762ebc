/**
 * The telecom manual's outage (§10 突发事件) through HTTP on the real stack: 50 complaints from
 * different customers, linked at opening, later and while a fan-out runs; two public updates that
 * reach every linked case once (timeline and webhook); resolution resolves every still-open case
 * with the incident's resolution; one case goes on alone to `closed`.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newCaseBody, startTestStack, type TestStack } from '../support/stack.js';

let s: TestStack;
let receiver: Server;
let url: string;
const received: { id: string; body: any }[] = [];

beforeAll(async () => {
  s = await startTestStack();
  receiver = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      received.push({ id: String(req.headers['x-event-id']), body: JSON.parse(raw) });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
  url = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/hooks`;
});
afterAll(async () => {
  await s?.stop();
  await new Promise((r) => receiver?.close(r));
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function eventually<T>(fn: () => Promise<T>, ok: (v: T) => boolean, ms = 60_000): Promise<T> {
  const t0 = Date.now();
  for (;;) {
    const v = await fn();
    if (ok(v) || Date.now() - t0 > ms) return v;
    await sleep(250);
  }
}
async function pool<T, R>(items: T[], n: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  let i = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (i < items.length) {
        const k = i++;
        out[k] = await fn(items[k]!);
      }
    }),
  );
  return out;
}

const complaint = (i: number, incidentId?: string) =>
  newCaseBody({
    type: 'complaint',
    channel: 'phone',
    product: 'fibre-broadband',
    subject: `No internet since 08:10 (${i})`,
    description: 'The fibre line is down; the router shows LOS in red.',
    customer: { id: `tel-${randomUUID().slice(0, 8)}`, name: `Customer ${i}`, email: `c${i}@example.com` },
    ...(incidentId ? { incidentId } : {}),
  });

const timeline = async (id: string, role: 'agent' | 'integrator' = 'agent') =>
  (await s.call(role, 'GET', `/v1/cases/${id}/timeline`)).body.items as {
    type: string;
    data: any;
    actor: string;
  }[];

describe('incidents: the telecom outage', () => {
  it('tells 50 linked complaints each update once and resolves them together', async () => {
    const bad = await s.call('supervisor', 'POST', '/v1/incidents', {
      title: 'x',
      description: 'y',
      kind: 'outage',
      severity: 'huge',
    });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');

    const opened = await s.call(
      'supervisor',
      'POST',
      '/v1/incidents',
      {
        title: 'Fibre outage in Pudong',
        description: 'Backbone router PD-7 failed after a power cut; field team dispatched (internal).',
        kind: 'outage',
        severity: 'critical',
        scope: { products: ['fibre-broadband'], regions: ['Shanghai/Pudong'], caseTypes: ['complaint'] },
      },
      { 'Idempotency-Key': `inc-${randomUUID()}` },
    );
    expect(opened.status).toBe(201);
    const inc = opened.body;
    expect(inc).toMatchObject({ status: 'open', severity: 'critical', workflowId: `incident:${inc.id}` });
    expect(inc.deadlines.firstMessageBy).not.toBeNull();

    const sub = await s.call('admin', 'POST', '/v1/webhooks', {
      url,
      events: ['case.incident_update', 'incident.updated', 'incident.resolved'],
      secret: 'whsec_incidents_0123456789',
    });
    expect(sub.status).toBe(201);

    // 20 complaints linked as they open, 30 opened on their own.
    const atOpen = await pool([...Array(20).keys()], 8, async (i) => {
      const r = await s.call('integrator', 'POST', '/v1/cases', complaint(i, inc.id), {
        'Idempotency-Key': `c-${inc.id}-${i}`,
      });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      expect(r.body.incident).toMatchObject({ id: inc.id, title: 'Fibre outage in Pudong' });
      return r.body.id as string;
    });
    const alone = await pool([...Array(30).keys()], 8, async (i) => {
      const r = await s.call('integrator', 'POST', '/v1/cases', complaint(20 + i));
      expect(r.status).toBe(201);
      expect(r.body.incident).toBeUndefined();
      return r.body.id as string;
    });
    // An open, unlinked case that matches the scope is suggested to staff, never to integrators.
    const seen = await s.call('agent', 'GET', `/v1/cases/${alone[0]}`);
    expect(seen.body.incidentSuggestions).toEqual([
      expect.objectContaining({ id: inc.id, matched: ['product', 'type'] }),
    ]);
    expect(
      (await s.call('integrator', 'GET', `/v1/cases/${alone[0]}`)).body.incidentSuggestions,
    ).toBeUndefined();

    const first = await s.call(
      'agent',
      'POST',
      `/v1/incidents/${inc.id}/updates`,
      { message: 'We are aware of a fibre outage in Pudong and engineers are on site.' },
      { 'Idempotency-Key': `u1-${inc.id}` },
    );
    expect(first.status).toBe(201);
    const u1 = first.body.messages[0];
    // The same request again (same key) is the same message, not a second one.
    const again = await s.call(
      'agent',
      'POST',
      `/v1/incidents/${inc.id}/updates`,
      { message: 'We are aware of a fibre outage in Pudong and engineers are on site.' },
      { 'Idempotency-Key': `u1-${inc.id}` },
    );
    expect(again.body.messages).toHaveLength(1);

    // 20 linked later: each gets the latest message at once.
    const later = alone.slice(0, 20);
    const linked = await s.call('agent', 'POST', `/v1/incidents/${inc.id}/cases`, { caseIds: later });
    expect(linked.status).toBe(200);
    expect(linked.body.items.every((o: any) => o.outcome === 'linked')).toBe(true);
    const lateTl = await timeline(later[0]!);
    expect(lateTl.filter((e) => e.type === 'case.incident_update').map((e) => e.data.updateId)).toEqual([
      u1.id,
    ]);

    // Unknown case ids are refused before anything is linked.
    const unknown = await s.call('agent', 'POST', `/v1/incidents/${inc.id}/cases`, { caseIds: ['nope'] });
    expect(unknown.status).toBe(400);

    // Before the second update: one case under investigation, one already resolved by its agent.
    const [investigating, resolvedBefore] = [atOpen[0]!, atOpen[1]!];
    expect((await s.call('agent', 'POST', `/v1/cases/${investigating}/accept`, {})).status).toBe(200);
    expect((await s.call('agent', 'POST', `/v1/cases/${resolvedBefore}/accept`, {})).status).toBe(200);
    await s.call('agent', 'POST', `/v1/cases/${resolvedBefore}/findings`, {
      summary: 'Customer router faulty too',
    });
    const own = await s.call('agent', 'POST', `/v1/cases/${resolvedBefore}/resolution`, {
      summary: 'Router replaced',
      remedy: 'guidance',
    });
    expect(own.body.status).toBe('resolved');

    // The second update, with the last 10 linked while it fans out.
    const last = alone.slice(20);
    const [second, linkedDuring] = await Promise.all([
      s.call('agent', 'POST', `/v1/incidents/${inc.id}/updates`, {
        message: 'Power is restored; service is coming back street by street.',
        status: 'monitoring',
      }),
      sleep(30).then(() => s.call('supervisor', 'POST', `/v1/incidents/${inc.id}/cases`, { caseIds: last })),
    ]);
    expect(second.status).toBe(201);
    expect(second.body.status).toBe('monitoring');
    expect(linkedDuring.status).toBe(200);
    const u2 = second.body.messages[1];
    const all = [...atOpen, ...alone];

    const updatesOf = async (id: string) =>
      (await timeline(id))
        .filter((e) => e.type === 'case.incident_update')
        .map((e) => e.data.updateId as string);
    // Linked during the fan-out: the latest word once (the first too if the link came before it).
    const expected = (id: string, tail: string[]) => (last.includes(id) ? [...tail] : [u1.id, ...tail]);
    for (const id of all) {
      const ids = await eventually(
        () => updatesOf(id),
        (v) => v.includes(u2.id),
      );
      if (last.includes(id) && ids[0] === u1.id) ids.shift();
      expect(ids, id).toEqual(expected(id, [u2.id]));
    }
    const sample = (await timeline(all[5]!, 'integrator')).find((e) => e.data.updateId === u2.id)!;
    expect(sample.data).toMatchObject({ incidentId: inc.id, message: u2.text, incidentStatus: 'monitoring' });

    // Four eyes: a compensation for every linked case is proposed by one supervisor…
    const resolveBody = {
      summary: 'Backbone router PD-7 replaced; all lines restored.',
      remedy: 'compensation',
    };
    const proposed = await s.call('supervisor', 'POST', `/v1/incidents/${inc.id}/resolve`, resolveBody, {
      'Idempotency-Key': `resolve-${inc.id}`,
    });
    expect(proposed.status, JSON.stringify(proposed.body)).toBe(202);
    expect(proposed.body.status).toBe('monitoring');
    expect(proposed.body.proposal).toMatchObject({
      remedy: 'compensation',
      proposedBy: expect.stringMatching(/^supervisor:/),
    });
    expect(proposed.body.messages).toHaveLength(2);
    const retried = await s.call('supervisor', 'POST', `/v1/incidents/${inc.id}/resolve`, resolveBody, {
      'Idempotency-Key': `resolve-${inc.id}`,
    });
    expect(retried.status).toBe(202);
    const another = await s.call('supervisor', 'POST', `/v1/incidents/${inc.id}/resolve`, resolveBody);
    expect(another.status).toBe(409);
    expect(another.body.detail).toContain('waiting for approval');
    expect((await s.call('agent', 'GET', `/v1/cases/${all[0]}`)).body.status).not.toBe('resolved');
    // …who may not approve it; agents may not at all; another supervisor does.
    const ownApproval = await s.call('supervisor', 'POST', `/v1/incidents/${inc.id}/approval`, {
      decision: 'approve',
    });
    expect(ownApproval.status).toBe(409);
    expect(ownApproval.body.detail).toContain('four-eyes');
    expect(
      (await s.call('agent', 'POST', `/v1/incidents/${inc.id}/approval`, { decision: 'approve' })).status,
    ).toBe(403);
    const approver = await s.call('admin', 'POST', '/v1/api-keys', {
      role: 'supervisor',
      name: `second-${randomUUID().slice(0, 8)}`,
    });
    expect(approver.status).toBe(201);
    const resolved = await s.call(
      null,
      'POST',
      `/v1/incidents/${inc.id}/approval`,
      { decision: 'approve', comment: 'compensation agreed' },
      { Authorization: `Bearer ${approver.body.key}` },
    );
    expect(resolved.status, JSON.stringify(resolved.body)).toBe(200);
    expect(resolved.body.status).toBe('resolved');
    expect(resolved.body.proposal).toBeNull();
    expect(resolved.body.resolution).toMatchObject({
      resolvedBy: proposed.body.proposal.proposedBy,
      approvedBy: `supervisor:${approver.body.name}`,
    });
    const u3 = resolved.body.messages[2];

    for (const id of all) {
      const tl = await eventually(
        () => timeline(id),
        (t) => t.some((e) => e.data.updateId === u3.id),
      );
      expect((await s.call('agent', 'GET', `/v1/cases/${id}`)).body.status, id).toBe('resolved');
      expect(tl.filter((e) => e.type === 'case.resolved')).toHaveLength(1);
      const told = tl.filter((e) => e.type === 'case.incident_update').map((e) => e.data.updateId as string);
      if (last.includes(id) && told[0] === u1.id) told.shift();
      expect(told, id).toEqual(expected(id, [u2.id, u3.id]));
      if (id === resolvedBefore) {
        expect(tl.find((e) => e.type === 'case.resolved')!.data.resolution.summary).toBe('Router replaced');
      } else {
        const r = tl.find((e) => e.type === 'case.resolved')!;
        expect(r.data.resolution).toMatchObject({
          summary: 'Backbone router PD-7 replaced; all lines restored.',
          remedy: 'compensation',
        });
        const approved = tl.find((e) => e.type === 'case.approved')!;
        expect(approved.actor).toBe(`supervisor:${approver.body.name}`);
        expect(approved.data.resolutionProposedBy).toBe(proposed.body.proposal.proposedBy);
      }
    }

    // Closing stays per case: one goes through callback and rating.
    const one = atOpen[2]!;
    expect(
      (await s.call('agent', 'POST', `/v1/cases/${one}/callback`, { reached: true, solved: true })).status,
    ).toBe(200);
    const rated = await s.call('integrator', 'POST', `/v1/cases/${one}/rating`, { score: 4 });
    expect(rated.body.status).toBe('closed');

    // A resolved incident takes no links, at opening or later.
    const refused = await s.call('agent', 'POST', `/v1/incidents/${inc.id}/cases`, { caseIds: [one] });
    expect(refused.status).toBe(409);
    const refusedOpen = await s.call('integrator', 'POST', '/v1/cases', complaint(99, inc.id));
    expect(refusedOpen.status).toBe(409);
    expect(refusedOpen.body.currentStatus).toBe('resolved');

    // Webhooks: one per case per message, each event id once; plus one incident-level event each.
    const mine = new Set(all);
    const perCase = await eventually(
      async () => received.filter((r) => r.body.type === 'case.incident_update' && mine.has(r.body.caseId)),
      (v) => v.length >= all.length * 3 - last.length,
    );
    const timelineEntries = (await pool(all, 8, updatesOf)).flat().length;
    expect(perCase).toHaveLength(timelineEntries);
    expect(new Set(perCase.map((r) => r.id)).size).toBe(perCase.length);
    const incidentLevel = await eventually(
      async () => received.filter((r) => r.body.incidentId === inc.id && r.body.type.startsWith('incident.')),
      (v) => v.length >= 3,
    );
    expect(incidentLevel.map((r) => r.body.type)).toEqual([
      'incident.updated',
      'incident.updated',
      'incident.resolved',
    ]);
    expect(JSON.stringify(incidentLevel)).not.toContain('internal');
    expect(JSON.stringify(incidentLevel)).not.toContain('PD-7 failed');

    // Integrators read the public word only.
    const pub = await s.call('integrator', 'GET', `/v1/incidents/${inc.id}`);
    expect(pub.body.description).toBeUndefined();
    expect(pub.body.messages).toHaveLength(3);

    const report = await s.call('supervisor', 'GET', `/v1/incidents/${inc.id}/report`);
    expect(report.status).toBe(200);
    expect(report.body).toMatchObject({
      linked: { current: 50, ever: 50 },
      messages: { posted: 3 },
      ratings: { count: 1, mean: 4 },
    });
    expect(report.body.messages.caseTimelineEntries).toBe(timelineEntries);
    expect(report.body.byStatus).toMatchObject({ resolved: 49, closed: 1 });
    expect(report.body.secondsToFirstMessage).toBeGreaterThan(0);

    // The service-quality report filters and groups by incident.
    const period = `from=${new Date(Date.now() - 3_600_000).toISOString()}&to=${new Date(Date.now() + 60_000).toISOString()}`;
    const quality = await s.call(
      'supervisor',
      'GET',
      `/v1/reports/service-quality?${period}&incidentId=${inc.id}`,
    );
    expect(quality.status).toBe(200);
    expect(quality.body).toMatchObject({ total: 50, byStatus: { resolved: 49, closed: 1 } });
    const grouped = await s.call(
      'supervisor',
      'GET',
      `/v1/reports/service-quality?${period}&groupBy=incident`,
    );
    expect(grouped.body.groups.find((g: any) => g.key === inc.id)).toMatchObject({ total: 50 });

    // Ops list the incident's cases by CaseIncidentId.
    const count = await eventually(
      async () => (await s.client.workflow.count(`CaseIncidentId = '${inc.id}'`)).count,
      (n) => n === 50,
      20_000,
    );
    expect(count).toBe(50);
  }, 240_000);
});
