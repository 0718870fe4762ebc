/** Teams own work in the pure machine: transfers, the findings clock, hand-back, refusal, moves. */
import { describe, expect, it } from 'vitest';
import { moveOnEscalation } from '../../domain/case/transfer.js';
import { iso } from '../../domain/time.js';
import {
  Case,
  cmd,
  D,
  expectNotAllowed,
  H,
  M,
  officeInput,
  POLICY_OFFICE,
  T0,
  types,
  utc,
} from '../support/case-machine.js';

const complaint = () => {
  const c = new Case(officeInput({ type: 'complaint', team: 'front-line', assignee: 'agent.wang' }));
  c.act(cmd.accept('agent.wang'));
  return c;
};
const toQuality = {
  action: 'transfer',
  team: 'quality',
  reason: 'find the defect',
  ownerTeam: 'front-line',
} as const;

describe('transfer to a department', () => {
  it('opens with the team the API chose; older inputs without one have none', () => {
    expect(new Case(officeInput({ team: 'front-line' })).view.team).toBe('front-line');
    expect(new Case(officeInput()).view.team).toBeNull();
  });

  it('hands the case to the department and starts the findings clock: three working days by default', () => {
    const c = complaint();
    const o = c.act(toQuality, T0 + H);
    expect(types(o)).toEqual(['case.transferred']);
    // Monday 11:00 + 3 working days of 09:00–18:00 → Thursday 11:00
    const due = iso(utc('2026-06-04T11:00:00'));
    expect(o.events[0]!.data).toEqual({
      team: 'quality',
      from: 'front-line',
      reason: 'find the defect',
      findingsWithin: 'P3D',
      findingsBy: due,
    });
    expect(c.view.team).toBe('quality');
    expect(c.view.transfer).toEqual({ team: 'quality', returnTo: 'front-line', since: iso(T0 + H) });
    expect(c.deadlines.findingsBy).toBe(due);
    expect(c.view.sla.thresholds).toContainEqual({ clock: 'findings', kind: 'breach', at: due });
  });

  it("takes the policy's findingsWithin over the request's, and the request's over the default", () => {
    const own = complaint();
    own.act({ ...toQuality, findingsWithin: 'PT4H' }, T0 + H);
    expect(own.deadlines.findingsBy).toBe(iso(T0 + 5 * H));
    const policy = new Case(
      officeInput({
        type: 'complaint',
        team: 'front-line',
        sla: { ...POLICY_OFFICE, findingsWithin: 'P1D' },
      }),
    );
    policy.act(cmd.accept('agent.wang'));
    policy.act({ ...toQuality, findingsWithin: 'PT4H' }, T0 + H);
    expect(policy.deadlines.findingsBy).toBe(iso(T0 + D + H));
  });

  it('only while investigating, one transfer at a time, never to the team that has it', () => {
    const fresh = new Case(officeInput({ team: 'front-line' }));
    expectNotAllowed(() => fresh.act(toQuality), 'new');
    const c = complaint();
    expectNotAllowed(() => c.act({ ...toQuality, team: 'front-line' }), 'investigating');
    c.act(toQuality);
    expectNotAllowed(() => c.act({ ...toQuality, team: 'rnd' }), 'investigating');
  });

  it("findings by the department stop the clock and hand the case back to the owner's team", () => {
    const c = complaint();
    c.act(toQuality, T0 + H);
    const o = c.act({ ...cmd.findings, byDepartment: true } as never, T0 + 2 * H, 'agent.qa');
    expect(types(o)).toEqual(['case.findings_recorded', 'case.handed_back']);
    expect(o.events[1]!.data).toEqual({ team: 'quality', to: 'front-line', owner: 'agent.wang' });
    expect(c.view.team).toBe('front-line');
    expect(c.view.transfer).toBeUndefined();
    expect(c.deadlines.findingsBy).toBeNull();
    expect(c.state.clocks.findings.state).toBe('stopped');
  });

  it('findings by someone outside the department leave the transfer open', () => {
    const c = complaint();
    c.act(toQuality, T0 + H);
    expect(types(c.act({ ...cmd.findings, byDepartment: false } as never))).toEqual([
      'case.findings_recorded',
    ]);
    expect(c.view.team).toBe('quality');
  });

  it('a refusal sends the case back and stops the clock; a second transfer works and breaches on time', () => {
    const c = complaint();
    expectNotAllowed(() => c.act({ action: 'refuse-transfer', reason: 'no transfer' }), 'investigating');
    c.act(toQuality, T0 + H);
    const o = c.act({ action: 'refuse-transfer', reason: 'not a quality matter' }, T0 + 2 * H, 'agent.qa');
    expect(o.events.map((e) => [e.type, e.data])).toEqual([
      ['case.transfer_refused', { team: 'quality', to: 'front-line', reason: 'not a quality matter' }],
    ]);
    expect(c.view.team).toBe('front-line');
    c.act({ ...toQuality, team: 'rnd', findingsWithin: 'PT2H' }, T0 + 3 * H);
    const breach = c.tick(T0 + 5 * H);
    // (a warning may come first, depending on the policy's warning rule)
    expect(types(breach).filter((t) => t !== 'sla.warning')).toEqual([
      'sla.breached',
      'supervisor.notified',
      'case.escalated',
    ]);
    expect(breach.events.find((e) => e.type === 'sla.breached')!.data).toMatchObject({
      clock: 'findings',
      at: iso(T0 + 5 * H),
    });
    expect(c.state.level).toBe(2);
  });
});

