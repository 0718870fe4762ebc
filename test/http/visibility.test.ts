/**
 * Internal notes stay internal: a role × event-type matrix over the timeline and the webhooks,
 * written from the rule (docs/api.md, the timeline) — staff (agent, supervisor, admin) see every event, each
 * marked; integrators and webhooks see every event except internal notes.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMigratedPostgres, type TestPostgres } from '../support/postgres.js';
import { newCaseBody, startTestStack, type TestRole, type TestStack } from '../support/stack.js';

let pg: TestPostgres;
let s: TestStack;
let receiver: Server;
let hooksUrl: string;
const delivered: { type: string; caseId: string; sequence: number; data: Record<string, unknown> }[] = [];
beforeAll(async () => {
  receiver = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      delivered.push(JSON.parse(raw));
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
  hooksUrl = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/hooks`;
  // Its own database: a catch-all subscription in the shared one would reach every other test's cases.
  pg = await startMigratedPostgres();
  s = await startTestStack({ DATABASE_URL: pg.url, WEBHOOK_ALLOWED_HOSTS: '127.0.0.1' });
});
afterAll(async () => {
  await s?.stop();
  await pg?.stop();
  await new Promise((r) => receiver?.close(r));
});

interface Event {
  seq: number;
  type: string;
  data: Record<string, unknown>;
  visibility?: string;
}

/** The rule, as docs/api.md states it. */
const isInternalNote = (e: Event) => e.type === 'case.note_added' && e.data.visibility === 'internal';
const mayRead = (reader: TestRole | 'webhook', e: Event) =>
  reader === 'agent' || reader === 'supervisor' || reader === 'admin' || !isInternalNote(e);

const READERS: TestRole[] = ['integrator', 'agent', 'supervisor', 'admin'];

describe('who sees which event', () => {
  it('shows internal notes to staff only, marked, and sends only public events to webhooks', async () => {
    const sub = await s.call('admin', 'POST', '/v1/webhooks', { url: hooksUrl, events: ['*'] });
    expect(sub.status).toBe(201);
    const secret = `internal-${randomUUID()}`;
    const { body: c } = await s.call('integrator', 'POST', '/v1/cases', newCaseBody());
    for (const [role, action, body] of [
      ['agent', 'accept', {}],
      ['agent', 'notes', { text: `${secret} first`, visibility: 'internal' }],
      ['agent', 'notes', { text: 'we are on it', visibility: 'public' }],
      ['agent', 'findings', { summary: 'blown fuse' }],
      ['supervisor', 'notes', { text: `${secret} second`, visibility: 'internal' }],
      ['agent', 'wait-for-customer', { question: 'which model?' }],
      ['integrator', 'customer-reply', { message: 'the X200' }],
      ['agent', 'resolution', { summary: 'fuse replaced', remedy: 'repair' }],
      ['agent', 'callback', { reached: true, solved: true }],
      ['integrator', 'rating', { score: 5 }],
    ] as const) {
      const r = await s.call(role, 'POST', `/v1/cases/${c.id}/${action}`, body);
      expect(r.status, `${action} ${JSON.stringify(r.body)}`).toBe(200);
    }
    // Every event the case has, as stored: the matrix's columns.
    const all = (await s.db
      .selectFrom('case_events')
      .select(['seq', 'type', 'data'])
      .where('case_id', '=', c.id)
      .orderBy('seq')
      .execute()) as Event[];
    const types = [...new Set(all.map((e) => e.type))];
    expect(types).toEqual(expect.arrayContaining(['case.opened', 'case.note_added', 'case.closed']));
    expect(all.filter(isInternalNote)).toHaveLength(2);

    /** Event type → the sequence numbers of that type a reader got. */
    const matrix = (seen: Event[]) =>
      Object.fromEntries(types.map((t) => [t, seen.filter((e) => e.type === t).map((e) => e.seq)])) as Record<
        string,
        number[]
      >;
    const expectedFor = (reader: TestRole | 'webhook') => matrix(all.filter((e) => mayRead(reader, e)));

    for (const role of READERS) {
      const r = await s.call(role, 'GET', `/v1/cases/${c.id}/timeline`);
      expect(r.status).toBe(200);
      const items = r.body.items as Event[];
      expect(matrix(items), role).toEqual(expectedFor(role));
      // Each item says who may see it; nothing of an internal note leaks elsewhere in the answer.
      for (const e of items)
        expect(e.visibility, `${role} ${e.type}`).toBe(isInternalNote(e) ? 'internal' : 'public');
      if (!mayRead(role, all.find(isInternalNote)!)) expect(JSON.stringify(r.body)).not.toContain(secret);
    }

    // Webhooks: wait for the closing event, then compare with the same rule.
    const closed = all.find((e) => e.type === 'case.closed')!;
    const deadline = Date.now() + 30_000;
    while (!delivered.some((d) => d.caseId === c.id && d.sequence === closed.seq) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 200));
    const sent = delivered
      .filter((d) => d.caseId === c.id)
      .map((d) => ({ seq: d.sequence, type: d.type, data: d.data }));
    expect(matrix(sent)).toEqual(expectedFor('webhook'));
    expect(JSON.stringify(delivered)).not.toContain(secret);
    // Nor is an internal note kept for webhooks: no outbox row to deliver later or again.
    const outbox = await s.db.selectFrom('outbox').select('payload').where('case_id', '=', c.id).execute();
    expect(JSON.stringify(outbox)).not.toContain(secret);
  });
});
