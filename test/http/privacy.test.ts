/**
 * Personal data: encrypted in every Temporal payload and sealed per case, readable through the
 * codec endpoint by supervisors only, erased on request and by the retention schedule.
 */
import { randomUUID } from 'node:crypto';
import { Client } from '@temporalio/client';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AesGcmCodec, parseEncryptionKeys } from '../../platform/payload-codec.js';
import { retentionScheduleId } from '../../app/retention-schedule.js';
import { retentionSweep } from '../../workflows/retention.js';
import { decodedHistoryText } from '../support/history.js';
import { startMigratedPostgres, type TestPostgres } from '../support/postgres.js';
import { KEYS, startTestStack, TEST_ENCRYPTION_KEYS, type TestStack } from '../support/stack.js';

let pg: TestPostgres;
let s: TestStack;
beforeAll(async () => {
  // Its own database: the retention sweep here erases every closed case it finds.
  pg = await startMigratedPostgres();
  s = await startTestStack({ DATABASE_URL: pg.url });
});
afterAll(async () => {
  await s?.stop();
  await pg?.stop();
});

const email = () => `person.${randomUUID().slice(0, 8)}@example.com`;

async function closedCase(customerEmail: string, customerId = `cust-${randomUUID().slice(0, 8)}`) {
  const { body: c } = await s.call('integrator', 'POST', '/v1/cases', {
    type: 'complaint',
    channel: 'email',
    subject: 'Rude technician',
    description: `Please call me back on +86 138 0000 0000 or ${customerEmail}`,
    customer: { id: customerId, name: 'Zhao Lei', email: customerEmail, phone: '+86 138 0000 0000' },
  });
  for (const [role, action, body] of [
    ['agent', 'accept', {}],
    ['agent', 'findings', { summary: 'Technician was late and rude to Zhao Lei' }],
    ['agent', 'resolution', { summary: 'Apology and training', remedy: 'guidance' }],
    ['agent', 'callback', { reached: true, solved: true }],
    ['integrator', 'rating', { score: 4, comment: 'ok now' }],
  ] as const) {
    const r = await s.call(role, 'POST', `/v1/cases/${c.id}/${action}`, body);
    expect(r.status, `${action} ${JSON.stringify(r.body)}`).toBe(200);
  }
  return c;
}

async function rawHistory(workflowId: string) {
  // A client without our codec sees what Temporal stores.
  const raw = new Client({ connection: s.client.connection });
  return raw.workflow.getHandle(workflowId).fetchHistory();
}

