/**
 * Long-lived cases: when the server suggests it, the case continues as new — same case, same
 * clocks, no lost or doubled event — and keeps taking actions. A dedicated dev server with a tiny
 * history limit makes the suggestion come after a few dozen events instead of thousands.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDevServer, type RunningDevServer } from '../../runtime/temporal-dev-server.js';
import { freePort } from '../support/postgres.js';
import { newCaseBody, startTestStack, type TestStack } from '../support/stack.js';

let temporal: RunningDevServer;
let s: TestStack;
beforeAll(async () => {
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
});

describe('continue-as-new', () => {
  it('carries the case over to a new run without losing its state, clocks or events', async () => {
    const { body: c } = await s.call('integrator', 'POST', '/v1/cases', newCaseBody());
    await s.call('agent', 'POST', `/v1/cases/${c.id}/accept`, { assignee: 'li.na' });
    const handle = s.client.workflow.getHandle(c.workflowId);
    const firstRun = (await handle.describe()).runId;

    for (let i = 0; i < 30; i++) {
      const r = await s.call('agent', 'POST', `/v1/cases/${c.id}/notes`, {
        text: `note ${i}`,
        visibility: 'internal',
      });
      expect(r.status).toBe(200);
    }
    // The loop continues as new between actions; wait for the new run to be the current one.
    let runId = firstRun;
    for (let i = 0; i < 50 && runId === firstRun; i++) {
      await new Promise((r) => setTimeout(r, 100));
      runId = (await handle.describe()).runId;
    }
    expect(runId).not.toBe(firstRun);

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
  });
});
