/**
 * Webhooks to a real local HTTP receiver that fails for a while and then recovers: every event of
 * the cases arrives, signed, and none twice by event id.
 */
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebhookEvent } from '../../api/schemas.js';
import { newCaseBody, startTestStack, type TestStack } from '../support/stack.js';

let s: TestStack;
let receiver: Server;
let url: string;
const received: { id: string; body: any; signatureOk: boolean }[] = [];
let failUntil = 0;
let refused = 0;
const secret = 'whsec_test_0123456789abcdef';

beforeAll(async () => {
  s = await startTestStack();
  receiver = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      if (Date.now() < failUntil) {
        refused += 1;
        res.writeHead(503).end('down for maintenance');
        return;
      }
      const sig = String(req.headers['x-signature'] ?? '');
      const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(sig);
      const expected = m && createHmac('sha256', secret).update(`${m[1]}.${raw}`).digest('hex');
      received.push({
        id: String(req.headers['x-event-id']),
        body: JSON.parse(raw),
        signatureOk: !!m && expected === m[2],
      });
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

describe('webhooks', () => {
  it('delivers every event once, signed, through a receiver outage', async () => {
    const sub = await s.call('admin', 'POST', '/v1/webhooks', { url, events: ['*'], secret });
    expect(sub.status).toBe(201);
    expect(sub.body.secret).toBe(secret);
    const nonAdmin = await s.call('supervisor', 'GET', '/v1/webhooks');
    expect(nonAdmin.status).toBe(403);

    failUntil = Infinity; // the receiver is down while the cases run, and 2 s after
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { body: c } = await s.call('integrator', 'POST', '/v1/cases', newCaseBody());
      ids.push(c.id);
      await s.call('agent', 'POST', `/v1/cases/${c.id}/accept`, {});
      await s.call('agent', 'POST', `/v1/cases/${c.id}/findings`, { summary: 'f' });
      await s.call('agent', 'POST', `/v1/cases/${c.id}/resolution`, { summary: 'r', remedy: 'guidance' });
      await s.call('agent', 'POST', `/v1/cases/${c.id}/callback`, { reached: true, solved: true });
      await s.call('integrator', 'POST', `/v1/cases/${c.id}/rating`, { score: 5 });
    }
    failUntil = Date.now() + 2000;
    // Every event in the timelines is what must arrive.
    const expected = new Set<string>();
    for (const id of ids) {
      const tl = await s.call('agent', 'GET', `/v1/cases/${id}/timeline`);
      for (const e of tl.body.items) expected.add(`${id}:${e.seq}`);
    }
    expect(expected.size).toBeGreaterThan(20);

    const mine = () => received.filter((r) => ids.includes(r.body.caseId));
    const deadline = Date.now() + 45_000;
    while (new Set(mine().map((r) => r.id)).size < expected.size && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
    }
    const got = mine();
    expect(refused).toBeGreaterThan(0);
    expect(new Set(got.map((r) => r.id))).toEqual(expected);
    expect(got.length).toBe(expected.size); // none twice
    expect(got.every((r) => r.signatureOk)).toBe(true);
    const one = got.find((r) => r.body.type === 'case.closed')!;
    expect(one.body).toMatchObject({
      caseId: expect.any(String),
      sequence: expect.any(Number),
      case: { status: 'closed' },
    });
    // Webhooks and timelines name the same facts the same way (the old names stay, deprecated),
    // and the documented WebhookEvent schema is exactly what receivers get.
    for (const r of got) {
      expect(r.body.seq).toBe(r.body.sequence);
      expect(r.body.at).toBe(r.body.occurredAt);
      expect(() => WebhookEvent.strict().parse(r.body)).not.toThrow();
    }
    const timeline = await s.call('agent', 'GET', `/v1/cases/${ids[0]}/timeline`);
    for (const e of timeline.body.items) {
      expect(e.sequence).toBe(e.seq);
      expect(e.occurredAt).toBe(e.at);
      const sent = got.find((r) => r.body.caseId === ids[0] && r.body.sequence === e.sequence);
      expect(Date.parse(sent!.body.occurredAt)).toBe(Date.parse(e.occurredAt));
    }
    const doc = (await s.call(null, 'GET', '/openapi.json')).body;
    const item = doc.components.schemas.TimelineItem.properties;
    expect([item.seq.deprecated, item.at.deprecated, item.sequence.deprecated]).toEqual([
      true,
      true,
      undefined,
    ]);
    const hook = doc.components.schemas.WebhookEvent.properties;
    expect([hook.seq.deprecated, hook.at.deprecated, hook.occurredAt.deprecated]).toEqual([
      true,
      true,
      undefined,
    ]);
    expect(doc.webhooks.caseEvent.post.requestBody.content['application/json'].schema.$ref).toBe(
      '#/components/schemas/WebhookEvent',
    );
    // per case, events arrive in sequence order
    for (const id of ids) {
      const seqs = got.filter((r) => r.body.caseId === id).map((r) => r.body.sequence);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    }

    const log = await s.call('admin', 'GET', `/v1/webhooks/${sub.body.id}/deliveries?caseId=${ids[0]}`);
    expect(log.status).toBe(200);
    expect(log.body.items.every((d: { status: string }) => d.status === 'delivered')).toBe(true);
    expect(log.body.items.some((d: { attempts: number }) => d.attempts > 1)).toBe(true);

    expect((await s.call('admin', 'DELETE', `/v1/webhooks/${sub.body.id}`)).status).toBe(204);
  });
});
