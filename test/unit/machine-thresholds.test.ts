/**
 * The pure case state machine (domain/case/machine.ts): the SLA thresholds (warnings,
 * breaches, escalation) and the event sequence of a long life.
 * No Temporal, no database: commands and thresholds are applied at explicit instants.
 */
import { describe, expect, it } from 'vitest';
import { TERMINAL_STATUSES } from '../../domain/case/contract.js';
import { fireDueThresholds, nextThreshold } from '../../domain/case/thresholds.js';
import { iso } from '../../domain/time.js';
import {
  M,
  H,
  D,
  utc,
  T0,
  POLICY_BY_PRIORITY,
  openInput,
  officeInput,
  Case,
  types,
  cmd,
  caseIn,
} from '../support/case-machine.js';

describe('thresholds', () => {
  it('warning then breach, each exactly once, the breach recorded at the deadline', () => {
    const c = new Case();
    expect(nextThreshold(c.state)).toEqual({ clock: 'respond', kind: 'warning', at: T0 + H });
    expect(c.tick(T0 + H - 1).events).toEqual([]);

    const warn = c.tick(T0 + H);
    expect(warn.events).toEqual([
      {
        seq: 3,
        at: iso(T0 + H),
        type: 'sla.warning',
        actor: 'sla',
        data: { clock: 'respond', dueAt: iso(T0 + 2 * H) },
      },
    ]);
    const seqAfterWarning = c.state.seq;
    const updatedAt = c.view.updatedAt;
    expect(c.tick(T0 + H).events).toEqual([]);
    expect(c.tick(T0 + H + 30 * M).events).toEqual([]);
    expect(c.state.seq).toBe(seqAfterWarning);
    expect(c.view.updatedAt).toBe(updatedAt);

    expect(nextThreshold(c.state)).toEqual({ clock: 'respond', kind: 'breach', at: T0 + 2 * H });
    const breach = c.tick(T0 + 2 * H);
    expect(breach.events.map((e) => [e.type, e.actor, e.data])).toEqual([
      ['sla.breached', 'sla', { clock: 'respond', at: iso(T0 + 2 * H), detectedAt: iso(T0 + 2 * H) }],
      ['supervisor.notified', 'sla', { reason: 'respond deadline missed' }],
      ['case.escalated', 'sla', { from: 1, to: 2, reason: 'respond deadline missed', cause: 'breach' }],
    ]);
    expect(c.view.breaches).toEqual([{ clock: 'respond', at: iso(T0 + 2 * H) }]);
    expect(c.view.level).toBe(2);
    expect(c.tick(T0 + 2 * H).events).toEqual([]);
    expect(c.tick(T0 + 3 * H).events).toEqual([]);
    // the breached clock still runs (the deadline stays visible) but has no threshold left
    expect(c.deadlines.respondBy).toBe(iso(T0 + 2 * H));
    expect(nextThreshold(c.state)).toEqual({ clock: 'resolve', kind: 'warning', at: T0 + 47 * H });
    // accepting late keeps the breach on record
    c.act(cmd.accept('agent.wang'), T0 + 4 * H);
    expect(c.view.breaches).toEqual([{ clock: 'respond', at: iso(T0 + 2 * H) }]);
  });

  it('detected late, both thresholds fire once, in order, and the breach still records the deadline', () => {
    const c = new Case();
    const o = c.tick(T0 + 5 * H);
    expect(types(o)).toEqual(['sla.warning', 'sla.breached', 'supervisor.notified', 'case.escalated']);
    expect(o.events[1]!.data).toEqual({ clock: 'respond', at: iso(T0 + 2 * H), detectedAt: iso(T0 + 5 * H) });
    expect(c.tick(T0 + 5 * H).events).toEqual([]);
  });

  it('breaches raise the level at most to 3', () => {
    const c = new Case();
    c.tick(T0 + 2 * H); // respond: 1 → 2
    c.act(cmd.accept('agent.wang'), T0 + 3 * H);
    c.act(cmd.findings, T0 + 4 * H);
    c.tick(T0 + 48 * H); // resolve: 2 → 3
    expect(c.view.level).toBe(3);
    c.act(cmd.guidance, T0 + 49 * H); // level 3 → approval
    c.act(cmd.approve, T0 + 50 * H, 'supervisor.chen');
    const o = c.tick(T0 + 74 * H); // callback breach at level 3: no further escalation
    expect(types(o)).toEqual(['sla.warning', 'sla.breached', 'supervisor.notified']);
    expect(c.view.level).toBe(3);
    expect(c.view.breaches).toEqual([
      { clock: 'respond', at: iso(T0 + 2 * H) },
      { clock: 'resolve', at: iso(T0 + 48 * H) },
      { clock: 'callback', at: iso(T0 + 74 * H) },
    ]);
  });

  it('a callback not reached leaves the callback clock to breach at its deadline', () => {
    const c = caseIn('resolved');
    const callbackBy = Date.parse(c.deadlines.callbackBy!);
    c.act(cmd.notReached, c.now + H);
    expect(types(c.tick(callbackBy - H))).toEqual(['sla.warning']);
    expect(c.tick(callbackBy - 1).events).toEqual([]);
    const o = c.tick(callbackBy);
    expect(o.events[0]!.data).toMatchObject({ clock: 'callback', at: iso(callbackBy) });
  });

  it('a pause over a pending warning and breach: nothing fires while paused, each fires once after, recomputed', () => {
    const c = new Case();
    c.act(cmd.accept('agent.wang'), T0 + 5 * M);
    expect(nextThreshold(c.state)).toEqual({ clock: 'resolve', kind: 'warning', at: T0 + 47 * H });
    c.act(cmd.wait, T0 + 46 * H);
    for (const t of [T0 + 47 * H, T0 + 48 * H, T0 + 49 * H]) expect(c.tick(t).events).toEqual([]);
    expect(nextThreshold(c.state)).toBeUndefined();

    c.act(cmd.reply, T0 + 50 * H); // paused 4 h
    expect(c.tick(T0 + 50 * H).events).toEqual([]);
    expect(nextThreshold(c.state)).toEqual({ clock: 'resolve', kind: 'warning', at: T0 + 51 * H });
    expect(c.tick(T0 + 51 * H - 1).events).toEqual([]);
    const warn = c.tick(T0 + 51 * H);
    expect(warn.events.map((e) => [e.type, e.data])).toEqual([
      ['sla.warning', { clock: 'resolve', dueAt: iso(T0 + 52 * H) }],
    ]);
    expect(c.tick(T0 + 51 * H).events).toEqual([]);
    const breach = c.tick(T0 + 52 * H);
    expect(breach.events[0]!.data).toMatchObject({ clock: 'resolve', at: iso(T0 + 52 * H) });
    expect(c.events.filter((e) => e.type === 'sla.warning')).toHaveLength(1);
    expect(c.events.filter((e) => e.type === 'sla.breached')).toHaveLength(1);
  });

  it('a pause after the warning and over the pending breach: the breach fires once, after resume', () => {
    const c = new Case();
    c.act(cmd.accept('agent.wang'), T0 + 5 * M);
    expect(types(c.tick(T0 + 47 * H))).toEqual(['sla.warning']);
    c.act(cmd.wait, T0 + 47 * H + 30 * M);
    expect(c.tick(T0 + 48 * H).events).toEqual([]);
    c.act(cmd.reply, T0 + 50 * H); // paused 2.5 h
    expect(nextThreshold(c.state)).toEqual({ clock: 'resolve', kind: 'breach', at: T0 + 50 * H + 30 * M });
    expect(types(c.tick(T0 + 51 * H))).toEqual(['sla.breached', 'supervisor.notified', 'case.escalated']);
    expect(c.view.breaches).toEqual([{ clock: 'resolve', at: iso(T0 + 50 * H + 30 * M) }]);
  });

  it('on a business calendar a pause over the warning re-evaluates it in working time', () => {
    // Monday 10:00 + P3D: due Thursday 10:00; warning 2 working hours before, Wednesday 17:00
    const c = new Case(officeInput(), utc('2026-06-01T10:00:00'));
    c.act(cmd.accept('agent.wang'), utc('2026-06-01T10:30:00'));
    expect(nextThreshold(c.state)).toEqual({
      clock: 'resolve',
      kind: 'warning',
      at: utc('2026-06-03T17:00:00'),
    });
    c.act(cmd.wait, utc('2026-06-03T16:00:00'));
    expect(c.tick(utc('2026-06-03T17:00:00')).events).toEqual([]);
    expect(c.tick(utc('2026-06-04T10:00:00')).events).toEqual([]);
    c.act(cmd.reply, utc('2026-06-04T11:00:00')); // 4 working hours paused (Wed 16–18, Thu 09–11)
    expect(c.deadlines.resolveBy).toBe(iso(utc('2026-06-04T14:00:00')));
    expect(nextThreshold(c.state)).toEqual({
      clock: 'resolve',
      kind: 'warning',
      at: utc('2026-06-04T12:00:00'),
    });
    expect(types(c.tick(utc('2026-06-04T12:00:00')))).toEqual(['sla.warning']);
    expect(c.tick(utc('2026-06-04T13:59:59')).events).toEqual([]);
    const o = c.tick(utc('2026-06-04T14:00:00'));
    expect(o.events[0]!.data).toMatchObject({ clock: 'resolve', at: iso(utc('2026-06-04T14:00:00')) });
  });

  it('rating expiry closes the case with no rating (no warning for the rate clock)', () => {
    const c = caseIn('awaiting_rating');
    const rateBy = Date.parse(c.deadlines.rateBy!);
    expect(rateBy).toBe(c.now + 7 * D);
    expect(nextThreshold(c.state)).toEqual({ clock: 'rate', kind: 'expiry', at: rateBy });
    expect(c.tick(rateBy - H).events).toEqual([]);
    expect(c.tick(rateBy - 1).events).toEqual([]);
    const o = c.tick(rateBy);
    expect(o.events.map((e) => [e.type, e.data])).toEqual([
      ['sla.rating_expired', { dueAt: iso(rateBy) }],
      ['case.closed', { rating: null, reason: 'no rating before the deadline' }],
    ]);
    expect(c.view).toMatchObject({ status: 'closed', rating: null, closedAt: iso(rateBy), breaches: [] });
    expect(nextThreshold(c.state)).toBeUndefined();
    expect(c.tick(rateBy + D).events).toEqual([]);
  });

  it('a terminal case has no thresholds and fires nothing', () => {
    for (const status of TERMINAL_STATUSES) {
      const c = caseIn(status);
      expect(nextThreshold(c.state)).toBeUndefined();
      expect(fireDueThresholds(c.state, c.now + 30 * D).events).toEqual([]);
    }
  });
});

