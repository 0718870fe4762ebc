/**
 * One scenario per service manual, through HTTP on a real Temporal dev server and PostgreSQL:
 * every lifecycle endpoint, 409s for actions not allowed, read-your-writes after every POST.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newCaseBody, startTestStack, type TestRole, type TestStack } from '../support/stack.js';

let s: TestStack;
beforeAll(async () => {
  s = await startTestStack();
  await s.agents('li.ming', 'frontline.amy', 'specialist.bo', 'field.chen');
});
afterAll(async () => {
  await s?.stop();
});

const H = 3600_000;

/** POSTs an action, checks it answered 200 and that a GET right after shows the same case. */
async function act(
  role: TestRole,
  id: string,
  action: string,
  body: unknown = {},
  headers?: Record<string, string>,
) {
  const r = await s.call(role, 'POST', `/v1/cases/${id}/${action}`, body, headers);
  expect(r.status, `${action}: ${JSON.stringify(r.body)}`).toBe(200);
  const read = await s.call('integrator', 'GET', `/v1/cases/${id}`);
  expect(read.body).toEqual(r.body);
  return r.body;
}

async function timelineTypes(id: string): Promise<string[]> {
  const r = await s.call('agent', 'GET', `/v1/cases/${id}/timeline`);
  return r.body.items.map((e: { type: string }) => e.type);
}

async function open(body: Record<string, unknown>, role: TestRole = 'integrator') {
  const r = await s.call(role, 'POST', '/v1/cases', body);
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body;
}

const customer = (extra: Record<string, unknown> = {}) => ({
  id: `cust-${randomUUID().slice(0, 8)}`,
  name: 'Customer',
  ...extra,
});

describe('minerals supplier: fault report, 24 h respond, 48 h resolve, callback, rating', () => {
  it('runs to closed with a rating', async () => {
    const c = await open(
      newCaseBody({ customer: customer({ name: 'Wang Fang' }), product: 'Ball mill BM-200' }),
    );
    expect(c.slaPolicy).toBe('fault-24x7');
    expect(Date.parse(c.deadlines.respondBy) - Date.parse(c.createdAt)).toBe(24 * H);
    expect(Date.parse(c.deadlines.resolveBy) - Date.parse(c.createdAt)).toBe(48 * H);

    await act('agent', c.id, 'accept', { assignee: 'li.ming' });
    // a resolution needs findings first
    const early = await s.call('agent', 'POST', `/v1/cases/${c.id}/resolution`, {
      summary: 'x',
      remedy: 'repair',
    });
    expect(early.status).toBe(409);
    expect(early.body.currentStatus).toBe('investigating');
    await act('agent', c.id, 'findings', { summary: 'Worn bearing', rootCause: 'hardware' });
    const resolved = await act('agent', c.id, 'resolution', {
      summary: 'Bearing replaced on site',
      remedy: 'repair',
    });
    expect(resolved.status).toBe('resolved');
    expect(resolved.deadlines.resolveBy).toBeNull();
    expect(Date.parse(resolved.deadlines.callbackBy) - Date.parse(resolved.updatedAt)).toBe(24 * H);

    const notReached = await act('agent', c.id, 'callback', {
      reached: false,
      solved: false,
      notes: 'no answer',
    });
    expect(notReached.status).toBe('resolved');
    expect(notReached.deadlines.callbackBy).toBe(resolved.deadlines.callbackBy);

    const awaiting = await act('agent', c.id, 'callback', { reached: true, solved: true });
    expect(awaiting.status).toBe('awaiting_rating');
    expect(awaiting.deadlines.callbackBy).toBeNull();
    expect(Date.parse(awaiting.deadlines.rateBy) - Date.parse(awaiting.updatedAt)).toBe(7 * 24 * H);

    const closed = await act('integrator', c.id, 'rating', { score: 5, comment: 'fast and friendly' });
    expect(closed).toMatchObject({ status: 'closed', rating: { score: 5, comment: 'fast and friendly' } });
    expect(closed.closedAt).not.toBeNull();
    expect(Object.values(closed.deadlines)).toEqual([null, null, null, null]);

    expect(await timelineTypes(c.id)).toEqual([
      'case.opened',
      'case.classified',
      'case.assigned',
      'case.accepted',
      'case.findings_recorded',
      'case.resolution_proposed',
      'case.resolved',
      'case.callback',
      'case.callback',
      'case.rated',
      'case.closed',
    ]);

    // a closed case takes no more actions; the 409 names its terminal status
    const late = await s.call('agent', 'POST', `/v1/cases/${c.id}/notes`, {
      text: 'late',
      visibility: 'internal',
    });
    expect(late.status).toBe(409);
    expect(late.body.currentStatus).toBe('closed');
  });

  it('records a missed deadline within a second and escalates a level', async () => {
    const put = await s.call('admin', 'PUT', '/v1/sla-policies/fault-drill', {
      calendar: '24x7',
      respondWithin: 'PT3S',
      resolveWithin: 'PT48H',
      callbackWithin: 'PT24H',
      rateWithin: 'P7D',
    });
    expect(put.status).toBe(200);
    const c = await open(newCaseBody({ customer: customer(), slaPolicy: 'fault-drill' }));
    expect(c.level).toBe(1);
    const due = Date.parse(c.deadlines.respondBy);
    expect(due - Date.parse(c.createdAt)).toBe(3000);
    // Poll the read model: the breach must be visible there within a second of the deadline.
    let after = await s.call('supervisor', 'GET', `/v1/cases/${c.id}`);
    while (after.body.breaches.length === 0 && Date.now() < due + 5000) {
      await new Promise((r) => setTimeout(r, 50));
      after = await s.call('supervisor', 'GET', `/v1/cases/${c.id}`);
    }
    const visibleAfterMs = Date.now() - due;
    expect(visibleAfterMs).toBeLessThan(1000);
    expect(after.body.breaches).toEqual([{ clock: 'respond', at: c.deadlines.respondBy }]);
    expect(after.body.level).toBe(2);
    const tl = await s.call('supervisor', 'GET', `/v1/cases/${c.id}/timeline`);
    const breach = tl.body.items.find((e: { type: string }) => e.type === 'sla.breached');
    const lateByMs = Date.parse(breach.data.detectedAt) - due;
    expect(lateByMs).toBeGreaterThanOrEqual(0);
    expect(lateByMs).toBeLessThan(1000);
    expect(tl.body.items.map((e: { type: string }) => e.type)).toContain('supervisor.notified');
    const listed = await s.call('supervisor', 'GET', `/v1/cases?breached=true&customerId=${c.customer.id}`);
    expect(listed.body.items.map((x: { id: string }) => x.id)).toEqual([c.id]);
  });
});

