/**
 * Webhooks per integration, on the real dev server and PostgreSQL: two integrations (scoped
 * integrator keys) each subscribe; across a full lifecycle of a case each and an incident update
 * (linked to one integration's case only) each receiver gets exactly its own cases' events and its
 * own incidents', an admin subscription without integration gets everything, a scoped key is
 * answered 404 on the other's subscription, every delivery verifies with the published
 * `standardwebhooks` library (during a rotation with either secret), and a ping arrives.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebhookPing } from '../../api/routes/webhooks.js';
import { newCaseBody, ownDatabase, startTestStack, type TestStack } from '../support/stack.js';

interface Hit {
  headers: IncomingHttpHeaders;
  raw: string;
  body: { id: string; type: string; caseId?: string; incidentId?: string; subscriptionId?: string };
}

function receiver() {
  const r = { hits: [] as Hit[], url: '', server: undefined as Server | undefined };
  r.server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      r.hits.push({ headers: req.headers, raw, body: JSON.parse(raw) });
      res.writeHead(204).end();
    });
  });
  return r;
}
type Receiver = ReturnType<typeof receiver>;

let s: TestStack;
const acme = receiver();
const globex = receiver();
const everything = receiver();
const token = randomUUID().slice(0, 8);
const names = { acme: `acme-${token}`, globex: `globex-${token}` };
const keys: Record<string, string> = {};
const subs: Record<string, { id: string; secret: string }> = {};

/** A call with one of this file's integrator keys. */
const as = (who: keyof typeof names, method: string, path: string, body?: unknown) =>
  s.call(null, method, path, body, { Authorization: `Bearer ${keys[who]}` });

