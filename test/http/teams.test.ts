/**
 * Teams own work, through the whole service on real Temporal and PostgreSQL: a complaint
 * transferred to the quality department and handed back by its findings, a refused transfer, a
 * findings clock that breaches and escalates, a breach that moves a case to the level-2 team, and
 * the escalation rules' admin API. Its own database: the teams and agents it makes would otherwise
 * take other files' cases (assignment by workload).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newCaseBody, ownDatabase, startTestStack, type TestStack } from '../support/stack.js';
import { until } from '../support/until.js';

let s: TestStack;
const tag = randomUUID().slice(0, 6);
const FRONT = `a-front-${tag}`;
const QUALITY = `q-quality-${tag}`;
const DESK = `d-desk-${tag}`;
const POLICY = `teams-24x7-${tag}`;
const keys: Record<string, string> = {};

beforeAll(async () => {
  s = await startTestStack({ DATABASE_URL: await ownDatabase() });
  // Level-1 complaints go to the front line only; the complaints desk takes level 2 and 3.
  const desk = await s.call('admin', 'PUT', '/v1/teams/complaints-desk', {
    caseTypes: ['complaint'],
    minLevel: 2,
    maxLevel: 3,
  });
  expect(desk.status).toBe(200);
  for (const [id, team] of [
    [FRONT, 'front-line'],
    [QUALITY, 'quality'],
    [DESK, 'complaints-desk'],
  ] as const) {
    expect((await s.call('admin', 'PUT', `/v1/agents/${id}`, { name: id, team })).status).toBe(200);
    const key = await s.call('admin', 'POST', '/v1/api-keys', { role: 'agent', name: id });
    expect(key.status).toBe(201);
    keys[id] = key.body.key;
  }
  // The complaints desk's lead is its agent: told when a case moves to the desk.
  const lead = await s.call('admin', 'PUT', '/v1/teams/complaints-desk', {
    caseTypes: ['complaint'],
    minLevel: 2,
    maxLevel: 3,
    lead: DESK,
  });
  expect(lead.status, JSON.stringify(lead.body)).toBe(200);
  // Round the clock, so that seconds-long targets pass whatever the hour the test runs at.
  const policy = await s.call('admin', 'PUT', `/v1/sla-policies/${POLICY}`, {
    calendar: '24x7',
    respondWithin: 'PT1H',
    resolveWithin: 'P3D',
    callbackWithin: 'P1D',
    rateWithin: 'P5D',
  });
  expect(policy.status, JSON.stringify(policy.body)).toBe(200);
});
afterAll(async () => {
  await s?.stop();
});

/** A call with an agent's own key (membership of a team is the agent's). */
async function as(agent: string, method: string, path: string, body?: unknown) {
  const res = await fetch(s.url + path, {
    method,
    headers: { Authorization: `Bearer ${keys[agent]}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as any };
}

async function act(agent: string, id: string, action: string, body: unknown) {
  const r = await as(agent, 'POST', `/v1/cases/${id}/${action}`, body);
  expect(r.status, `${action}: ${JSON.stringify(r.body)}`).toBe(200);
  return r.body;
}

async function openComplaint(policy: Record<string, unknown> = {}) {
  const r = await s.call(
    'integrator',
    'POST',
    '/v1/cases',
    newCaseBody({
      type: 'complaint',
      subject: 'Coating peels off after a week',
      description: 'The second batch of panels peels at the edges.',
      slaPolicy: POLICY,
      ...policy,
    }),
  );
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  expect(r.body).toMatchObject({ assignee: FRONT, team: 'front-line', level: 1 });
  await act(FRONT, r.body.id, 'accept', {});
  return r.body as { id: string; createdAt: string };
}

async function timeline(id: string) {
  const r = await s.call('supervisor', 'GET', `/v1/cases/${id}/timeline`);
  expect(r.status).toBe(200);
  return r.body.items as { type: string; actor: string; data: Record<string, unknown> }[];
}

const ofType = <E extends { type: string }>(items: E[], type: string) => items.filter((e) => e.type === type);

describe('a transfer to a department (转办)', () => {
  it('hands a complaint to quality, whose findings within working time hand it back; then it closes', async () => {
    const c = await openComplaint();
    const before = await as(QUALITY, 'GET', '/v1/cases?team=quality');
    expect(before.body.items.map((i: { id: string }) => i.id)).not.toContain(c.id);
    const sent = await act(FRONT, c.id, 'transfer', {
      team: 'quality',
      reason: 'find the cause of the peeling',
      findingsWithin: 'P2D',
    });
    expect(sent).toMatchObject({ team: 'quality', transfer: { team: 'quality', returnTo: 'front-line' } });
    const transferred = ofType(await timeline(c.id), 'case.transferred')[0]!;
    // working time on the policy's calendar from the transfer
    const due = await s.call('agent', 'POST', '/v1/business-calendars/24x7/due', {
      from: sent.transfer.since,
      duration: 'P2D',
    });
    expect(sent.deadlines.findingsBy).toBe(due.body.due);
    expect(transferred).toMatchObject({
      actor: `agent:${FRONT}`,
      data: {
        team: 'quality',
        from: 'front-line',
        reason: 'find the cause of the peeling',
        findingsBy: due.body.due,
      },
    });
    expect(sent.sla.thresholds).toContainEqual({ clock: 'findings', kind: 'breach', at: due.body.due });

    // the team queue: the department sees it now (the owner's team still does: its agent has it)
    const queue = await as(QUALITY, 'GET', '/v1/cases?team=quality');
    expect(queue.body.items.map((i: { id: string }) => i.id)).toContain(c.id);

    const back = await act(QUALITY, c.id, 'findings', {
      summary: 'Primer cured too short at step 4',
      rootCause: 'process',
    });
    expect(back).toMatchObject({ team: 'front-line', deadlines: { findingsBy: null } });
    expect(back.transfer).toBeUndefined();
    expect(back.sla.thresholds.filter((t: { clock: string }) => t.clock === 'findings')).toEqual([]);
    expect(ofType(await timeline(c.id), 'case.handed_back').map((e) => e.data)).toEqual([
      { team: 'quality', to: 'front-line', owner: FRONT },
    ]);

    await act(FRONT, c.id, 'resolution', { summary: 'Re-coat the batch', remedy: 'repair' });
    await act(FRONT, c.id, 'callback', { reached: true, solved: true });
    const rated = await s.call('integrator', 'POST', `/v1/cases/${c.id}/rating`, { score: 5 });
    expect(rated.body).toMatchObject({ status: 'closed', team: 'front-line', breaches: [] });
  });

  it('is refused back by the department; a second transfer then works, each one on the timeline', async () => {
    const c = await openComplaint();
    await act(FRONT, c.id, 'transfer', { team: 'quality', reason: 'is the sealant defective?' });
    const outsider = await as(FRONT, 'POST', `/v1/cases/${c.id}/refuse-transfer`, { reason: 'not mine' });
    expect(outsider.status).toBe(403);
    expect(outsider.headers.get('content-type')).toContain('application/problem+json');
    // findings by someone outside the department leave the transfer open
    expect(await act(FRONT, c.id, 'findings', { summary: 'customer photos attached' })).toMatchObject({
      team: 'quality',
    });
    const refused = await act(QUALITY, c.id, 'refuse-transfer', { reason: 'installation, not quality' });
    expect(refused).toMatchObject({ team: 'front-line', deadlines: { findingsBy: null } });
    const again = await act(FRONT, c.id, 'transfer', { team: 'quality', reason: 'the sealant after all' });
    expect(again.team).toBe('quality');
    const items = await timeline(c.id);
    expect(ofType(items, 'case.transfer_refused').map((e) => e.data)).toEqual([
      { team: 'quality', to: 'front-line', reason: 'installation, not quality' },
    ]);
    expect(ofType(items, 'case.transferred').map((e) => e.data.reason)).toEqual([
      'is the sealant defective?',
      'the sealant after all',
    ]);
    // a supervisor may refuse for the department
    expect(
      (await s.call('supervisor', 'POST', `/v1/cases/${c.id}/refuse-transfer`, { reason: 'no' })).status,
    ).toBe(200);
  });

  it('breaches a findings clock that runs out, escalates, and the level-2 team takes the case over', async () => {
    const c = await openComplaint();
    await act(FRONT, c.id, 'transfer', { team: 'quality', reason: 'urgent cause', findingsWithin: 'PT2S' });
    let view: any;
    expect(
      await until(async () => {
        view = (await s.call('supervisor', 'GET', `/v1/cases/${c.id}`)).body;
        return view.team === 'complaints-desk';
      }, 20_000),
      JSON.stringify(view),
    ).toBe(true);
    expect(view).toMatchObject({ level: 2, assignee: DESK, deadlines: { findingsBy: null } });
    expect(view.breaches.map((b: { clock: string }) => b.clock)).toEqual(['findings']);
    const items = await timeline(c.id);
    const order = items.map((e) => e.type).filter((t) => /breached|escalated|team_changed|assigned/.test(t));
    expect(order.slice(-4)).toEqual(['sla.breached', 'case.escalated', 'case.team_changed', 'case.assigned']);
    expect(ofType(items, 'case.team_changed')[0]).toMatchObject({
      actor: 'system',
      data: {
        from: 'quality',
        to: 'complaints-desk',
        level: 2,
        cause: 'escalation',
        reason: 'findings deadline missed',
        transferEnded: 'quality',
      },
    });
  });
});

describe('escalation moves the case', () => {
  it('a respond breach moves it to the level-2 team; level 3 to the experts with the manager named', async () => {
    const put = await s.call('admin', 'PUT', `/v1/sla-policies/${POLICY}-fast`, {
      calendar: '24x7',
      respondWithin: 'PT2S',
      resolveWithin: 'P3D',
      callbackWithin: 'P1D',
      rateWithin: 'P5D',
    });
    expect(put.status).toBe(200);
    const r = await s.call(
      'integrator',
      'POST',
      '/v1/cases',
      newCaseBody({ type: 'complaint', slaPolicy: `${POLICY}-fast`, subject: 'Invoice wrong twice' }),
    );
    expect(r.body).toMatchObject({ team: 'front-line', assignee: FRONT });
    let view: any;
    expect(
      await until(async () => {
        view = (await s.call('supervisor', 'GET', `/v1/cases/${r.body.id}`)).body;
        return view.team === 'complaints-desk';
      }, 20_000),
      JSON.stringify(view),
    ).toBe(true);
    expect(view).toMatchObject({ level: 2, assignee: DESK });
    expect(view.breaches).toMatchObject([{ clock: 'respond' }]);
    // The level-2 team's lead is told of the move, the supervisors of the breach, by name.
    const told = await until(async () => {
      const items = (await as(DESK, 'GET', '/v1/notifications')).body.items as any[];
      return items.some((n) => n.caseId === r.body.id && n.type === 'case.team_changed');
    }, 20_000);
    expect(told).toBe(true);
    const notified = ofType(await timeline(r.body.id), 'supervisor.notified')[0]!;
    expect(notified.data.notified).toEqual(expect.arrayContaining([expect.any(String)]));
    const supervisor = (await s.call('supervisor', 'GET', '/v1/notifications')).body.items as any[];
    expect(supervisor.some((n) => n.caseId === r.body.id && n.type === 'sla.breached')).toBe(true);

    const top = await s.call('supervisor', 'POST', `/v1/cases/${r.body.id}/escalate`, {
      reason: 'legal threat',
    });
    expect(top.body).toMatchObject({ level: 3, team: 'experts', assignee: DESK }); // experts has no agent
    // Reports count a case under the team responsible, not its assignee's.
    const from = new Date(Date.now() - 3_600_000).toISOString();
    const to = new Date(Date.now() + 60_000).toISOString();
    const report = await s.call(
      'supervisor',
      'GET',
      `/v1/reports/service-quality?from=${from}&to=${to}&customerId=${encodeURIComponent(r.body.customer.id)}&groupBy=team`,
    );
    expect(report.status, JSON.stringify(report.body)).toBe(200);
    expect(report.body.groups.map((g: { key: string; total: number }) => [g.key, g.total])).toEqual([
      ['experts', 1],
    ]);
    const moves = ofType(await timeline(r.body.id), 'case.team_changed').map((e) => e.data);
    expect(moves).toEqual([
      {
        from: 'front-line',
        to: 'complaints-desk',
        level: 2,
        reason: 'respond deadline missed',
        cause: 'escalation',
      },
      {
        from: 'complaints-desk',
        to: 'experts',
        level: 3,
        reason: 'legal threat',
        cause: 'escalation',
        manager: 'service-manager',
      },
    ]);
  });

  it('takes the team and people an admin sets in the escalation rules', async () => {
    const list = await s.call('supervisor', 'GET', '/v1/escalation-rules');
    expect(list.status).toBe(200);
    expect(list.body.items).toContainEqual({
      level: 2,
      caseType: 'complaint',
      team: 'complaints-desk',
      manager: null,
      notify: [],
    });
    expect(list.body.items).toContainEqual({
      level: 3,
      caseType: null,
      team: 'experts',
      manager: 'service-manager',
      notify: [],
    });
    expect((await s.call('supervisor', 'PUT', '/v1/escalation-rules/2', { team: 'quality' })).status).toBe(
      403,
    );
    const rule = { caseType: 'complaint', team: 'quality', manager: null, notify: ['qa.lead'] };
    const put = await s.call('admin', 'PUT', '/v1/escalation-rules/2', rule);
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    try {
      const c = await openComplaint();
      const up = await act(FRONT, c.id, 'escalate', { reason: 'a quality matter' });
      expect(up).toMatchObject({ level: 2, team: 'quality', assignee: QUALITY });
      expect(ofType(await timeline(c.id), 'case.team_changed')[0]!.data).toMatchObject({
        to: 'quality',
        notify: ['qa.lead'],
      });
      const audit = await s.call('admin', 'GET', '/v1/audit-log?action=escalation_rule.put');
      expect(audit.body.items[0]).toMatchObject({ targetId: '2:complaint', targetType: 'escalation_rule' });
    } finally {
      await s.call('admin', 'PUT', '/v1/escalation-rules/2', {
        ...rule,
        team: 'complaints-desk',
        notify: [],
      });
    }
  });
});

describe('validation', () => {
  it('refuses an unknown team, a bad duration, a transfer before acceptance and bad rules as problem+json', async () => {
    const c = await openComplaint();
    const cases: [string, string, unknown, number][] = [
      [`/v1/cases/${c.id}/transfer`, 'agent', { team: 'nobody-here', reason: 'x' }, 422],
      [`/v1/cases/${c.id}/transfer`, 'agent', { team: 'quality', reason: 'x', findingsWithin: 'P3X' }, 400],
      [`/v1/cases/${c.id}/transfer`, 'agent', { team: 'quality' }, 400],
      [`/v1/cases/${c.id}/transfer`, 'integrator', { team: 'quality', reason: 'x' }, 403],
      [`/v1/cases/${c.id}/refuse-transfer`, 'supervisor', { reason: 'none open' }, 409],
    ];
    for (const [path, role, body, status] of cases) {
      const r = await s.call(role as 'agent', 'POST', path, body);
      expect(r.status, `${path} ${JSON.stringify(body)}: ${JSON.stringify(r.body)}`).toBe(status);
      expect(r.headers.get('content-type')).toContain('application/problem+json');
    }
    const fresh = await s.call(
      'integrator',
      'POST',
      '/v1/cases',
      newCaseBody({ type: 'complaint', slaPolicy: POLICY }),
    );
    const early = await s.call('agent', 'POST', `/v1/cases/${fresh.body.id}/transfer`, {
      team: 'quality',
      reason: 'x',
    });
    expect(early.status).toBe(409);
    // A department that only takes transfers is kept as one by its admin (no case types).
    const dept = await s.call('admin', 'PUT', '/v1/teams/quality', { caseTypes: [], lead: QUALITY });
    expect(dept.status, JSON.stringify(dept.body)).toBe(200);
    const teams = (await s.call('admin', 'GET', '/v1/teams')).body.items as any[];
    expect(teams.find((t) => t.name === 'quality')).toMatchObject({ caseTypes: [], lead: QUALITY });
    for (const [path, body, status] of [
      ['/v1/escalation-rules/2', { team: 'nobody-here' }, 422],
      ['/v1/escalation-rules/1', { team: 'quality' }, 400],
      ['/v1/escalation-rules/2', { team: 'quality', caseType: 'gossip' }, 400],
    ] as const) {
      const r = await s.call('admin', 'PUT', path, body);
      expect(r.status, JSON.stringify(r.body)).toBe(status);
      expect(r.headers.get('content-type')).toContain('application/problem+json');
    }
  });
});
