/**
 * Erasure that reaches everything: a distinctive string written through every free-text field of
 * the contract, then the customer erased, then a full pg_dump of the database and the codec-decoded
 * Temporal history of every run searched for each string. Nothing may be found. A case that goes
 * on after the erasure keeps working, with [erased] in place of the old text.
 */
import { execFileSync } from 'node:child_process';
import { randomInt, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AesGcmCodec, parseEncryptionKeys } from '../../platform/payload-codec.js';
import { decodedHistoryText } from '../support/history.js';
import { findPgBin, startMigratedPostgres, type TestPostgres } from '../support/postgres.js';
import { startTestStack, TEST_ENCRYPTION_KEYS, type TestRole, type TestStack } from '../support/stack.js';

let pg: TestPostgres;
let s: TestStack;
let receiver: Server;
let hooksUrl: string;
beforeAll(async () => {
  // Its own database: the dump below is of this test's data alone.
  pg = await startMigratedPostgres();
  receiver = createServer((req, res) => req.resume().on('end', () => res.writeHead(204).end()));
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
  hooksUrl = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/hooks`;
  s = await startTestStack({ DATABASE_URL: pg.url, WEBHOOK_ALLOWED_HOSTS: '127.0.0.1' });
});
afterAll(async () => {
  await s?.stop();
  await pg?.stop();
  await new Promise((r) => receiver?.close(r));
});

const tag = randomUUID().slice(0, 8);
/** Every string written, by the field it went through. */
const written = new Map<string, string>();
const text = (field: string) => {
  const value = `zq${tag}-${field}-ölmühle-投诉`;
  written.set(field, value);
  return value;
};

async function act(caseId: string, role: TestRole, action: string, body: object) {
  const r = await s.call(role, 'POST', `/v1/cases/${caseId}/${action}`, body);
  expect(r.status, `${action} ${JSON.stringify(r.body)}`).toBe(200);
  return r.body;
}

async function open(customerId: string, label: string) {
  const r = await s.call('integrator', 'POST', '/v1/cases', {
    type: 'complaint',
    channel: 'email',
    subject: text(`${label}.subject`),
    description: text(`${label}.description`),
    customer: {
      id: customerId,
      name: text(`${label}.customer.name`),
      email: `zq${tag}.${label}@example.com`,
      phone: phone(`${label}.customer.phone`),
      organisation: text(`${label}.customer.organisation`),
    },
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  written.set(`${label}.customer.email`, r.body.customer.email);
  return r.body as { id: string; workflowId: string };
}

/** A phone number (at most 40 characters) no other test writes. */
function phone(field: string) {
  const value = `+86 1${randomInt(10 ** 9, 10 ** 10)}`;
  written.set(field, value);
  return value;
}

/** Occurrences of `needle` in `haystack`. */
const hits = (haystack: string, needle: string) => haystack.split(needle).length - 1;

function searchAll(dump: string, history: string) {
  const found = [...written].map(([field, value]) => ({
    field,
    dump: hits(dump, value),
    history: hits(history, value),
  }));
  return {
    found,
    dump: found.reduce((n, f) => n + f.dump, 0),
    history: found.reduce((n, f) => n + f.history, 0),
  };
}

describe('erasure reaches every free-text field', () => {
  it('leaves no written string in a pg_dump or in any decoded history run; a live case goes on', async () => {
    const sub = await s.call('admin', 'POST', '/v1/webhooks', { url: hooksUrl, events: ['*'] });
    expect(sub.status).toBe(201);
    const customerId = `search-${tag}`;

    // One case through every action that takes free text.
    const full = await open(customerId, 'full');
    await act(full.id, 'agent', 'accept', {});
    await act(full.id, 'agent', 'priority', { priority: 'high', reason: text('priority.reason') });
    await act(full.id, 'supervisor', 'extend', {
      clock: 'resolve',
      by: 'PT1H',
      reason: text('extend.reason'),
    });
    await act(full.id, 'agent', 'notes', { text: text('notes.internal'), visibility: 'internal' });
    await act(full.id, 'agent', 'notes', { text: text('notes.public'), visibility: 'public' });
    await act(full.id, 'agent', 'findings', {
      summary: text('findings.summary'),
      rootCause: text('findings.rootCause'),
    });
    await act(full.id, 'agent', 'wait-for-customer', { question: text('wait-for-customer.question') });
    await act(full.id, 'integrator', 'customer-reply', { message: text('customer-reply.message') });
    await act(full.id, 'agent', 'escalate', { reason: text('escalate.reason') });
    await act(full.id, 'agent', 'resolution', { summary: text('resolution.summary.1'), remedy: 'refund' });
    await act(full.id, 'supervisor', 'approval', { decision: 'reject', comment: text('approval.reject') });
    await act(full.id, 'agent', 'resolution', { summary: text('resolution.summary.2'), remedy: 'refund' });
    await act(full.id, 'supervisor', 'approval', { decision: 'approve', comment: text('approval.approve') });
    await act(full.id, 'agent', 'callback', { reached: true, solved: true, notes: text('callback.notes') });
    const closed = await act(full.id, 'integrator', 'rating', { score: 4, comment: text('rating.comment') });
    expect(closed.status).toBe('closed');

    const rejected = await open(customerId, 'rejected');
    await act(rejected.id, 'agent', 'reject', { reason: text('reject.reason') });
    const withdrawn = await open(customerId, 'withdrawn');
    await act(withdrawn.id, 'integrator', 'withdraw', { reason: text('withdraw.reason') });

    // A case still open when the customer is erased.
    const live = await open(customerId, 'live');
    await act(live.id, 'agent', 'accept', {});
    await act(live.id, 'agent', 'notes', { text: text('live.notes'), visibility: 'public' });

    const cases = [full, rejected, withdrawn, live];
    const codec = new AesGcmCodec(parseEncryptionKeys(TEST_ENCRYPTION_KEYS));
    const search = async () => {
      const histories = await Promise.all(
        cases.map((c) => decodedHistoryText(s.client, c.workflowId, codec)),
      );
      const dump = execFileSync(findPgBin('pg_dump')!, ['--dbname', pg.url, '--no-owner'], {
        maxBuffer: 1 << 30,
        encoding: 'utf8',
      });
      const history = histories.map((h) => h.text).join('\n');
      // The decoding works: update arguments are readable, their free text sealed.
      expect(history).toContain('"remedy":"refund"');
      expect(history).toContain('"text":"pd1:');
      return { runs: histories.reduce((n, h) => n + h.runs, 0), ...searchAll(dump, history) };
    };
    // The search finds what it looks for: before the erasure every string is in the database.
    const before = await search();
    expect(before.found.filter((f) => f.dump === 0)).toEqual([]);

    const erase = await s.call('admin', 'DELETE', `/v1/customers/${customerId}/personal-data`);
    expect(erase.status).toBe(200);
    expect(erase.body.cases).toBe(4);

    const after = await search();
    console.info(
      `erasure search: ${written.size} strings over ${after.runs} history runs; ` +
        `before the erasure ${before.dump} hits in pg_dump, ${before.history} in decoded history; ` +
        `after ${after.dump} and ${after.history}`,
    );
    expect(after.found.filter((f) => f.dump + f.history > 0)).toEqual([]);

    // The live case goes on: old text reads [erased], new text is new data.
    const later = `zq${tag}-written-after-the-erasure`;
    await act(live.id, 'agent', 'notes', { text: later, visibility: 'public' });
    await act(live.id, 'agent', 'findings', { summary: 'replaced the fuse' });
    const resolved = await act(live.id, 'agent', 'resolution', { summary: 'fixed', remedy: 'guidance' });
    expect(resolved.status).toBe('resolved');
    expect(resolved.subject).toBe('[erased]');
    expect(resolved.customer.name).toBe('[erased]');
    const timeline = (await s.call('agent', 'GET', `/v1/cases/${live.id}/timeline`)).body.items as {
      type: string;
      data: { text?: string };
    }[];
    const notes = timeline.filter((e) => e.type === 'case.note_added').map((e) => e.data.text);
    expect(notes).toEqual(['[erased]', later]);
  });
});
