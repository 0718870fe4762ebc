/**
 * What ops see in Temporal without a codec session: read with a client that has NO codec, a case's
 * summary, details, current details and timer summaries are plain text holding no personal data,
 * while its input, update arguments and results stay encrypted. Ops find a case by the number a
 * customer quotes (CaseNumber), and the compose bootstrap registers the same search attributes.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import type { temporal } from '@temporalio/proto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASE_SEARCH_ATTRIBUTES } from '../../domain/case/contract.js';
import { NO_PERSONAL_DATA } from '../../domain/case/ops-text.js';
import { newCaseBody, startTestStack, type TestStack } from '../support/stack.js';
import { until } from '../support/until.js';

type Payload = temporal.api.common.v1.IPayload;

let s: TestStack;
let bare: Client;
let connection: Connection;
const dec = new TextDecoder();
const encodingOf = (p: Payload | null | undefined) => dec.decode(p?.metadata?.encoding ?? new Uint8Array());
const textOf = (p: Payload | null | undefined) => JSON.parse(dec.decode(p!.data!)) as unknown;

/** Every payload anywhere in a message tree (history events, describe answers). */
function payloadsIn(v: unknown, out: Payload[] = [], depth = 0): Payload[] {
  if (!v || typeof v !== 'object' || depth > 20) return out;
  if (v instanceof Uint8Array) return out;
  const o = v as Record<string, unknown>;
  if (o.metadata && typeof o.metadata === 'object' && 'data' in o) out.push(o as Payload);
  for (const x of Object.values(o)) payloadsIn(x, out, depth + 1);
  return out;
}

beforeAll(async () => {
  s = await startTestStack();
  connection = await Connection.connect({ address: s.temporalAddress });
  // The ops view: the same namespace, and no payload codec at all.
  bare = new Client({ connection });
});
afterAll(async () => {
  await connection?.close();
  await s?.stop();
});

describe('ops without a codec session', () => {
  it('read summary, details and timer summaries in plain text, and nothing personal in any plain payload', async () => {
    const body = newCaseBody({
      type: 'complaint',
      subject: 'Ops-view subject 7f3a',
      description: 'Ops-view text 9b1c',
    });
    const opened = await s.call('integrator', 'POST', '/v1/cases', body);
    expect(opened.status).toBe(201);
    const c = opened.body;
    expect((await s.call('agent', 'POST', `/v1/cases/${c.id}/accept`, {})).status).toBe(200);

    const handle = bare.workflow.getHandle(c.workflowId);
    const desc = await handle.describe();
    expect(await desc.staticSummary()).toBe(`complaint · ${c.priority} · ${c.number}`);
    expect(await desc.staticDetails()).toMatch(
      new RegExp(`^Case ${c.number} via api; SLA policy \\S+ on calendar \\S+$`),
    );

    // The Web UI's metadata query answers the current details in the clear too.
    const meta = await handle.query<{ currentDetails?: string }>('__temporal_workflow_metadata');
    expect(meta.currentDetails).toMatch(/^\*\*investigating\*\* · level 1 · /);

    const history = await handle.fetchHistory();
    const events = history.events!;
    const timers = events.filter((e) => e.timerStartedEventAttributes);
    expect(timers.length).toBeGreaterThan(0);
    for (const t of timers) {
      expect(encodingOf(t.userMetadata?.summary)).toBe('json/plain');
      expect(dec.decode(t.userMetadata!.summary!.metadata![NO_PERSONAL_DATA]!)).toBe('true');
      expect(textOf(t.userMetadata?.summary)).toMatch(
        /^((respond|resolve|callback|rate) \w+ at \S+ \(calendar \S+\)|read model retry at \S+)$/,
      );
    }
    // Inputs, update arguments and results: encrypted.
    const started = events[0]!.workflowExecutionStartedEventAttributes!;
    expect(started.input!.payloads!.map(encodingOf)).toEqual(['binary/encrypted']);
    const updates = events.filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes);
    expect(updates.length).toBeGreaterThan(0);
    for (const u of updates) {
      const args = u.workflowExecutionUpdateAcceptedEventAttributes!.acceptedRequest!.input!.args!.payloads!;
      expect(args.map(encodingOf)).toEqual(args.map(() => 'binary/encrypted'));
    }
    const results = events.filter((e) => e.workflowExecutionUpdateCompletedEventAttributes);
    for (const r of results) {
      const out = r.workflowExecutionUpdateCompletedEventAttributes!.outcome!.success!.payloads!;
      expect(out.map(encodingOf)).toEqual(out.map(() => 'binary/encrypted'));
    }
    const activities = events.filter((e) => e.activityTaskScheduledEventAttributes);
    for (const a of activities) {
      const input = a.activityTaskScheduledEventAttributes!.input?.payloads ?? [];
      expect(input.map(encodingOf)).toEqual(input.map(() => 'binary/encrypted'));
    }

    // Whatever is plain (in the history, the describe answer, the metadata query) names no one.
    const plain = [...payloadsIn(events), ...payloadsIn(desc.raw)]
      .filter((p) => encodingOf(p) !== 'binary/encrypted')
      .map((p) => dec.decode(p.data ?? new Uint8Array()));
    expect(plain.length).toBeGreaterThan(3);
    const all = [...plain, JSON.stringify(meta)].join('\n');
    for (const secret of [
      body.customer.name,
      body.customer.email,
      body.customer.organisation,
      body.subject,
      body.description,
    ]) {
      expect(all).not.toContain(secret);
    }
  });

  it('find a case by the number a customer quotes (CaseNumber)', async () => {
    const a = (await s.call('integrator', 'POST', '/v1/cases', newCaseBody())).body;
    const b = (await s.call('integrator', 'POST', '/v1/cases', newCaseBody())).body;
    expect(a.number).toMatch(/^CS-\d{4}-\d{6}$/);
    const found = async (n: string) => {
      const ids: string[] = [];
      for await (const wf of bare.workflow.list({ query: `CaseNumber = '${n}'` })) ids.push(wf.workflowId);
      return ids;
    };
    expect(await until(async () => (await found(a.number)).length > 0, 10_000)).toBe(true);
    expect(await found(a.number)).toEqual([a.workflowId]);
    expect(await until(async () => (await found(b.number)).length > 0, 10_000)).toBe(true);
    expect(await found(b.number)).toEqual([b.workflowId]);
  });

  it('the compose bootstrap registers every search attribute the service uses, with its type', () => {
    const script = readFileSync(
      path.resolve(import.meta.dirname, '../../deploy/temporal/bootstrap.sh'),
      'utf8',
    );
    const list = /SEARCH_ATTRIBUTES="([^"]*)"/.exec(script)![1]!.split(/\s+/).filter(Boolean);
    const TYPES: Record<string, string> = {
      KEYWORD: 'Keyword',
      INT: 'Int',
      BOOL: 'Bool',
      DATETIME: 'Datetime',
    };
    expect(list.sort()).toEqual(CASE_SEARCH_ATTRIBUTES.map((k) => `${k.name}:${TYPES[k.type]}`).sort());
    expect(list).toContain('CaseNumber:Keyword');
  });
});
