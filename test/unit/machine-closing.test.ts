/**
 * The pure case state machine (domain/case/machine.ts): callback, rating, escalate,
 * notes and withdraw.
 * No Temporal, no database: commands and thresholds are applied at explicit instants.
 */
import { describe, expect, it } from 'vitest';
import { fireDueThresholds, nextThreshold } from '../../domain/case/thresholds.js';
import { iso } from '../../domain/time.js';
import {
  M,
  H,
  D,
  openInput,
  types,
  expectNotAllowed,
  expectInvalid,
  cmd,
  caseIn,
  LIVE_STATUSES,
} from '../support/case-machine.js';

describe('callback', () => {
  it('not reached: stays resolved, the attempt is recorded, the callback clock keeps running', () => {
    const c = caseIn('resolved');
    const callbackBy = c.deadlines.callbackBy;
    // solved without reaching anybody means nothing
    const o = c.act({ action: 'callback', reached: false, solved: true }, c.now + H);
    expect(o.events.map((e) => [e.type, e.data])).toEqual([
      ['case.callback', { reached: false, solved: false, notes: null, attempt: 1 }],
    ]);
    c.act(cmd.notReached, c.now + H);
    expect(c.state).toMatchObject({ status: 'resolved', callbackAttempts: 2 });
    expect(c.deadlines.callbackBy).toBe(callbackBy);
  });

  it('solved → awaiting_rating: the callback clock stops, the rate clock starts', () => {
    const c = caseIn('resolved');
    const at = c.now + 2 * H;
    const o = c.act(cmd.solved, at);
    expect(types(o)).toEqual(['case.callback']);
    expect(c.state.status).toBe('awaiting_rating');
    expect(c.deadlines).toEqual({
      respondBy: null,
      resolveBy: null,
      callbackBy: null,
      rateBy: iso(at + 7 * D),
    });
  });

  it('not solved → investigating, reopenCount+1, level+1, a fresh resolve budget; earlier findings still count', () => {
    const c = caseIn('resolved');
    const at = c.now + 5 * H;
    const o = c.act(cmd.notSolved, at);
    expect(types(o)).toEqual(['case.callback', 'case.reopened', 'case.escalated']);
    expect(o.events[1]!.data).toMatchObject({ reopenCount: 1 });
    expect(o.events[2]!.data).toMatchObject({ from: 1, to: 2, cause: 'reopen' });
    expect(c.view).toMatchObject({ status: 'investigating', reopenCount: 1, level: 2 });
    expect(c.deadlines).toEqual({
      respondBy: null,
      resolveBy: iso(at + 48 * H),
      callbackBy: null,
      rateBy: null,
    });
    expect(c.state.resolution).toBeNull();

    c.act(cmd.guidance);
    expect(c.state).toMatchObject({ status: 'resolved', firstContactResolution: false });
  });

  it('not solved at level 3 reopens without going past level 3', () => {
    const c = caseIn('pending_approval', openInput({ level: 3 }));
    c.act(cmd.approve);
    const o = c.act(cmd.notSolved);
    expect(types(o)).toEqual(['case.callback', 'case.reopened']);
    expect(c.view).toMatchObject({ level: 3, reopenCount: 1 });
  });
});

describe('rating', () => {
  it('a good rating closes the case with the rating', () => {
    const c = caseIn('awaiting_rating');
    const o = c.act(cmd.rating(5, 'fast and friendly'), c.now + D);
    expect(types(o)).toEqual(['case.rated', 'case.closed']);
    expect(c.view).toMatchObject({
      status: 'closed',
      rating: { score: 5, comment: 'fast and friendly' },
      closedAt: iso(c.now),
    });
    expect(c.deadlines).toEqual({ respondBy: null, resolveBy: null, callbackBy: null, rateBy: null });
  });

  it('3 is not a poor rating', () => {
    const c = caseIn('awaiting_rating');
    c.act(cmd.rating(3));
    expect(c.state.status).toBe('closed');
  });

  it('a poor rating (≤ 2) reopens once and tells the supervisor; a second poor rating closes', () => {
    const c = caseIn('awaiting_rating');
    const at = c.now + H;
    const o = c.act(cmd.rating(2, 'slow'), at, 'integrator:erp');
    expect(types(o)).toEqual(['case.rated', 'supervisor.notified', 'case.reopened', 'case.escalated']);
    expect(o.events[1]!.actor).toBe('system');
    expect(c.view).toMatchObject({ status: 'investigating', level: 2, reopenCount: 1, closedAt: null });
    expect(c.deadlines).toEqual({
      respondBy: null,
      resolveBy: iso(at + 48 * H),
      callbackBy: null,
      rateBy: null,
    });

    c.act(cmd.guidance);
    c.act(cmd.solved);
    const again = c.act(cmd.rating(1, 'still bad'));
    expect(types(again)).toEqual(['case.rated', 'case.closed']);
    expect(c.view).toMatchObject({
      status: 'closed',
      rating: { score: 1, comment: 'still bad' },
      reopenCount: 1,
    });
  });

  it.each([0, 6, 2.5, Number.NaN])('a score of %s is an InvalidCommand', (score) => {
    const c = caseIn('awaiting_rating');
    expectInvalid(() => c.act(cmd.rating(score)));
  });
});

describe('escalate, notes, withdraw', () => {
  it('escalate raises the level up to 3, then is not allowed (409, naming the level)', () => {
    const c = caseIn('investigating');
    const one = c.act(cmd.escalate);
    expect(one.events.map((e) => [e.type, e.data])).toEqual([
      ['case.escalated', { from: 1, to: 2, reason: 'customer is a hospital', cause: 'manual' }],
    ]);
    c.act(cmd.escalate);
    expect(c.view.level).toBe(3);
    expect(expectNotAllowed(() => c.act(cmd.escalate), 'investigating').current).toEqual({ level: 3 });
    expect(c.view.level).toBe(3);
  });

  it.each(LIVE_STATUSES)('notes are added in %s without changing the status', (status) => {
    const c = caseIn(status);
    const o = c.act({ action: 'notes', text: 'spoke to the plant manager', visibility: 'public' });
    expect(o.events.map((e) => [e.type, e.data])).toEqual([
      ['case.note_added', { text: 'spoke to the plant manager', visibility: 'public' }],
    ]);
    expect(c.state.status).toBe(status);
  });

  it.each(LIVE_STATUSES)('withdraw from %s → withdrawn, every clock stopped', (status) => {
    const c = caseIn(status);
    const o = c.act({ action: 'withdraw', reason: 'solved it themselves' }, c.now + M, 'integrator:erp');
    expect(types(o)).toEqual(['case.withdrawn']);
    expect(c.view).toMatchObject({ status: 'withdrawn', closedAt: iso(c.now) });
    expect(c.deadlines).toEqual({ respondBy: null, resolveBy: null, callbackBy: null, rateBy: null });
    expect(nextThreshold(c.state)).toBeUndefined();
    expect(fireDueThresholds(c.state, c.now + 365 * D).events).toEqual([]);
  });
});
