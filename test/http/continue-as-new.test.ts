/**
 * Long-lived cases: when the server suggests it, the case continues as new — same case, same
 * clocks, no lost or doubled event — and keeps taking actions, even while its webhook receiver is
 * down; an action retried with the same Idempotency-Key after the new run began applies once. A
 * dedicated dev server with a tiny history limit makes the suggestion come after a few dozen
 * events instead of thousands.
 */
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDevServer, type RunningDevServer } from '../../dev/temporal-dev-server.js';
import { freePort } from '../support/postgres.js';
import { newCaseBody, startTestStack, type TestStack } from '../support/stack.js';

let temporal: RunningDevServer;
let s: TestStack;
let receiver: Server;
let up = false;
const received: string[] = [];
beforeAll(async () => {
  receiver = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (!up) return void res.writeHead(503).end();
      received.push(String(req.headers['x-event-id']));
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
  temporal = await startDevServer({
    port: await freePort(),
    dynamicConfig: { 'limit.historyCount.suggestContinueAsNew': 40 },
  });
  s = await startTestStack({ TEMPORAL_ADDRESS: temporal.address });
  await s.agents('li.na');
});
afterAll(async () => {
  await s?.stop();
  await temporal?.stop();
  await new Promise((r) => receiver?.close(r));
});

describe('continue-as-new', () => {
  it('carries the case over to a new run without losing its state, clocks or events', async () => {
    const url = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/hooks`;
    const sub = await s.call('admin', 'POST', '/v1/webhooks', { url, events: ['*'] }); // down for now
    expect(sub.status).toBe(201);
    const { body: c } = await s.call('integrator', 'POST', '/v1/cases', newCaseBody());
    await s.call('agent', 'POST', `/v1/cases/${c.id}/accept`, { assignee: 'li.na' });
    const handle = s.client.workflow.getHandle(c.workflowId);
    const firstRun = (await handle.describe()).runId;

    const note = (i: number) =>
      s.call(
        'agent',
        'POST',
        `/v1/cases/${c.id}/notes`,
        { text: `note ${i}`, visibility: 'public' }, // internal notes never reach webhooks
        {
          'Idempotency-Key': `cn-note-${c.id}-${i}`,
        },
      );
    for (let i = 0; i < 30; i++) expect((await note(i)).status).toBe(200);
    // The loop continues as new between actions; wait for the new run to be the current one.
    let runId = firstRun;
    for (let i = 0; i < 50 && runId === firstRun; i++) {
      await new Promise((r) => setTimeout(r, 100));
      runId = (await handle.describe()).runId;
    }
    expect(runId).not.toBe(firstRun);

    // Retries of actions the first run applied (their keys are the update ids): answered, not re-applied.
    for (const i of [29, 28, 27]) {
      const again = await note(i);
      expect(again.status).toBe(200);
      expect(again.body.id).toBe(c.id);
    }

    const after = await s.call('agent', 'POST', `/v1/cases/${c.id}/findings`, {
      summary: 'after the new run',
    });
    expect(after.status).toBe(200);
    expect(after.body).toMatchObject({ status: 'investigating', assignee: 'li.na', owner: 'li.na' });
    expect(after.body.deadlines.resolveBy).toBe(c.deadlines.resolveBy);
    expect(after.body.createdAt).toBe(c.createdAt);

    const tl = await s.call('agent', 'GET', `/v1/cases/${c.id}/timeline`);
    const seqs = tl.body.items.map((e: { seq: number }) => e.seq);
    expect(seqs).toEqual(seqs.map((_: number, i: number) => i + 1));
    expect(tl.body.items.filter((e: { type: string }) => e.type === 'case.note_added')).toHaveLength(30);
    expect(tl.body.items.at(-1).type).toBe('case.findings_recorded');

    // The receiver comes back: every event arrives, each once.
    up = true;
    // The database is shared with other test files: their cases' events reach this catch-all too.
    const ours = () => received.filter((id) => id.startsWith(`${c.id}:`));
    const expected = tl.body.items.map((e: { seq: number }) => `${c.id}:${e.seq}`);
    for (let i = 0; i < 200 && new Set(ours()).size < expected.length; i++) {
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(ours().sort()).toEqual([...expected].sort());
    expect((await s.call('admin', 'DELETE', `/v1/webhooks/${sub.body.id}`)).status).toBe(204);
  });
});
