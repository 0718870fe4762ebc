/**
 * Webhook targets over HTTP: subscriptions to loopback, private, link-local and metadata addresses
 * are refused (the test stack allows only 127.0.0.1, ::1 and localhost), and a delivery whose target
 * has become one is refused at delivery time, never sent (the delivery code on the real database).
 */
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverDue } from '../../activities/webhooks.js';
import { WebhookTargets } from '../../platform/webhook-targets.js';
import { startTestStack, type TestStack } from '../support/stack.js';

let s: TestStack;
let receiver: Server;
let port: number;
let hits = 0;

beforeAll(async () => {
  s = await startTestStack();
  receiver = createServer((req, res) => {
    hits += 1;
    res.writeHead(204).end();
  });
  // Every interface, so a delivery to 127.0.0.2 would reach it if it were sent.
  await new Promise<void>((r) => receiver.listen(0, '0.0.0.0', () => r()));
  port = (receiver.address() as { port: number }).port;
});
afterAll(async () => {
  await s?.stop();
  await new Promise((r) => receiver?.close(r));
});

/**
 * A subscription with one delivery queued by hand. It takes an event type no case emits, so other
 * tests' cases (same database) queue nothing for it.
 */
async function oneDeliveryTo(url: string): Promise<string> {
  const id = `whk_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const caseId = `case-${randomUUID()}`;
  await s.db
    .insertInto('webhook_subscriptions')
    .values({
      id,
      url,
      event_types: JSON.stringify(['test.none']),
      secret: 'whsec_0123456789abcdef',
      active: true,
    })
    .execute();
  await s.db
    .insertInto('outbox')
    .values({
      event_id: `${caseId}:1`,
      case_id: caseId,
      seq: 1,
      type: 'case.opened',
      payload: JSON.stringify({}),
    })
    .execute();
  await s.db
    .insertInto('webhook_deliveries')
    .values({ subscription_id: id, event_id: `${caseId}:1`, case_id: caseId, seq: 1 })
    .execute();
  return id;
}

const onlyDelivery = (subscriptionId: string) =>
  s.db
    .selectFrom('webhook_deliveries')
    .select(['attempts', 'last_error', 'status'])
    .where('subscription_id', '=', subscriptionId)
    .executeTakeFirstOrThrow();

describe('webhook targets', () => {
  it.each([
    'http://127.0.0.2:PORT/hook',
    'http://10.0.0.1/hook',
    'http://172.16.0.1/hook',
    'http://192.168.1.1/hook',
    'http://169.254.169.254/latest/meta-data/',
    'http://[fe80::1]/hook',
    'http://[fd00:ec2::254]/hook',
    'http://0x7f000002/hook',
    'http://metadata.google.internal/computeMetadata/v1/',
  ])('refuses a subscription to %s', async (raw) => {
    const url = raw.replace('PORT', String(port));
    const r = await s.call('admin', 'POST', '/v1/webhooks', { url, events: ['*'] });
    expect(r.status).toBe(400);
    expect(r.body.errors[0].path).toBe('url');
    expect(r.body.detail).toMatch(/loopback, private, link-local or metadata|metadata service/);
    const listed = await s.call('admin', 'GET', '/v1/webhooks');
    expect(listed.body.items.map((w: any) => w.url)).not.toContain(new URL(url).href);
  });

  it('accepts a receiver WEBHOOK_ALLOWED_HOSTS names', async () => {
    const r = await s.call('admin', 'POST', '/v1/webhooks', {
      url: `http://127.0.0.1:${port}/allowed-${randomUUID()}`,
      events: ['case.withdrawn'],
    });
    expect(r.status).toBe(201);
    expect((await s.call('admin', 'DELETE', `/v1/webhooks/${r.body.id}`)).status).toBe(204);
  });

  it('refuses at delivery time a target that has become internal, and sends nothing', async () => {
    // As if the subscription's host name now resolved to another loopback address.
    const id = await oneDeliveryTo(`http://127.0.0.2:${port}/hook`);
    hits = 0;
    const deps = {
      db: s.db,
      logger: s.logger,
      retryForMs: 3_600_000,
      targets: new WebhookTargets('127.0.0.1'),
    };
    expect(await deliverDue(deps, id)).toMatchObject({ stop: false });
    const row = await onlyDelivery(id);
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    expect(row.last_error).toMatch(/^refused: 127\.0\.0\.2 is a loopback/);
    expect(hits).toBe(0);
    // The same delivery to an allowed address is sent.
    await s.db
      .updateTable('webhook_subscriptions')
      .set({ url: `http://127.0.0.1:${port}/hook` })
      .where('id', '=', id)
      .execute();
    await s.db
      .updateTable('webhook_deliveries')
      .set({ next_attempt_at: new Date() })
      .where('subscription_id', '=', id)
      .execute();
    await deliverDue(deps, id);
    expect(hits).toBe(1);
    const sent = await s.db
      .selectFrom('webhook_deliveries')
      .select('status')
      .where('subscription_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(sent.status).toBe('delivered');
    await s.db.updateTable('webhook_subscriptions').set({ active: false }).where('id', '=', id).execute();
  });

  it('refuses at connect a name that resolved to an allowed address and then to a private one', async () => {
    // DNS rebinding: the name passes the check, then answers the connection with another address.
    const answers = [['127.0.0.1'], ['127.0.0.2']];
    let asked = 0;
    const targets = new WebhookTargets('127.0.0.1', async () => answers[Math.min(asked++, 1)]!);
    const url = `http://hooks.rebind.example:${port}/hook`;
    expect(await targets.refusal(url)).toBeUndefined();
    const id = await oneDeliveryTo(url);
    hits = 0;
    await deliverDue({ db: s.db, logger: s.logger, retryForMs: 3_600_000, targets }, id);
    const row = await onlyDelivery(id);
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    expect(row.last_error).toMatch(/^refused: hooks\.rebind\.example resolves to 127\.0\.0\.2 is a loopback/);
    expect(asked).toBe(2);
    expect(hits).toBe(0); // the receiver listens on every interface: 127.0.0.2 was never connected to
    await s.db.updateTable('webhook_subscriptions').set({ active: false }).where('id', '=', id).execute();
  });
});
