/**
 * The pure case state machine (domain/case/machine.ts): extending an SLA clock and
 * changing the priority, and how the deadlines move.
 * No Temporal, no database: commands and thresholds are applied at explicit instants.
 */
import { describe, expect, it } from 'vitest';
import { applyCommand } from '../../domain/case/machine.js';
import { nextThreshold } from '../../domain/case/thresholds.js';
import type { SlaSnapshot } from '../../domain/case/types.js';
import { iso } from '../../domain/time.js';
import {
  M,
  H,
  utc,
  T0,
  POLICY_OFFICE,
  POLICY_BY_PRIORITY,
  openInput,
  officeInput,
  Case,
  types,
  expectNotAllowed,
  expectInvalid,
  cmd,
  caseIn,
} from '../support/case-machine.js';

describe('extend', () => {
  it('until: moves the deadline to that instant and announces it (sla.extended)', () => {
    const c = caseIn('investigating');
    const o = c.act({ action: 'extend', clock: 'resolve', until: iso(T0 + 60 * H), reason: 'part on order' });
    expect(o.events.map((e) => [e.type, e.data])).toEqual([
      [
        'sla.extended',
        {
          clock: 'resolve',
          from: iso(T0 + 48 * H),
          to: iso(T0 + 60 * H),
          reason: 'part on order',
          customerFacing: true,
        },
      ],
    ]);
    expect(c.deadlines.resolveBy).toBe(iso(T0 + 60 * H));
  });

  it('by: moves the deadline later by that much, counted on the calendar from the current deadline', () => {
    const c = caseIn('investigating');
    c.act({ action: 'extend', clock: 'resolve', by: 'PT4H', reason: 'r' });
    expect(c.deadlines.resolveBy).toBe(iso(T0 + 52 * H));

    const o = new Case(officeInput(), utc('2026-06-01T10:00:00')); // resolve due Thursday 10:00
    o.act({ action: 'extend', clock: 'resolve', by: 'P1D', reason: 'r' });
    expect(o.deadlines.resolveBy).toBe(iso(utc('2026-06-05T10:00:00')));
    o.act({ action: 'extend', clock: 'resolve', by: 'PT9H', reason: 'r' }); // over the weekend
    expect(o.deadlines.resolveBy).toBe(iso(utc('2026-06-08T10:00:00')));
  });

  it('an extended deadline still moves with a later pause, and its warning moves with it', () => {
    const c = new Case();
    c.act(cmd.accept('agent.wang'), T0 + 10 * M);
    c.act({ action: 'extend', clock: 'resolve', by: 'PT12H', reason: 'r' }, T0 + H);
    expect(nextThreshold(c.state)).toEqual({ clock: 'resolve', kind: 'warning', at: T0 + 59 * H });
    c.act(cmd.wait, T0 + 10 * H);
    c.act(cmd.reply, T0 + 12 * H);
    expect(c.deadlines.resolveBy).toBe(iso(T0 + 62 * H));
    expect(c.tick(T0 + 47 * H).events).toEqual([]);
    expect(types(c.tick(T0 + 61 * H))).toEqual(['sla.warning']);
    // The warning left the thresholds; the view still says the clock is in its warning phase.
    expect(c.view.sla?.thresholds.some((t) => t.clock === 'resolve' && t.kind === 'warning')).toBe(false);
    expect(c.view.sla?.warned).toEqual(['resolve']);
  });

  // BUG (applyCommand, case 'extend', in domain/case/machine.ts): the "must be later" check compares the
  // requested instant, not the deadline that results. When no working time lies between the current
  // deadline and `until` (18:00 extended to 20:00 the same evening, or to 08:00 the next morning), extraMs
  // grows by 0 and the deadline stays put, yet a customer-facing `sla.extended` goes out with from === to.
  it('refuses an extension that adds no working time (the deadline would not move)', () => {
    const c = new Case(officeInput(), utc('2026-06-01T10:00:00'));
    c.act(cmd.accept('agent.wang'), utc('2026-06-01T10:30:00'));
    c.act(cmd.wait, utc('2026-06-01T11:00:00'));
    c.act(cmd.reply, utc('2026-06-02T10:00:00'));
    expect(c.deadlines.resolveBy).toBe(iso(utc('2026-06-04T18:00:00')));
    const run = () =>
      applyCommand(
        c.state,
        { action: 'extend', clock: 'resolve', until: iso(utc('2026-06-04T20:00:00')), reason: 'r' },
        { now: utc('2026-06-02T11:00:00'), actor: 'agent.zhang' },
      );
    // What happens today: an announcement that moves nothing.
    //   sla.extended { from: 2026-06-04T18:00Z, to: 2026-06-04T18:00Z }
    expectInvalid(run);
  });

  it('refuses a deadline that is not later (InvalidCommand) and a clock that is not running (ActionNotAllowed)', () => {
    const c = caseIn('investigating');
    expectInvalid(() => c.act({ action: 'extend', clock: 'resolve', until: iso(T0 + 47 * H), reason: 'r' }));
    expectInvalid(() => c.act({ action: 'extend', clock: 'resolve', until: 'not a time', reason: 'r' }));
    expectNotAllowed(
      () => c.act({ action: 'extend', clock: 'respond', by: 'PT1H', reason: 'r' }),
      'investigating',
    );
    expectNotAllowed(
      () => c.act({ action: 'extend', clock: 'callback', by: 'PT1H', reason: 'r' }),
      'investigating',
    );
  });
});