describe('telecom operator: complaints within 3 working days', () => {
  it('resolves a valid complaint with one announced extension', async () => {
    const c = await open(newCaseBody({ type: 'complaint', channel: 'phone', customer: customer() }));
    expect(c.slaPolicy).toBe('complaint-3wd');
    const due = await s.call('agent', 'POST', '/v1/business-calendars/cn-workdays/due', {
      from: c.createdAt,
      duration: 'P3D',
    });
    expect(c.deadlines.resolveBy).toBe(due.body.due);

    await act('agent', c.id, 'accept', {});
    const forbidden = await s.call('agent', 'POST', `/v1/cases/${c.id}/extend`, {
      clock: 'resolve',
      by: 'P1D',
      reason: 'x',
    });
    expect(forbidden.status).toBe(403);
    const extended = await act('supervisor', c.id, 'extend', {
      clock: 'resolve',
      by: 'P1D',
      reason: 'waiting for the billing system audit',
    });
    const expected = await s.call('agent', 'POST', '/v1/business-calendars/cn-workdays/due', {
      from: c.deadlines.resolveBy,
      duration: 'P1D',
    });
    expect(extended.deadlines.resolveBy).toBe(expected.body.due);
    const tl = await s.call('agent', 'GET', `/v1/cases/${c.id}/timeline`);
    const ext = tl.body.items.find((e: { type: string }) => e.type === 'sla.extended');
    expect(ext.data).toMatchObject({
      clock: 'resolve',
      from: c.deadlines.resolveBy,
      to: expected.body.due,
      reason: 'waiting for the billing system audit',
      customerFacing: true,
    });

    await act('agent', c.id, 'findings', { summary: 'Roaming charged twice' });
    const pending = await act('agent', c.id, 'resolution', {
      summary: 'Refund the double charge',
      remedy: 'refund',
      amount: 42.5,
    });
    expect(pending.status).toBe('pending_approval');
    const agentApproves = await s.call('agent', 'POST', `/v1/cases/${c.id}/approval`, {
      decision: 'approve',
    });
    expect(agentApproves.status).toBe(403);
    const back = await act('supervisor', c.id, 'approval', {
      decision: 'reject',
      comment: 'refund the whole month',
    });
    expect(back.status).toBe('investigating');
    await act('agent', c.id, 'resolution', { summary: 'Refund the month', remedy: 'refund', amount: 99 });
    const resolved = await act('supervisor', c.id, 'approval', { decision: 'approve' });
    expect(resolved.status).toBe('resolved');
    await act('agent', c.id, 'callback', { reached: true, solved: true });
    const closed = await act('integrator', c.id, 'rating', { score: 4 });
    expect(closed.status).toBe('closed');
    expect(closed.breaches).toEqual([]);
  });

  it('rejects an invalid complaint with its reason', async () => {
    const c = await open(newCaseBody({ type: 'complaint', customer: customer() }));
    const rejected = await act('agent', c.id, 'reject', {
      reason: 'Not our service: contact the handset maker',
    });
    expect(rejected.status).toBe('rejected');
    expect(rejected.closedAt).not.toBeNull();
    const tl = await s.call('agent', 'GET', `/v1/cases/${c.id}/timeline`);
    expect(tl.body.items.at(-1)).toMatchObject({
      type: 'case.rejected',
      data: { reason: 'Not our service: contact the handset maker' },
    });
    for (const [action, body] of [
      ['accept', {}],
      ['withdraw', { reason: 'x' }],
      ['escalate', { reason: 'x' }],
    ] as const) {
      const r = await s.call('supervisor', 'POST', `/v1/cases/${c.id}/${action}`, body);
      expect(r.status).toBe(409);
      expect(r.body.currentStatus).toBe('rejected');
    }
  });
});

