/**
 * The vertical slice through HTTP on a real Temporal dev server and a real PostgreSQL:
 * open a case, read it back, accept it through a Workflow Update, read-your-writes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SA } from '../../domain/case/contract.js';
import { newCaseBody, startTestStack, type TestStack } from '../support/stack.js';

let s: TestStack;
beforeAll(async () => {
  s = await startTestStack();
  await s.agents('zhang.san', 'wang.wu');
});
afterAll(async () => {
  await s?.stop();
});

describe('a case end to end', () => {
  it('opens, reads back, accepts, and shows the change at once', async () => {
    const opened = await s.call('integrator', 'POST', '/v1/cases', newCaseBody());
    expect(opened.status).toBe(201);
    const c = opened.body;
    expect(c).toMatchObject({
      type: 'fault_report',
      channel: 'api',
      status: 'new',
      level: expect.any(Number),
      customer: {
        name: 'Li Wei',
        email: 'li.wei@example.com',
        organisation: 'Minerals Co',
        tier: 'standard',
      },
      slaPolicy: 'fault-24x7',
      breaches: [],
      rating: null,
      reopenCount: 0,
      closedAt: null,
      workflowId: `case:${c.id}`,
    });
    expect(c.number).toMatch(/^CS-\d{4}-\d{6}$/);
    // fault reports: respond within 24 h, resolve within 48 h, on a 24x7 calendar
    expect(Date.parse(c.deadlines.respondBy) - Date.parse(c.createdAt)).toBe(24 * 3600_000);
    expect(Date.parse(c.deadlines.resolveBy) - Date.parse(c.createdAt)).toBe(48 * 3600_000);
    expect(c.deadlines.callbackBy).toBeNull();

    const got = await s.call('agent', 'GET', `/v1/cases/${c.id}`);
    expect(got.status).toBe(200);
    expect(got.body).toEqual(c);

    const accepted = await s.call('agent', 'POST', `/v1/cases/${c.id}/accept`, { assignee: 'zhang.san' });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({
      status: 'investigating',
      assignee: 'zhang.san',
      owner: 'zhang.san',
    });
    expect(accepted.body.deadlines.respondBy).toBeNull();

    const after = await s.call('integrator', 'GET', `/v1/cases/${c.id}`);
    expect(after.body.status).toBe('investigating');
    expect(after.body.assignee).toBe('zhang.san');

    const timeline = await s.call('integrator', 'GET', `/v1/cases/${c.id}/timeline`);
    expect(timeline.body.items.map((e: { type: string }) => e.type)).toEqual([
      'case.opened',
      'case.classified',
      'case.assigned',
      'case.accepted',
    ]);

    const again = await s.call('agent', 'POST', `/v1/cases/${c.id}/accept`, {});
    expect(again.status).toBe(409);
    expect(again.headers.get('content-type')).toContain('application/problem+json');
    expect(again.body).toMatchObject({ status: 409, title: 'Conflict' });
    expect(again.body.detail).toContain('investigating');
    expect(again.body.currentStatus).toBe('investigating');
  });

  it('keeps the case findable by Temporal search attributes', async () => {
    const { body: c } = await s.call('integrator', 'POST', '/v1/cases', newCaseBody({ type: 'complaint' }));
    const { body: accepted } = await s.call('agent', 'POST', `/v1/cases/${c.id}/accept`, {
      assignee: 'wang.wu',
    });
    const handle = s.client.workflow.getHandle(c.workflowId);
    const desc = await handle.describe();
    expect(await desc.staticSummary()).toBe(`complaint · ${c.priority} · ${c.number}`);
    // Visibility is eventually consistent: poll briefly.
    let ids: string[] = [];
    for (let i = 0; i < 50 && !ids.includes(c.workflowId); i++) {
      ids = [];
      for await (const wf of s.client.workflow.list({
        query: `CaseStatus = 'investigating' AND CaseKind = 'complaint' AND CaseAssignee = 'wang.wu' AND CaseCustomerId = '${c.customer.id}'`,
      })) {
        ids.push(wf.workflowId);
      }
      if (!ids.includes(c.workflowId)) await new Promise((r) => setTimeout(r, 200));
    }
    expect(ids).toContain(c.workflowId);
    // The case was indexed at its start; the workflow upserted only what the accept changed.
    expect(desc.typedSearchAttributes.get(SA.nextDeadline)?.toISOString()).toBe(accepted.deadlines.resolveBy);
    const upserts = (await handle.fetchHistory()).events!.filter(
      (e) => e.upsertWorkflowSearchAttributesEventAttributes?.searchAttributes?.indexedFields?.CaseStatus,
    );
    expect(upserts).toHaveLength(1);
  });
});
