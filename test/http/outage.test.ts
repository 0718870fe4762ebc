/**
 * PostgreSQL down: the API answers 503 with Retry-After (never a 500), the workflows keep their
 * state and clocks, and the read model catches up once the database is back. Nothing is lost.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMigratedPostgres, type TestPostgres } from '../support/postgres.js';
import { newCaseBody, startTestStack, type TestStack } from '../support/stack.js';

let pg: TestPostgres;
let s: TestStack;
beforeAll(async () => {
  pg = await startMigratedPostgres();
  s = await startTestStack({ DATABASE_URL: pg.url });
});
afterAll(async () => {
  await s?.stop();
  await pg?.stop();
});

describe('database outage', () => {
  it('answers 503 while it is down and loses no event', async () => {
    const { body: c } = await s.call('integrator', 'POST', '/v1/cases', newCaseBody());
    await s.call('agent', 'POST', `/v1/cases/${c.id}/accept`, {});

    pg.pause();
    try {
      const get = await s.call('agent', 'GET', `/v1/cases/${c.id}`);
      expect(get.status).toBe(503);
      expect(get.headers.get('content-type')).toContain('application/problem+json');
      expect(Number(get.headers.get('retry-after'))).toBeGreaterThan(0);
      const open = await s.call('integrator', 'POST', '/v1/cases', newCaseBody());
      expect(open.status).toBe(503);
      const ready = await s.call(null, 'GET', '/readyz');
      expect(ready.status).toBe(503);
      expect(ready.body.checks.database).toMatch(/unavailable/);
      expect(ready.body.checks.temporal).toBe('ok');

      // The workflow keeps taking changes (here via Temporal directly): the projection waits and retries.
      const handle = s.client.workflow.getHandle(c.workflowId);
      const { actionUpdates } = await import('../../workflows/case-updates.js');
      const pending = handle.executeUpdate(actionUpdates.findings, {
        args: [
          { actor: 'agent:ops', command: { action: 'findings', summary: 'recorded during the outage' } },
        ],
      });
      await new Promise((r) => setTimeout(r, 1500));
      pg.resume();
      const view = await pending;
      expect(view.status).toBe('investigating');
    } finally {
      pg.resume();
    }

    // Back: the read model has every event, in order, without gaps or doubles.
    let tl = await s.call('agent', 'GET', `/v1/cases/${c.id}/timeline`);
    for (let i = 0; i < 40 && tl.status !== 200; i++) {
      await new Promise((r) => setTimeout(r, 250));
      tl = await s.call('agent', 'GET', `/v1/cases/${c.id}/timeline`);
    }
    expect(tl.status).toBe(200);
    const seqs = tl.body.items.map((e: { seq: number }) => e.seq);
    expect(seqs).toEqual(seqs.map((_: number, i: number) => i + 1));
    expect(tl.body.items.at(-1)).toMatchObject({
      type: 'case.findings_recorded',
      data: { summary: 'recorded during the outage' },
    });
    const ready = await s.call(null, 'GET', '/readyz');
    expect(ready.status).toBe(200);
  });
});