describe('automation vendor: technical support for a premium customer', () => {
  it('prioritises, hands over from front line to specialist to field engineer, approves a replacement', async () => {
    const c = await open(
      newCaseBody({
        type: 'technical_support',
        subject: 'PLC loses configuration',
        description: 'After firmware 3.2 the PLC forgets its I/O mapping',
        customer: customer({ tier: 'premium', organisation: 'Auto Parts Ltd' }),
        product: 'PLC S7-3000 fw 3.2',
      }),
    );
    expect(c.priority).toBe('high');
    expect(c.level).toBe(2);
    expect(c.slaPolicy).toBe('premium-support');
    expect(Date.parse(c.deadlines.respondBy) - Date.parse(c.createdAt)).toBe(2 * H);

    const accepted = await act('agent', c.id, 'accept', { assignee: 'frontline.amy' });
    expect(accepted.owner).toBe('frontline.amy');
    const handed = await act('agent', c.id, 'assign', { assignee: 'specialist.bo' });
    expect(handed).toMatchObject({ assignee: 'specialist.bo', owner: 'frontline.amy' });
    await act('agent', c.id, 'findings', {
      summary: 'Reproduced: firmware bug in EEPROM write',
      rootCause: 'software',
    });
    await act('agent', c.id, 'assign', { assignee: 'field.chen' });
    await act('agent', c.id, 'findings', {
      summary: 'On site: EEPROM module faulty too',
      rootCause: 'hardware',
      onSite: true,
    });
    await act('agent', c.id, 'wait-for-customer', { question: 'Can we stop line 2 on Friday?' });
    const replied = await act('integrator', c.id, 'customer-reply', { message: 'Yes, Friday 14:00' });
    expect(replied.status).toBe('investigating');
    const pending = await act('agent', c.id, 'resolution', {
      summary: 'Replace EEPROM module',
      remedy: 'replace',
    });
    expect(pending.status).toBe('pending_approval');
    const resolved = await act('supervisor', c.id, 'approval', {
      decision: 'approve',
      comment: 'ok, under warranty',
    });
    expect(resolved.status).toBe('resolved');
    const types = await timelineTypes(c.id);
    expect(types.filter((t) => t === 'case.findings_recorded')).toHaveLength(2);
    expect(types).toContain('case.waiting_for_customer');
    expect(types).toContain('case.customer_replied');
    expect(types).toContain('case.approval_requested');
    expect(types).toContain('case.approved');
  });
});

describe('after-sales plan: fault report → analysis → handling → feedback', () => {
  it('reopens once on a poor rating and closes on the second rating', async () => {
    const c = await open(newCaseBody({ customer: customer() }), 'agent');
    await act('agent', c.id, 'accept', {});
    await act('agent', c.id, 'findings', { summary: 'Operator error: wrong feed rate' });
    await act('agent', c.id, 'resolution', { summary: 'Trained the operator', remedy: 'guidance' });
    await act('agent', c.id, 'callback', { reached: true, solved: true });
    const reopened = await act('integrator', c.id, 'rating', { score: 2, comment: 'took too long' });
    expect(reopened).toMatchObject({ status: 'investigating', reopenCount: 1, level: 2 });
    expect(reopened.deadlines.resolveBy).not.toBeNull();
    // a reopened case keeps its earlier findings
    await act('agent', c.id, 'resolution', {
      summary: 'Second visit, tuned the controller',
      remedy: 'repair',
    });
    await act('agent', c.id, 'callback', { reached: true, solved: true });
    const closed = await act('integrator', c.id, 'rating', { score: 1, comment: 'still unhappy' });
    expect(closed).toMatchObject({
      status: 'closed',
      rating: { score: 1, comment: 'still unhappy' },
      reopenCount: 1,
    });
    const types = await timelineTypes(c.id);
    expect(types).toContain('case.reopened');
    expect(types).toContain('supervisor.notified');
    expect(types.at(-1)).toBe('case.closed');
  });

  it('sends an unsolved callback back to investigation one level up', async () => {
    const c = await open(newCaseBody({ customer: customer() }));
    await act('agent', c.id, 'accept', {});
    await act('agent', c.id, 'findings', { summary: 'Loose cable' });
    await act('agent', c.id, 'resolution', { summary: 'Fixed cable', remedy: 'repair' });
    const back = await act('agent', c.id, 'callback', { reached: true, solved: false, notes: 'fails again' });
    expect(back).toMatchObject({ status: 'investigating', reopenCount: 1, level: 2 });
    expect(back.deadlines.callbackBy).toBeNull();
    const w = await act('integrator', c.id, 'withdraw', { reason: 'bought a new machine' });
    expect(w.status).toBe('withdrawn');
  });
});