describe('event sequence', () => {
  it('numbers every event of a long life 1, 2, 3, … and the state keeps the last', () => {
    const c = new Case(openInput({ sla: POLICY_BY_PRIORITY }));
    c.tick(T0 + 4 * H); // respond breach
    c.act(cmd.accept('agent.wang'), T0 + 5 * H);
    c.act({ action: 'notes', text: 'n', visibility: 'internal' });
    c.act(cmd.findings);
    c.act(cmd.wait);
    c.act(cmd.reply);
    c.act({ action: 'priority', priority: 'urgent' });
    c.act(cmd.refund);
    c.act(cmd.disapprove, c.now + M, 'supervisor.chen');
    c.act(cmd.guidance);
    c.act(cmd.notReached);
    c.act(cmd.notSolved);
    c.act({ action: 'extend', clock: 'resolve', by: 'PT2H', reason: 'r' });
    c.act(cmd.guidance); // level 3 now: approval
    c.act(cmd.approve, c.now + M, 'supervisor.chen');
    c.act(cmd.solved);
    c.act(cmd.rating(1));
    c.tick(c.now + 30 * D);
    c.act(cmd.guidance);
    c.act(cmd.approve, c.now + M, 'supervisor.chen');
    c.act(cmd.solved);
    c.tick(c.now + 30 * D); // rating expiry
    expect(c.state.status).toBe('closed');
    expect(c.events.map((e) => e.seq)).toEqual(c.events.map((_, i) => i + 1));
    expect(c.state.seq).toBe(c.events.length);
    expect(c.events.length).toBeGreaterThan(30);
  });
});