async function until(what: string, done: () => boolean, ms = 45_000) {
  const deadline = Date.now() + ms;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

beforeAll(async () => {
  // Its own database: the admin subscription takes every event, and other files' cases would
  // otherwise be queued for it.
  s = await startTestStack({ DATABASE_URL: await ownDatabase() });
  for (const r of [acme, globex, everything]) {
    await new Promise<void>((ok) => r.server!.listen(0, '127.0.0.1', () => ok()));
    r.url = `http://127.0.0.1:${(r.server!.address() as { port: number }).port}/hooks`;
  }
  for (const who of ['acme', 'globex'] as const) {
    const k = await s.call('admin', 'POST', '/v1/api-keys', { role: 'integrator', name: names[who] });
    expect(k.status, JSON.stringify(k.body)).toBe(201);
    expect(k.body.scoped).toBe(true);
    keys[who] = k.body.key;
  }
});
afterAll(async () => {
  await s?.stop();
  for (const r of [acme, globex, everything]) await new Promise((ok) => r.server?.close(ok));
});

describe('webhook subscriptions per integration', () => {
  it('each integration subscribes for itself, with a Standard Webhooks secret', async () => {
    for (const who of ['acme', 'globex'] as const) {
      const r = await as(who, 'POST', '/v1/webhooks', {
        url: (who === 'acme' ? acme : globex).url,
        events: ['*'],
      });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      expect(r.body.integration).toBe(names[who]);
      expect(r.body.secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
      subs[who] = { id: r.body.id, secret: r.body.secret };
    }
    const all = await s.call('admin', 'POST', '/v1/webhooks', { url: everything.url, events: ['*'] });
    expect(all.status).toBe(201);
    expect(all.body.integration).toBeNull();
    subs.everything = { id: all.body.id, secret: all.body.secret };

    // An integrator key cannot subscribe for another integration.
    const other = await as('globex', 'POST', '/v1/webhooks', {
      url: globex.url,
      integration: names.acme,
    });
    expect(other.status).toBe(403);
  });

  it("a scoped key sees only its own subscriptions: the other's are 404", async () => {
    const listed = await as('globex', 'GET', '/v1/webhooks');
    expect(listed.body.items.map((w: { id: string }) => w.id)).toEqual([subs.globex!.id]);
    const admin = await s.call('admin', 'GET', '/v1/webhooks');
    expect(admin.body.items.map((w: { id: string }) => w.id).sort()).toEqual(
      [subs.acme!.id, subs.globex!.id, subs.everything!.id].sort(),
    );
    expect((await as('globex', 'GET', `/v1/webhooks/${subs.globex!.id}`)).status).toBe(200);
    const theirs = subs.acme!.id;
    for (const [method, path, body] of [
      ['GET', `/v1/webhooks/${theirs}`],
      ['PATCH', `/v1/webhooks/${theirs}`, { paused: true }],
      ['POST', `/v1/webhooks/${theirs}/rotate-secret`, {}],
      ['POST', `/v1/webhooks/${theirs}/ping`, {}],
      ['GET', `/v1/webhooks/${theirs}/deliveries`],
      ['POST', `/v1/webhooks/${theirs}/deliveries/x:1/redeliver`, {}],
      ['DELETE', `/v1/webhooks/${theirs}`],
      ['GET', `/v1/webhooks/${subs.everything!.id}`],
    ] as const) {
      const r = await as('globex', method, path, body);
      expect(r.status, `${method} ${path}`).toBe(404);
      expect(r.body.detail).toMatch(/no webhook subscription/);
    }
    // Nothing changed: still live and unpaused.
    const still = await s.call('admin', 'GET', `/v1/webhooks/${theirs}`);
    expect(still.body).toMatchObject({ active: true, paused: false });
  });

  it('each receiver gets only its own cases and incidents, across a lifecycle and an incident update', async () => {
    const opened: Record<string, string> = {};
    for (const who of ['acme', 'globex'] as const) {
      const r = await as(who, 'POST', '/v1/cases', newCaseBody({ subject: `${who} grinder` }));
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      opened[who] = r.body.id;
    }
    // An incident linked to acme's case only; its update reaches acme, never globex.
    const inc = await s.call('supervisor', 'POST', '/v1/incidents', {
      title: 'Mill controllers rebooting',
      description: 'Firmware 4.2 crashes after a power cut (internal).',
      kind: 'product_defect',
      severity: 'major',
    });
    expect(inc.status, JSON.stringify(inc.body)).toBe(201);
    const link = await s.call('agent', 'POST', `/v1/incidents/${inc.body.id}/cases`, {
      caseIds: [opened.acme],
    });
    expect(link.status, JSON.stringify(link.body)).toBeLessThan(300);
    const update = await s.call('agent', 'POST', `/v1/incidents/${inc.body.id}/updates`, {
      message: 'A fix is being rolled out to every controller.',
    });
    expect(update.status, JSON.stringify(update.body)).toBeLessThan(300);

    for (const who of ['acme', 'globex'] as const) {
      const id = opened[who]!;
      await s.call('agent', 'POST', `/v1/cases/${id}/accept`, {});
      await s.call('agent', 'POST', `/v1/cases/${id}/notes`, {
        text: 'internal only',
        visibility: 'internal',
      });
      await s.call('agent', 'POST', `/v1/cases/${id}/findings`, { summary: 'firmware' });
      await s.call('agent', 'POST', `/v1/cases/${id}/resolution`, { summary: 'update', remedy: 'guidance' });
      await s.call('agent', 'POST', `/v1/cases/${id}/callback`, { reached: true, solved: true });
      const rated = await as(who, 'POST', `/v1/cases/${id}/rating`, { score: 5 });
      expect(rated.body.status).toBe('closed');
    }

    // What each integration may read of its case is what it must get, and nothing else.
    const expected: Record<string, Set<string>> = {};
    for (const who of ['acme', 'globex'] as const) {
      const tl = await as(who, 'GET', `/v1/cases/${opened[who]}/timeline`);
      expected[who] = new Set(tl.body.items.map((e: { sequence: number }) => `${opened[who]}:${e.sequence}`));
      expect(expected[who]!.size).toBeGreaterThan(6);
    }
    const caseEvents = (r: Receiver) => r.hits.filter((h) => h.body.caseId).map((h) => h.body.id);
    await until('every case event at each receiver', () =>
      (['acme', 'globex'] as const).every((who) => {
        const r = who === 'acme' ? acme : globex;
        return new Set(caseEvents(r)).size >= expected[who]!.size;
      }),
    );
    await until('the incident update at acme', () =>
      acme.hits.some((h) => h.body.type === 'incident.updated'),
    );
    await until('everything at the admin subscription', () => {
      const got = new Set(caseEvents(everything));
      return [...expected.acme!, ...expected.globex!].every((e) => got.has(e));
    });
    // Give stray deliveries (the defect this guards against) time to arrive before judging.
    await new Promise((r) => setTimeout(r, 1500));

    expect(new Set(caseEvents(acme))).toEqual(expected.acme);
    expect(new Set(caseEvents(globex))).toEqual(expected.globex);
    expect(caseEvents(acme).length).toBe(expected.acme!.size); // none twice
    expect(acme.hits.some((h) => h.raw.includes('internal only'))).toBe(false);
    expect(globex.hits.some((h) => h.raw.includes('acme grinder'))).toBe(false);
    expect(globex.hits.some((h) => h.body.incidentId || h.body.type.startsWith('incident.'))).toBe(false);
    expect(globex.hits.some((h) => h.body.type === 'case.incident_update')).toBe(false);
    const acmeIncident = acme.hits.filter((h) => h.body.incidentId);
    expect(acmeIncident.map((h) => h.body.type)).toEqual(['incident.updated']);
    expect(acme.hits.some((h) => h.body.type === 'case.incident_update')).toBe(true);
    // The admin subscription (no integration) gets every case and the incident from its opening.
    expect(everything.hits.some((h) => h.body.type === 'incident.opened')).toBe(true);

    // The delivery logs agree: each integration's log holds only its case.
    const log = await as('globex', 'GET', `/v1/webhooks/${subs.globex!.id}/deliveries?limit=1000`);
    expect(new Set(log.body.items.map((d: { caseId: string }) => d.caseId))).toEqual(
      new Set([opened.globex]),
    );
  });

  it('every delivery verifies with the standardwebhooks library; X-Signature stays', async () => {
    const wh = new Webhook(subs.acme!.secret);
    expect(acme.hits.length).toBeGreaterThan(6);
    for (const h of acme.hits) {
      expect(wh.verify(h.raw, h.headers as Record<string, string>)).toEqual(JSON.parse(h.raw));
      expect(h.headers['webhook-id']).toBe(h.body.id);
      expect(h.headers['x-event-id']).toBe(h.body.id);
      expect(String(h.headers['x-signature'])).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    }
    // The other integration's secret does not verify them.
    expect(() =>
      new Webhook(subs.globex!.secret).verify(acme.hits[0]!.raw, acme.hits[0]!.headers as any),
    ).toThrow(/No matching signature/);
  });

  it('a ping arrives, signed; during a rotation it verifies with the old and the new secret', async () => {
    const rotated = await as('acme', 'POST', `/v1/webhooks/${subs.acme!.id}/rotate-secret`, {});
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    const ping = await as('acme', 'POST', `/v1/webhooks/${subs.acme!.id}/ping`, {});
    expect(ping.status, JSON.stringify(ping.body)).toBe(202);
    expect(ping.body).toMatchObject({ caseId: `ping:${subs.acme!.id}`, status: 'pending' });
    await until('the ping', () => acme.hits.some((h) => h.body.id === ping.body.eventId));
    const hit = acme.hits.find((h) => h.body.id === ping.body.eventId)!;
    expect(hit.body).toMatchObject({ type: 'webhook.ping', subscriptionId: subs.acme!.id });
    expect(() => WebhookPing.strict().parse(hit.body)).not.toThrow(); // as documented
    expect(String(hit.headers['webhook-signature']).split(' ')).toHaveLength(2);
    for (const secret of [rotated.body.secret, subs.acme!.secret]) {
      expect(new Webhook(secret).verify(hit.raw, hit.headers as Record<string, string>)).toMatchObject({
        type: 'webhook.ping',
      });
    }
    // The rotation is in the audit log, by the integration's key, without any secret.
    const audit = await s.call(
      'admin',
      'GET',
      `/v1/audit-log?targetType=webhook&targetId=${subs.acme!.id}&action=webhook.secret_rotated`,
    );
    expect(audit.body.items).toEqual([
      expect.objectContaining({ actor: `integrator:${names.acme}`, targetId: subs.acme!.id }),
    ]);
    expect(JSON.stringify(audit.body)).not.toContain(rotated.body.secret.slice(6));
    expect(JSON.stringify(audit.body)).not.toContain(subs.acme!.secret.slice(6));
    // Only the pinged subscription got it.
    expect(globex.hits.some((h) => h.body.type === 'webhook.ping')).toBe(false);
    expect(everything.hits.some((h) => h.body.type === 'webhook.ping')).toBe(false);
    const log = await as(
      'acme',
      'GET',
      `/v1/webhooks/${subs.acme!.id}/deliveries?caseId=ping:${subs.acme!.id}`,
    );
    expect(log.body.items).toEqual([
      expect.objectContaining({ eventId: ping.body.eventId, status: 'delivered' }),
    ]);
  });

  it('a secret an admin chose (not whsec_<base64>) keys the standard signature with its bytes', async () => {
    const secret = 'my-own-secret-0123456789';
    const r = await s.call('admin', 'POST', '/v1/webhooks', {
      url: globex.url,
      events: ['*'],
      secret,
      integration: names.globex,
    });
    expect(r.status).toBe(201);
    const ping = await s.call('admin', 'POST', `/v1/webhooks/${r.body.id}/ping`, {});
    expect(ping.status).toBe(202);
    await until('the ping', () => globex.hits.some((h) => h.body.id === ping.body.eventId));
    const hit = globex.hits.find((h) => h.body.id === ping.body.eventId)!;
    const headers = hit.headers as Record<string, string>;
    expect(new Webhook(Buffer.from(secret), { format: 'raw' }).verify(hit.raw, headers)).toBeTruthy();
    expect(
      new Webhook(`whsec_${Buffer.from(secret).toString('base64')}`).verify(hit.raw, headers),
    ).toBeTruthy();
  });
});
