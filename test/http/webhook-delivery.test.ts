/**
 * Webhook delivery beside the cases, on the real dev server and PostgreSQL: one dead and one live
 * receiver — the live one gets every event promptly and once, the cases complete their workflows
 * within seconds although the dead one never answers; deliveries past the retry window are marked
 * failed, can be redelivered, and are signed with both secrets during a rotation; a failing
 * receiver's workflow sleeps through each backoff; deleting a subscription stops its pending
 * deliveries at once.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import proto from '@temporalio/proto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverDue } from '../../activities/webhooks.js';
import { WebhookTargets } from '../../platform/webhook-targets.js';
import { newCaseBody, ownDatabase, startTestStack, type TestStack } from '../support/stack.js';

interface Hit {
  id: string;
  at: number;
  body: { caseId: string; sequence: number; occurredAt: string };
  signature: string;
  raw: string;
}

/** A receiver that records what it is sent; `mode` decides how it answers. */
function receiver() {
  const hits: Hit[] = [];
  const r = {
    hits,
    mode: 'ok' as 'ok' | 'hang' | 'fail',
    attempts: 0,
    /** How long each unanswered request stayed open before the sender gave it up. */
    hung: [] as number[],
    url: '',
    server: undefined as Server | undefined,
  };
  r.server = createServer((req: IncomingMessage, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      r.attempts += 1;
      if (r.mode === 'hang') {
        // Never answers: the sender's timeout ends it.
        const since = Date.now();
        res.on('close', () => r.hung.push(Date.now() - since));
        return;
      }
      if (r.mode === 'fail') return void res.writeHead(503).end();
      hits.push({
        id: String(req.headers['x-event-id']),
        at: Date.now(),
        body: JSON.parse(raw),
        signature: String(req.headers['x-signature']),
        raw,
      });
      res.writeHead(204).end();
    });
  });
  return r;
}
type Receiver = ReturnType<typeof receiver>;