describe('manufacturing plant: an inquiry that needs a specialist', () => {
  it('routes to the specialist team and answers within working days', async () => {
    const specialist = `spec-${randomUUID().slice(0, 6)}`;
    const put = await s.call('admin', 'PUT', `/v1/agents/${specialist}`, {
      name: 'Product Specialist',
      team: 'product-specialists',
    });
    expect(put.status).toBe(200);
    const c = await open(
      newCaseBody({
        type: 'inquiry',
        subject: 'Tolerance of part 7731 at 300°C',
        description: 'Our line is down until we know: production stop',
        customer: customer(),
      }),
    );
    expect(c.priority).toBe('urgent');
    expect(c.level).toBe(2);
    expect(c.assignee).toBe(specialist);
    expect(c.slaPolicy).toBe('inquiry-specialist');
    const due = await s.call('agent', 'POST', '/v1/business-calendars/cn-workdays/due', {
      from: c.createdAt,
      duration: 'P2D',
    });
    expect(c.deadlines.resolveBy).toBe(due.body.due);
    const accepted = await act('agent', c.id, 'accept', {});
    expect(accepted).toMatchObject({ assignee: specialist, owner: specialist });
    await act('agent', c.id, 'notes', { text: 'Checked the datasheet', visibility: 'internal' });
    await act('agent', c.id, 'findings', { summary: 'Rated to 320°C' });
    const resolved = await act('agent', c.id, 'resolution', {
      summary: 'Answered: rated to 320°C',
      remedy: 'guidance',
    });
    expect(resolved.status).toBe('resolved');
    expect(resolved.breaches).toEqual([]);
  });
});

describe('escalation and priority', () => {
  it('escalates up to level 3, then refuses; level 3 resolutions need approval', async () => {
    const c = await open(newCaseBody({ customer: customer() }));
    expect((await act('integrator', c.id, 'escalate', { reason: 'angry customer' })).level).toBe(2);
    expect((await act('supervisor', c.id, 'escalate', { reason: 'management' })).level).toBe(3);
    const more = await s.call('agent', 'POST', `/v1/cases/${c.id}/escalate`, { reason: 'again' });
    // The request is fine; the case's state refuses it: 409 with the current status and level.
    expect(more.status).toBe(409);
    expect(more.body).toMatchObject({ currentStatus: 'new', level: 3, action: 'escalate' });
    await act('agent', c.id, 'accept', {});
    await act('agent', c.id, 'findings', { summary: 'x' });
    const pending = await act('agent', c.id, 'resolution', { summary: 'advice', remedy: 'guidance' });
    expect(pending.status).toBe('pending_approval');
  });

  it('re-targets the respond clock when the priority changes, keeping elapsed time', async () => {
    const c = await open(newCaseBody({ customer: customer() }));
    expect(c.priority).toBe('normal');
    const urgent = await act('agent', c.id, 'priority', { priority: 'urgent', reason: 'line stopped' });
    expect(Date.parse(urgent.deadlines.respondBy) - Date.parse(c.createdAt)).toBe(2 * H);
    expect(urgent.deadlines.resolveBy).toBe(c.deadlines.resolveBy);
    const same = await s.call('agent', 'POST', `/v1/cases/${c.id}/priority`, { priority: 'urgent' });
    expect(same.status).toBe(409);
    expect(same.body).toMatchObject({ currentStatus: 'new', priority: 'urgent', action: 'priority' });
    if (urgent.assignee !== 'li.ming') await act('agent', c.id, 'assign', { assignee: 'li.ming' });
    const again = await s.call('agent', 'POST', `/v1/cases/${c.id}/assign`, { assignee: 'li.ming' });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ currentStatus: 'new', assignee: 'li.ming', action: 'assign' });
  });
});