describe('personal data in Temporal', () => {
  it('never stores the customer e-mail, name or phone in plain text', async () => {
    const mail = email();
    const c = await closedCase(mail);
    expect(c.customer.email).toBe(mail); // the API shows it to those allowed
    const history = await rawHistory(c.workflowId);
    const text = JSON.stringify(history);
    expect(text.length).toBeGreaterThan(1000);
    expect(text).not.toContain(mail);
    expect(text).not.toContain(Buffer.from(mail).toString('base64'));
    // Even decrypted with the codec, contact fields and free text stay sealed with the case's data key.
    const codec = new AesGcmCodec(parseEncryptionKeys(TEST_ENCRYPTION_KEYS));
    const decoded = (await decodedHistoryText(s.client, c.workflowId, codec)).text;
    expect(decoded).toContain('"remedy":"guidance"');
    expect(decoded).not.toContain(mail);
    expect(decoded).not.toContain('Zhao Lei');
    expect(decoded).not.toContain('ok now');
  });

  it('shows it through the codec endpoint to a supervisor, not to an agent', async () => {
    const mail = email();
    const c = await closedCase(mail);
    const history = await rawHistory(c.workflowId);
    const started = history.events!.find((e) => e.workflowExecutionStartedEventAttributes)!;
    const payloads = started.workflowExecutionStartedEventAttributes!.input!.payloads!.map((p) => ({
      metadata: Object.fromEntries(
        Object.entries(p.metadata!).map(([k, v]) => [k, Buffer.from(v).toString('base64')]),
      ),
      data: Buffer.from(p.data!).toString('base64'),
    }));
    expect(Buffer.from(payloads[0]!.metadata.encoding!, 'base64').toString()).toBe('binary/encrypted');

    const asSupervisor = await s.call('supervisor', 'POST', '/codec/decode', { payloads });
    expect(asSupervisor.status).toBe(200);
    const input = JSON.parse(Buffer.from(asSupervisor.body.payloads[0].data, 'base64').toString());
    expect(input.open.customer.email).toBe(mail);
    expect(input.open.customer.name).toBe('Zhao Lei');

    expect((await s.call('agent', 'POST', '/codec/decode', { payloads })).status).toBe(403);
    expect((await s.call(null, 'POST', '/codec/decode', { payloads })).status).toBe(401);

    // The Web UI's way: a session cookie from a supervisor key, CORS for the UI's origin.
    const login = await fetch(`${s.url}/codec/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ key: KEYS.supervisor }),
    });
    expect(login.status).toBe(204);
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const viaUi = await fetch(`${s.url}/codec/decode`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Cookie: cookie, Origin: 'http://localhost:8233' },
      body: JSON.stringify({ payloads }),
    });
    expect(viaUi.status).toBe(200);
    expect(viaUi.headers.get('access-control-allow-origin')).toBe('http://localhost:8233');
    expect(viaUi.headers.get('access-control-allow-credentials')).toBe('true');
    const agentLogin = await s.call(null, 'POST', '/codec/session', { key: KEYS.agent });
    expect(agentLogin.status).toBe(403);
    const preflight = await fetch(`${s.url}/codec/decode`, {
      method: 'OPTIONS',
      headers: { Origin: 'http://localhost:8233', 'Access-Control-Request-Method': 'POST' },
    });
    expect(preflight.status).toBe(204);
  });

  it('rotates keys: data encrypted with an older key still decrypts', async () => {
    const older = TEST_ENCRYPTION_KEYS.split(',')[1]!;
    const oldCodec = new AesGcmCodec(parseEncryptionKeys(older));
    const [encoded] = await oldCodec.encode([
      { metadata: { encoding: Buffer.from('json/plain') }, data: Buffer.from('"hello"') },
    ]);
    expect(Buffer.from(encoded!.metadata!['encryption-key-id']!).toString()).toBe('test-1');
    const current = new AesGcmCodec(parseEncryptionKeys(TEST_ENCRYPTION_KEYS));
    const [decoded] = await current.decode([encoded!]);
    expect(Buffer.from(decoded!.data!).toString()).toBe('"hello"');
    const [fresh] = await current.encode([{ metadata: {}, data: Buffer.from('1') }]);
    expect(Buffer.from(fresh!.metadata!['encryption-key-id']!).toString()).toBe('test-2');
  });
});

describe('erasure and retention', () => {
  it("erases a customer's personal data from the read model and from Temporal, keeping reports", async () => {
    const mail = email();
    const customerId = `erase-${randomUUID().slice(0, 8)}`;
    const c = await closedCase(mail, customerId);
    expect((await s.call('supervisor', 'DELETE', `/v1/customers/${customerId}/personal-data`)).status).toBe(
      403,
    );
    const erase = await s.call('admin', 'DELETE', `/v1/customers/${customerId}/personal-data`);
    expect(erase.status).toBe(200);
    expect(erase.body).toMatchObject({ customerId, cases: 1 });

    const view = (await s.call('admin', 'GET', `/v1/cases/${c.id}`)).body;
    expect(view.customer).toEqual({ id: customerId, tier: 'standard', name: '[erased]' });
    expect(view.subject).toBe('[erased]');
    expect(view.status).toBe('closed');
    expect(view.rating.score).toBe(4);
    const everything = JSON.stringify([
      view,
      (await s.call('admin', 'GET', `/v1/cases/${c.id}/timeline`)).body,
      (await s.call('admin', 'GET', `/v1/customers/${customerId}`)).body,
    ]);
    expect(everything).not.toContain(mail);
    expect(everything).not.toContain('Zhao Lei');
    expect(everything).not.toContain('138 0000');
    // On request nothing of the free text stays, not even the archive's findings.
    expect(everything).not.toContain('Technician was late');
    expect(everything).not.toContain('Apology and training');

    // In Temporal the sealed data can no longer be opened, even through the codec endpoint.
    const started = (await rawHistory(c.workflowId)).events!.find(
      (e) => e.workflowExecutionStartedEventAttributes,
    )!;
    const p = started.workflowExecutionStartedEventAttributes!.input!.payloads![0]!;
    const decoded = await s.call('admin', 'POST', '/codec/decode', {
      payloads: [
        {
          metadata: Object.fromEntries(
            Object.entries(p.metadata!).map(([k, v]) => [k, Buffer.from(v).toString('base64')]),
          ),
          data: Buffer.from(p.data!).toString('base64'),
        },
      ],
    });
    const input = JSON.parse(Buffer.from(decoded.body.payloads[0].data, 'base64').toString());
    expect(input.open.customer.email).toBe('[erased]');

    const report = await s.call(
      'supervisor',
      'GET',
      `/v1/reports/service-quality?from=${encodeURIComponent(new Date(Date.now() - 3600_000).toISOString())}&to=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}&customerId=${customerId}`,
    );
    expect(report.status).toBe(200);
    expect(JSON.stringify(report.body)).toContain('"closed":1');
  });

  it('runs retention on a Temporal schedule and erases closed cases past the period', async () => {
    const schedule = await s.client.schedule.getHandle(retentionScheduleId(s.taskQueue)).describe();
    expect(schedule.spec.intervals?.[0]?.every).toBe(24 * 3600_000);
    const mail = email();
    const c = await closedCase(mail);
    const result = await s.client.workflow.execute(retentionSweep, {
      args: [{ olderThanDays: 0 }],
      taskQueue: s.taskQueue,
      workflowId: `retention-test-${randomUUID()}`,
    });
    expect(result.erased).toBeGreaterThanOrEqual(1);
    const view = (await s.call('admin', 'GET', `/v1/cases/${c.id}`)).body;
    expect(JSON.stringify(view)).not.toContain(mail);
    expect(view.customer.name).toBe('[erased]');
    expect(view.subject).toBe('[erased]');
    expect(view.description).toBe('[erased]');
    // The complaint archive stays: type, product, timings, outcome, rating, and the findings and
    // resolution, with the customer's name taken out of them.
    expect(view).toMatchObject({ type: 'complaint', status: 'closed', rating: { score: 4 } });
    const timeline = (await s.call('admin', 'GET', `/v1/cases/${c.id}/timeline`)).body.items as any[];
    const findings = timeline.find((e) => e.type === 'case.findings_recorded');
    expect(findings.data.summary).toBe('Technician was late and rude to [erased]');
    const resolved = timeline.find((e) => e.type === 'case.resolved');
    expect(resolved.data.resolution).toMatchObject({ summary: 'Apology and training', remedy: 'guidance' });
    expect(timeline.find((e) => e.type === 'case.rated').data).toMatchObject({
      score: 4,
      comment: '[erased]',
    });
    expect(JSON.stringify(timeline)).not.toMatch(/Zhao Lei|138 0000/i);
    expect(JSON.stringify(timeline)).not.toContain(mail);
    // The customer, whose every case is now erased, keeps id and tier only.
    const customer = (await s.call('admin', 'GET', `/v1/customers/${c.customer.id}`)).body;
    expect(customer).toMatchObject({ id: c.customer.id, name: '[erased]' });
    expect(JSON.stringify(customer)).not.toContain(mail);
    expect(JSON.stringify(customer)).not.toContain('138 0000');
  });
});

describe('idempotency key lifetime', () => {
  it('drops keys older than their lifetime in the retention sweep, keeping recent ones', async () => {
    const old = `old-${randomUUID()}`;
    const recent = `recent-${randomUUID()}`;
    await s.db
      .insertInto('idempotency_keys')
      .values([
        {
          scope: 'test',
          key: old,
          request_hash: 'h',
          case_id: null,
          created_at: new Date(Date.now() - 100 * 3600_000),
        },
        {
          scope: 'test',
          key: recent,
          request_hash: 'h',
          case_id: null,
          created_at: new Date(Date.now() - 23 * 3600_000),
        },
      ])
      .execute();
    const result = await s.client.workflow.execute(retentionSweep, {
      args: [{ olderThanDays: 365, idempotencyKeyHours: 72 }],
      taskQueue: s.taskQueue,
      workflowId: `retention-keys-${randomUUID()}`,
    });
    expect(result.purgedIdempotencyKeys).toBeGreaterThanOrEqual(1);
    const left = await sql<{ key: string }>`SELECT key FROM idempotency_keys WHERE scope = 'test'`.execute(
      s.db,
    );
    expect(left.rows.map((r) => r.key)).toEqual([recent]);
  });
});