describe('moving on escalation', () => {
  const route = {
    level: 2 as const,
    team: 'complaints-desk',
    assignee: 'agent.li',
    reason: 'findings deadline missed',
  };

  it('moves the case to the level team with its least-loaded agent, ending an open transfer', () => {
    const c = complaint();
    c.act(toQuality, T0 + H);
    c.act(cmd.escalate, T0 + 2 * H, 'supervisor.chen');
    const o = moveOnEscalation(c.state, route, { now: T0 + 2 * H, actor: 'system' });
    expect(o.events.map((e) => [e.type, e.data])).toEqual([
      [
        'case.team_changed',
        {
          from: 'quality',
          to: 'complaints-desk',
          level: 2,
          reason: 'findings deadline missed',
          cause: 'escalation',
          transferEnded: 'quality',
        },
      ],
      ['case.assigned', { assignee: 'agent.li', previous: 'agent.wang' }],
    ]);
    expect(o.state.team).toBe('complaints-desk');
    expect(o.state.transfer).toBeNull();
    expect(o.state.clocks.findings.state).toBe('stopped');
  });

  it('names the manager and keeps the assignee when the team has no agent; stale or same-team routes do nothing', () => {
    const c = complaint();
    c.act(cmd.escalate, T0 + M, 'supervisor.chen');
    c.act(cmd.escalate, T0 + 2 * M, 'supervisor.chen');
    const o = moveOnEscalation(
      c.state,
      { ...route, level: 3, team: 'experts', assignee: null, manager: 'director.liu', notify: ['qa.lead'] },
      { now: T0 + 3 * M, actor: 'system' },
    );
    expect(o.events.map((e) => e.data)).toEqual([
      expect.objectContaining({ to: 'experts', level: 3, manager: 'director.liu', notify: ['qa.lead'] }),
    ]);
    expect(o.state.assignee).toBe('agent.wang');
    expect(moveOnEscalation(c.state, route, { now: T0, actor: 'system' }).events).toEqual([]);
    const here = { ...route, level: 3 as const, team: 'front-line' };
    expect(moveOnEscalation(c.state, here, { now: T0, actor: 'system' }).events).toEqual([]);
  });

  it('a priority change keeps a findings target the transfer gave', () => {
    const c = complaint();
    c.act({ ...toQuality, findingsWithin: 'PT4H' }, T0 + H);
    const before = c.deadlines.findingsBy;
    expect(c.act({ action: 'priority', priority: 'urgent' }).state.clocks.findings.budgetMs).toBe(4 * H);
    expect(c.deadlines.findingsBy).toBe(before);
  });
});