const EventType = proto.temporal.api.enums.v1.EventType;
let s: TestStack;
const live = receiver();
const dead = receiver();
beforeAll(async () => {
  // Its own database: the subscriptions here take every event type, and other files' cases (in the
  // shared database) would queue hundreds of deliveries for the dead receiver ahead of this file's.
  s = await startTestStack({
    DATABASE_URL: await ownDatabase(),
    WEBHOOK_RETRY_SECONDS: '12',
    WEBHOOK_TIMEOUT_SECONDS: '3',
  });
  for (const r of [live, dead]) {
    await new Promise<void>((ok) => r.server!.listen(0, '127.0.0.1', () => ok()));
    r.url = `http://127.0.0.1:${(r.server!.address() as { port: number }).port}/hooks`;
  }
});
afterAll(async () => {
  await s?.stop();
  for (const r of [live, dead]) {
    r.server?.closeAllConnections();
    await new Promise((ok) => r.server?.close(ok));
  }
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(check: () => boolean | Promise<boolean>, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return true;
    await sleep(100);
  }
  return check();
}
async function subscribe(r: Receiver, secret: string) {
  const sub = await s.call('admin', 'POST', '/v1/webhooks', { url: r.url, events: ['*'], secret });
  expect(sub.status).toBe(201);
  return sub.body.id as string;
}
/** A case through to closed; answers its id and when the closing action answered. */
async function lifecycle(): Promise<{ id: string; closedAt: number }> {
  const { body: c } = await s.call('integrator', 'POST', '/v1/cases', newCaseBody());
  for (const [path, body] of [
    ['accept', {}],
    ['findings', { summary: 'f' }],
    ['resolution', { summary: 'r', remedy: 'guidance' }],
    ['callback', { reached: true, solved: true }],
  ] as const) {
    expect((await s.call('agent', 'POST', `/v1/cases/${c.id}/${path}`, body)).status).toBe(200);
  }
  const rated = await s.call('integrator', 'POST', `/v1/cases/${c.id}/rating`, { score: 5 });
  expect(rated.body.status).toBe('closed');
  return { id: c.id, closedAt: Date.now() };
}
const timelineIds = async (caseId: string) =>
  ((await s.call('agent', 'GET', `/v1/cases/${caseId}/timeline`)).body.items as { seq: number }[]).map(
    (e) => `${caseId}:${e.seq}`,
  );
const mac = (secret: string, t: string, raw: string) =>
  createHmac('sha256', secret).update(`${t}.${raw}`).digest('hex');

describe('webhook delivery beside the cases', () => {
  let deadSub = '';
  let cases: { id: string; closedAt: number }[] = [];

  it('a dead receiver delays only itself: the live one gets every event promptly, once; cases complete in seconds', async () => {
    await subscribe(live, 'whsec_live_0123456789abcdef');
    await lifecycle(); // warm-up: the first delivery workflow and worker tasks start cold
    dead.mode = 'hang';
    deadSub = await subscribe(dead, 'whsec_dead_0123456789abcdef');
    cases = [];
    for (let i = 0; i < 3; i++) cases.push(await lifecycle());

    // Every case workflow completes within seconds of its closing action, receivers or not.
    for (const c of cases) {
      const handle = s.client.workflow.getHandle(`case:${c.id}`);
      await handle.result();
      const closed = (await handle.describe()).closeTime!.getTime();
      expect(closed - c.closedAt).toBeLessThan(5000);
    }
    // The live receiver: every event of every timeline, once, in order per case, within seconds.
    const expected = new Set((await Promise.all(cases.map((c) => timelineIds(c.id)))).flat());
    const mine = () => live.hits.filter((h) => expected.has(h.id));
    expect(await until(() => new Set(mine().map((h) => h.id)).size === expected.size, 10_000)).toBe(true);
    expect(mine()).toHaveLength(expected.size);
    for (const c of cases) {
      const seqs = mine()
        .filter((h) => h.body.caseId === c.id)
        .map((h) => h.body.sequence);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    }
    const lag = Math.max(...mine().map((h) => h.at - Date.parse(h.body.occurredAt)));
    expect(lag).toBeLessThan(3000);
    // The dead receiver was tried (and is still being retried), not skipped.
    expect(dead.attempts).toBeGreaterThan(0);
  }, 120_000);

  it('past the retry window a delivery is marked failed; redelivered, it is signed with both secrets during a rotation', async () => {
    const failed = async () =>
      (await s.call('admin', 'GET', `/v1/webhooks/${deadSub}/deliveries?status=failed&limit=1000`)).body
        .items;
    expect(await until(async () => (await failed()).length > 0, 40_000)).toBe(true);
    const one = (await failed())[0];
    expect(one).toMatchObject({ status: 'failed', lastError: expect.any(String), nextAttemptAt: null });
    expect(one.attempts).toBeGreaterThan(0);
    // Each unanswered attempt was given up after WEBHOOK_TIMEOUT_SECONDS (3 s here, 10 s by default).
    expect(dead.hung.length).toBeGreaterThan(0);
    for (const ms of dead.hung) {
      expect(ms).toBeGreaterThan(2500);
      expect(ms).toBeLessThan(8000);
    }

    const rotated = await s.call('admin', 'POST', `/v1/webhooks/${deadSub}/rotate-secret`, {
      secret: 'whsec_new_0123456789abcdef',
      overlapSeconds: 600,
    });
    expect(rotated.status).toBe(200);
    expect(rotated.body).toMatchObject({
      secret: 'whsec_new_0123456789abcdef',
      previousSecretValidUntil: expect.any(String),
    });

    dead.mode = 'ok';
    const again = await s.call(
      'admin',
      'POST',
      `/v1/webhooks/${deadSub}/deliveries/${one.eventId}/redeliver`,
    );
    expect(again.status).toBe(202);
    expect(again.body).toMatchObject({ eventId: one.eventId, status: 'pending' });
    // (after the pass in flight, whose POSTs to the hanging receiver time out after 3 s each)
    expect(await until(() => dead.hits.some((h) => h.id === one.eventId), 45_000)).toBe(true);
    const hit = dead.hits.find((h) => h.id === one.eventId)!;
    const m = /^t=(\d+),v1=([0-9a-f]{64}),v1=([0-9a-f]{64})$/.exec(hit.signature);
    expect(m).not.toBeNull();
    expect(m![2]).toBe(mac('whsec_new_0123456789abcdef', m![1]!, hit.raw));
    expect(m![3]).toBe(mac('whsec_dead_0123456789abcdef', m![1]!, hit.raw));
    const log = await s.call('admin', 'GET', `/v1/webhooks/${deadSub}/deliveries?caseId=${one.caseId}`);
    expect(log.body.items.find((d: { eventId: string }) => d.eventId === one.eventId).status).toBe(
      'delivered',
    );
    expect(
      (await s.call('agent', 'POST', `/v1/webhooks/${deadSub}/deliveries/${one.eventId}/redeliver`)).status,
    ).toBe(403);
    expect(
      (await s.call('admin', 'POST', `/v1/webhooks/${deadSub}/deliveries/nope:1/redeliver`)).status,
    ).toBe(404);
  }, 120_000);

  it('a failing receiver is tried again when its backoff ends, and its workflow waits meanwhile', async () => {
    const failing = receiver();
    failing.mode = 'fail';
    await new Promise<void>((ok) => failing.server!.listen(0, '127.0.0.1', () => ok()));
    failing.url = `http://127.0.0.1:${(failing.server!.address() as { port: number }).port}/hooks`;
    try {
      // Two event types of the lifecycle, so only this test's case queues anything for it (other
      // cases of this file may still be adding events, e.g. about their mail, each a new chain),
      // and its second event waits behind the first, failed one.
      const subscribed = await s.call('admin', 'POST', '/v1/webhooks', {
        url: failing.url,
        events: ['case.accepted', 'case.findings_recorded'],
        secret: 'whsec_failing_0123456789abcdef',
      });
      expect(subscribed.status).toBe(201);
      const sub = subscribed.body.id as string;
      await lifecycle();
      expect(await until(() => failing.attempts > 0, 10_000)).toBe(true);
      await sleep(1000);
      // The delivery passes the workflow ran: one per attempt due, not one after another.
      const passes = async () =>
        (await s.client.workflow.getHandle(`webhooks:${sub}`).fetchHistory()).events!.filter(
          (e) => e.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED,
        ).length;
      const before = await passes();
      const attemptsBefore = failing.attempts;
      await sleep(5000);
      const ran = (await passes()) - before;
      const attempts = failing.attempts - attemptsBefore;
      console.log(`failing receiver, 5 s: ${attempts} attempts, ${ran} delivery passes`);
      // In this window the backoff (1 s, 2 s, 4 s, …) brings one retry, maybe two. A workflow
      // woken by the waiting event's (long past) attempt time loops at once, again and again.
      expect(attempts).toBeLessThanOrEqual(2);
      expect(ran).toBeLessThanOrEqual(attempts + 1);
      expect((await s.call('admin', 'DELETE', `/v1/webhooks/${sub}`)).status).toBe(204);
    } finally {
      failing.server!.closeAllConnections();
      await new Promise((ok) => failing.server!.close(ok));
    }
  }, 60_000);

  it('a pass behind a receiver that never answers starts no case past its budget', async () => {
    // Queued by hand for a subscription no case's events match: six cases, one event each.
    const hanging = receiver();
    hanging.mode = 'hang';
    await new Promise<void>((ok) => hanging.server!.listen(0, '127.0.0.1', () => ok()));
    const id = `whk_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
    try {
      await s.db
        .insertInto('webhook_subscriptions')
        .values({
          id,
          url: `http://127.0.0.1:${(hanging.server!.address() as { port: number }).port}/hooks`,
          event_types: JSON.stringify(['test.none']),
          secret: 'whsec_budget_0123456789abcdef',
          active: true,
        })
        .execute();
      for (let i = 0; i < 6; i++) {
        const caseId = `case-${randomUUID()}`;
        await s.db
          .insertInto('outbox')
          .values({ event_id: `${caseId}:1`, case_id: caseId, seq: 1, type: 'case.opened', payload: '{}' })
          .execute();
        await s.db
          .insertInto('webhook_deliveries')
          .values({ subscription_id: id, event_id: `${caseId}:1`, case_id: caseId, seq: 1 })
          .execute();
      }
      const deps = {
        db: s.db,
        logger: s.logger,
        retryForMs: 3_600_000,
        timeoutMs: 800,
        budgetMs: 1000,
        lanes: 1,
        targets: new WebhookTargets('127.0.0.1'),
      };
      const started = Date.now();
      expect(await deliverDue(deps, id)).toMatchObject({ stop: false });
      // One lane, 0.8 s per case: cases started at 0 and 0.8 s, none after 1 s (a third on a
      // slow machine); without the budget all six (4.8 s). The rest are free for the next pass.
      expect(hanging.attempts).toBeGreaterThanOrEqual(2);
      expect(hanging.attempts).toBeLessThanOrEqual(3);
      expect(Date.now() - started).toBeLessThan(4000);
      const rows = await s.db
        .selectFrom('webhook_deliveries')
        .select(['attempts', 'locked_until'])
        .where('subscription_id', '=', id)
        .execute();
      expect(rows.filter((r) => r.attempts === 0)).toHaveLength(6 - hanging.attempts);
      expect(rows.every((r) => r.locked_until === null)).toBe(true);
    } finally {
      await s.db.updateTable('webhook_subscriptions').set({ active: false }).where('id', '=', id).execute();
      hanging.server!.closeAllConnections();
      await new Promise((ok) => hanging.server!.close(ok));
    }
  }, 30_000);

  it('deleting a subscription stops its pending deliveries at once', async () => {
    expect((await s.call('admin', 'DELETE', `/v1/webhooks/${deadSub}`)).status).toBe(204);
    dead.mode = 'fail';
    const sub = await subscribe(dead, 'whsec_gone_0123456789abcdef');
    const { id } = await lifecycle();
    expect(await until(() => dead.attempts > 0, 10_000)).toBe(true);
    expect((await s.call('admin', 'DELETE', `/v1/webhooks/${sub}`)).status).toBe(204);
    await sleep(500); // an attempt already on the wire may finish
    const attempts = dead.attempts;
    await sleep(4000); // longer than the first backoffs
    expect(dead.attempts).toBe(attempts);
    const log = await s.call('admin', 'GET', `/v1/webhooks/${sub}/deliveries?caseId=${id}`);
    expect(log.body.items.length).toBeGreaterThan(0);
    expect(
      log.body.items.every((d: { status: string }) => d.status === 'cancelled' || d.status === 'failed'),
    ).toBe(true);
  }, 60_000);
});