describe('priority change', () => {
  it('re-targets the running clocks from their start (policy byPriority)', () => {
    const c = new Case(openInput({ sla: POLICY_BY_PRIORITY }));
    expect(c.deadlines).toMatchObject({ respondBy: iso(T0 + 4 * H), resolveBy: iso(T0 + 48 * H) });
    const o = c.act({ action: 'priority', priority: 'urgent', reason: 'line stopped' }, T0 + 30 * M);
    expect(o.events.map((e) => [e.type, e.data])).toEqual([
      ['case.priority_changed', { from: 'normal', to: 'urgent', reason: 'line stopped' }],
    ]);
    expect(c.view.priority).toBe('urgent');
    expect(c.deadlines).toMatchObject({ respondBy: iso(T0 + H), resolveBy: iso(T0 + 8 * H) });
    // a priority without its own targets falls back to the policy's
    c.act({ action: 'priority', priority: 'low' }, T0 + 45 * M);
    expect(c.deadlines).toMatchObject({ respondBy: iso(T0 + 4 * H), resolveBy: iso(T0 + 48 * H) });
    c.act({ action: 'priority', priority: 'high' }, T0 + 50 * M);
    expect(c.deadlines).toMatchObject({ respondBy: iso(T0 + 4 * H), resolveBy: iso(T0 + 24 * H) });
    const same = expectNotAllowed(() => c.act({ action: 'priority', priority: 'high' }), 'new');
    expect(same.current).toEqual({ priority: 'high' });
  });

  it('keeps elapsed and paused time: only the budget changes', () => {
    const c = new Case(openInput({ sla: POLICY_BY_PRIORITY }));
    c.act(cmd.accept('agent.wang'), T0 + 10 * M);
    c.act(cmd.wait, T0 + H);
    c.act(cmd.reply, T0 + 3 * H);
    c.act({ action: 'priority', priority: 'urgent' }, T0 + 4 * H);
    // 8 h of budget counted from the opening, 2 h of it paused
    expect(c.deadlines.resolveBy).toBe(iso(T0 + 10 * H));
    // a change while paused takes effect on resume
    const p = new Case(openInput({ sla: POLICY_BY_PRIORITY }));
    p.act(cmd.accept('agent.wang'), T0 + 10 * M);
    p.act(cmd.wait, T0 + H);
    p.act({ action: 'priority', priority: 'urgent' }, T0 + 2 * H);
    p.act(cmd.reply, T0 + 3 * H);
    expect(p.deadlines.resolveBy).toBe(iso(T0 + 10 * H));
  });

  it('on a business calendar the new budget counts from the clock start in working time', () => {
    const sla: SlaSnapshot = {
      ...POLICY_OFFICE,
      warnBefore: undefined,
      byPriority: { urgent: { resolveWithin: 'PT8H' } },
    };
    const c = new Case(officeInput({ sla }), utc('2026-06-01T10:00:00'));
    expect(c.deadlines.resolveBy).toBe(iso(utc('2026-06-04T10:00:00')));
    c.act({ action: 'priority', priority: 'urgent' }, utc('2026-06-01T15:00:00'));
    expect(c.deadlines.resolveBy).toBe(iso(utc('2026-06-01T18:00:00')));
  });

  it('a tighter target that already passed is breached at once, at the re-targeted deadline', () => {
    const c = new Case(openInput({ sla: POLICY_BY_PRIORITY }));
    c.act(cmd.accept('agent.wang'), T0 + 10 * M);
    c.act({ action: 'priority', priority: 'urgent' }, T0 + 9 * H);
    const o = c.tick(T0 + 9 * H);
    expect(types(o)).toEqual(['sla.breached', 'supervisor.notified', 'case.escalated']);
    expect(o.events[0]!.data).toEqual({ clock: 'resolve', at: iso(T0 + 8 * H), detectedAt: iso(T0 + 9 * H) });
    expect(c.view.breaches).toEqual([{ clock: 'resolve', at: iso(T0 + 8 * H) }]);
  });
});
