/**
 * The pure case state machine (domain/case/machine.ts): accept, assign, reject,
 * findings, waiting for the customer, resolution and approval (four eyes).
 * No Temporal, no database: commands and thresholds are applied at explicit instants.
 */
import { describe, expect, it } from 'vitest';
import { ActionNotAllowed } from '../../domain/case/commands.js';
import { nextThreshold } from '../../domain/case/thresholds.js';
import { iso } from '../../domain/time.js';
import {
  M,
  H,
  utc,
  T0,
  openInput,
  officeInput,
  Case,
  types,
  expectNotAllowed,
  cmd,
  caseIn,
} from '../support/case-machine.js';

describe('accept, assign, reject', () => {
  it('accept: new → investigating, assigns, sets the owner and stops the respond clock', () => {
    const c = new Case();
    const o = c.act(cmd.accept('agent.wang'), T0 + 30 * M, 'agent.zhang');
    expect(types(o)).toEqual(['case.assigned', 'case.accepted']);
    expect(o.events[0]!.data).toEqual({ assignee: 'agent.wang', previous: null });
    expect(o.events[1]!.data).toEqual({ assignee: 'agent.wang', owner: 'agent.wang' });
    expect(c.view).toMatchObject({ status: 'investigating', assignee: 'agent.wang', owner: 'agent.wang' });
    expect(c.state.acceptedAt).toBe(iso(T0 + 30 * M));
    expect(c.deadlines).toEqual({
      respondBy: null,
      resolveBy: iso(T0 + 48 * H),
      callbackBy: null,
      rateBy: null,
    });
    expect(c.view.updatedAt).toBe(iso(T0 + 30 * M));
  });

  it('accept without an assignee keeps the current assignee, or takes the actor', () => {
    const pre = new Case();
    pre.act({ action: 'assign', assignee: 'agent.li' }, T0 + M, 'system');
    const o = pre.act(cmd.accept(), T0 + 2 * M, 'agent.zhang');
    expect(types(o)).toEqual(['case.accepted']);
    expect(pre.view).toMatchObject({ assignee: 'agent.li', owner: 'agent.li' });

    const bare = new Case();
    bare.act(cmd.accept(), T0 + M, 'agent.zhang');
    expect(bare.view).toMatchObject({ assignee: 'agent.zhang', owner: 'agent.zhang' });
  });

  it('assign records the previous assignee; assigning the same person again is not allowed (409)', () => {
    const c = caseIn('investigating');
    const o = c.act({ action: 'assign', assignee: 'agent.zhao' });
    expect(o.events.map((e) => [e.type, e.data])).toEqual([
      ['case.assigned', { assignee: 'agent.zhao', previous: 'agent.wang' }],
    ]);
    expect(c.view.owner).toBe('agent.wang'); // first-contact responsibility stays
    const again = expectNotAllowed(
      () => c.act({ action: 'assign', assignee: 'agent.zhao' }),
      'investigating',
    );
    expect(again.current).toEqual({ assignee: 'agent.zhao' });
  });

  it.each(['new', 'investigating'] as const)(
    'reject from %s → rejected, closed, every clock stopped',
    (from) => {
      const c = caseIn(from);
      const o = c.act({ action: 'reject', reason: 'not our product' }, c.now + M);
      expect(types(o)).toEqual(['case.rejected']);
      expect(o.events[0]!.data).toEqual({ reason: 'not our product' });
      expect(c.view).toMatchObject({ status: 'rejected', closedAt: iso(c.now) });
      expect(c.deadlines).toEqual({ respondBy: null, resolveBy: null, callbackBy: null, rateBy: null });
      expect(nextThreshold(c.state)).toBeUndefined();
    },
  );
});

describe('findings, waiting for the customer', () => {
  it('findings are recorded only while investigating', () => {
    expectNotAllowed(() => caseIn('new').act(cmd.findings), 'new');
    expectNotAllowed(() => caseIn('pending_customer').act(cmd.findings), 'pending_customer');
    const c = new Case();
    c.act(cmd.accept('agent.wang'));
    const o = c.act({ action: 'findings', summary: 'worn bearing', rootCause: 'hardware', onSite: true });
    expect(o.events.map((e) => [e.type, e.data])).toEqual([
      ['case.findings_recorded', { summary: 'worn bearing', rootCause: 'hardware', onSite: true }],
    ]);
    expect(c.state).toMatchObject({ findingsRecorded: true, onSite: true, status: 'investigating' });
  });

  it('wait-for-customer pauses the resolve clock; customer-reply resumes it, later by the paused time', () => {
    const c = new Case();
    c.act(cmd.accept('agent.wang'), T0 + 10 * M);
    const w = c.act(cmd.wait, T0 + 5 * H);
    expect(types(w)).toEqual(['case.waiting_for_customer']);
    expect(c.state.status).toBe('pending_customer');
    expect(c.state.clocks.resolve.state).toBe('paused');
    // while paused nothing is due: the resolve deadline is not known until the customer answers
    expect(c.deadlines.resolveBy).toBeNull();
    expect(nextThreshold(c.state)).toBeUndefined();

    const r = c.act(cmd.reply, T0 + 9 * H + 30 * M);
    expect(types(r)).toEqual(['case.customer_replied']);
    expect(c.state.status).toBe('investigating');
    expect(c.deadlines.resolveBy).toBe(iso(T0 + 48 * H + 4 * H + 30 * M));

    // a second pause adds up
    c.act(cmd.wait, T0 + 20 * H);
    c.act(cmd.reply, T0 + 21 * H);
    expect(c.deadlines.resolveBy).toBe(iso(T0 + 48 * H + 5 * H + 30 * M));
  });

  it('a pause on a business calendar moves the deadline by the paused working time, not wall-clock time', () => {
    // Monday 10:00 + P3D = Thursday 10:00
    const c = new Case(officeInput(), utc('2026-06-01T10:00:00'));
    c.act(cmd.accept('agent.wang'), utc('2026-06-01T10:30:00'));
    expect(c.deadlines.resolveBy).toBe(iso(utc('2026-06-04T10:00:00')));
    // paused Monday 11:00 → Tuesday 10:00: 23 h of wall-clock time, 8 h of working time (11–18, 09–10)
    c.act(cmd.wait, utc('2026-06-01T11:00:00'));
    c.act(cmd.reply, utc('2026-06-02T10:00:00'));
    // Thursday 10:00 + 8 working hours runs out exactly at 18:00, which is then the due moment
    expect(c.deadlines.resolveBy).toBe(iso(utc('2026-06-04T18:00:00')));
  });

  it('customer-reply only while pending_customer; wait-for-customer only while investigating', () => {
    expectNotAllowed(() => caseIn('investigating').act(cmd.reply), 'investigating');
    expectNotAllowed(() => caseIn('new').act(cmd.wait), 'new');
    expectNotAllowed(() => caseIn('pending_customer').act(cmd.wait), 'pending_customer');
  });
});

describe('resolution and approval', () => {
  it('needs findings first (ActionNotAllowed, status investigating)', () => {
    const c = new Case();
    c.act(cmd.accept('agent.wang'));
    const err = expectNotAllowed(() => c.act(cmd.guidance), 'investigating');
    expect(err.message).toMatch(/findings/);
  });

  it('guidance at level 1 → resolved: the resolve clock stops, the callback clock starts', () => {
    const c = caseIn('investigating');
    const at = T0 + 3 * H;
    const o = c.act(cmd.guidance, at);
    expect(types(o)).toEqual(['case.resolution_proposed', 'case.resolved']);
    expect(o.events[0]!.data).toMatchObject({ remedy: 'guidance', needsApproval: false });
    expect(c.state).toMatchObject({ status: 'resolved', resolvedAt: iso(at), firstContactResolution: true });
    expect(c.deadlines).toEqual({
      respondBy: null,
      resolveBy: null,
      callbackBy: iso(at + 24 * H),
      rateBy: null,
    });
  });

  it.each(['replace', 'refund', 'compensation'] as const)(
    'a costly remedy (%s) → pending_approval',
    (remedy) => {
      const c = caseIn('investigating');
      const o = c.act({ action: 'resolution', summary: 'pay', remedy, amount: 50 });
      expect(types(o)).toEqual(['case.resolution_proposed', 'case.approval_requested']);
      expect(o.events[1]!.data).toEqual({ remedy, amount: 50, level: 1 });
      expect(c.state.status).toBe('pending_approval');
      // the resolve clock keeps running while the supervisor decides
      expect(c.deadlines.resolveBy).toBe(iso(T0 + 48 * H));
      expect(c.deadlines.callbackBy).toBeNull();
    },
  );

  it.each(['repair', 'guidance', 'other'] as const)('a level-3 case needs approval even for %s', (remedy) => {
    const c = caseIn('investigating', openInput({ level: 3 }));
    const o = c.act({ action: 'resolution', summary: 'fix', remedy });
    expect(o.events[0]!.data).toMatchObject({ needsApproval: true });
    expect(c.state.status).toBe('pending_approval');
  });

  it('approval approve → resolved with the proposed resolution', () => {
    const c = caseIn('pending_approval');
    const at = c.now + H;
    const o = c.act(cmd.approve, at, 'supervisor.chen');
    expect(types(o)).toEqual(['case.approved', 'case.resolved']);
    expect(o.events[1]!.data).toEqual({
      resolution: { summary: 'refund the part', remedy: 'refund', amount: 120 },
    });
    expect(c.state.status).toBe('resolved');
    expect(c.deadlines).toMatchObject({ resolveBy: null, callbackBy: iso(at + 24 * H) });
  });

  describe('four eyes', () => {
    const proposedBy = (actor: string) => {
      const c = caseIn('investigating');
      c.act(cmd.refund, c.now + M, actor);
      expect(c.state.status).toBe('pending_approval');
      return c;
    };

    it('refuses an approval by the proposer (same person, any role) when the deployment asks for it', () => {
      const c = proposedBy('supervisor:li.na');
      for (const approver of ['supervisor:li.na', 'admin:li.na']) {
        expect(() => c.act(cmd.approve, c.now + M, approver, true)).toThrow(ActionNotAllowed);
        expect(() => c.act(cmd.approve, c.now + M, approver, true)).toThrow(/four-eyes/);
      }
      expect(c.state.status).toBe('pending_approval');
      // the proposer may still withdraw their own proposal
      c.act(cmd.disapprove, c.now + M, 'supervisor:li.na', true);
      expect(c.state.status).toBe('investigating');
    });

    it('takes the approval of someone else, and records who proposed it', () => {
      const c = proposedBy('supervisor:li.na');
      const o = c.act(cmd.approve, c.now + M, 'supervisor:wang.wu', true);
      expect(o.events[0]).toMatchObject({
        type: 'case.approved',
        actor: 'supervisor:wang.wu',
        data: { proposedBy: 'supervisor:li.na' },
      });
    });

    it('lets the proposer approve when the deployment switched the rule off, or for proposals made before it', () => {
      const c = proposedBy('supervisor:li.na');
      expect(c.act(cmd.approve, c.now + M, 'supervisor:li.na', false).events[0]!.type).toBe('case.approved');
      const old = proposedBy('supervisor:li.na');
      delete old.state.proposedBy;
      expect(old.act(cmd.approve, old.now + M, 'supervisor:li.na', true).events[0]!.type).toBe(
        'case.approved',
      );
    });
  });

  it('approval reject → investigating, the proposal dropped, the resolve clock still running', () => {
    const c = caseIn('pending_approval');
    const o = c.act(cmd.disapprove, c.now + H, 'supervisor.chen');
    expect(types(o)).toEqual(['case.approval_rejected']);
    expect(o.events[0]!.data).toEqual({ comment: 'too expensive', proposedBy: 'agent.zhang' });
    expect(c.state).toMatchObject({ status: 'investigating', resolution: null });
    expect(c.deadlines.resolveBy).toBe(iso(T0 + 48 * H));
    // findings stay recorded: a new proposal can follow at once
    c.act(cmd.guidance);
    expect(c.state.status).toBe('resolved');
  });
});
