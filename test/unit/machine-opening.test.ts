/**
 * The pure case state machine (domain/case/machine.ts): opening a case (its events,
 * view and clocks) and which action is allowed in which status (docs/api.md).
 * No Temporal, no database: commands and thresholds are applied at explicit instants.
 */
import { describe, expect, it } from 'vitest';
import { ActionNotAllowed, CASE_ACTIONS, type CaseAction } from '../../domain/case/commands.js';
import { TERMINAL_STATUSES, type CaseStatus } from '../../domain/case/contract.js';
import { applyCommand } from '../../domain/case/machine.js';
import { fireDueThresholds } from '../../domain/case/thresholds.js';
import { iso } from '../../domain/time.js';
import {
  M,
  H,
  D,
  utc,
  T0,
  openInput,
  officeInput,
  Case,
  expectNotAllowed,
  cmd,
  SAMPLE,
  caseIn,
  LIVE_STATUSES,
} from '../support/case-machine.js';

describe('openCase', () => {
  it('opens a new case with the respond and resolve clocks running from the opening instant', () => {
    const c = new Case(openInput({ product: 'VM-200', priority: 'high', level: 2 }));
    expect(c.state.status).toBe('new');
    expect(c.state.seq).toBe(2);
    expect(c.events).toEqual([
      {
        seq: 1,
        at: iso(T0),
        type: 'case.opened',
        actor: 'integrator:erp',
        data: {
          type: 'fault_report',
          channel: 'phone',
          subject: 'Grinder stops after ten minutes',
          customerId: 'cust-1',
          product: 'VM-200',
          externalRef: null,
          slaPolicy: 'test-24x7',
        },
      },
      {
        seq: 2,
        at: iso(T0),
        type: 'case.classified',
        actor: 'system',
        data: { priority: 'high', level: 2, reasons: ['test'] },
      },
    ]);
    expect(c.view).toEqual({
      id: '01JCASE0000000000000000001',
      number: 'CS-2026-000001',
      type: 'fault_report',
      channel: 'phone',
      status: 'new',
      priority: 'high',
      level: 2,
      subject: 'Grinder stops after ten minutes',
      description: 'The mill trips its breaker after about ten minutes of running.',
      customer: { id: 'cust-1', name: 'Li Wei', tier: 'standard', email: 'li.wei@example.com' },
      product: 'VM-200',
      externalRef: null,
      assignee: null,
      owner: null,
      team: null,
      slaPolicy: 'test-24x7',
      deadlines: { respondBy: iso(T0 + 2 * H), resolveBy: iso(T0 + 48 * H), callbackBy: null, rateBy: null },
      // The moments the workflow's timer will fire at: warnings an hour before (warnBefore PT1H).
      sla: {
        calendar: '24x7',
        timeZone: 'UTC',
        thresholds: [
          { clock: 'respond', kind: 'warning', at: iso(T0 + 1 * H) },
          { clock: 'respond', kind: 'breach', at: iso(T0 + 2 * H) },
          { clock: 'resolve', kind: 'warning', at: iso(T0 + 47 * H) },
          { clock: 'resolve', kind: 'breach', at: iso(T0 + 48 * H) },
        ],
        warned: [],
      },
      breaches: [],
      rating: null,
      reopenCount: 0,
      createdAt: iso(T0),
      updatedAt: iso(T0),
      closedAt: null,
      workflowId: 'case:01JCASE0000000000000000001',
    });
  });

  it.each([
    // [opened at, respondBy (PT4H), resolveBy (P3D)] on Mon–Fri 09:00–18:00 UTC
    ['2026-06-01T10:00:00', '2026-06-01T14:00:00', '2026-06-04T10:00:00'], // Monday 10:00
    ['2026-06-06T12:00:00', '2026-06-08T13:00:00', '2026-06-10T18:00:00'], // Saturday noon: 3 whole days
    ['2026-06-05T17:00:00', '2026-06-08T12:00:00', '2026-06-10T17:00:00'], // Friday 17:00
  ])(
    'counts the clocks in working time on a business calendar (opened %s)',
    (opened, respondBy, resolveBy) => {
      const c = new Case(officeInput(), utc(opened));
      expect(c.deadlines.respondBy).toBe(iso(utc(respondBy)));
      expect(c.deadlines.resolveBy).toBe(iso(utc(resolveBy)));
    },
  );

  // createdAt and every clock start from receivedAt, not from the workflow's first task, which can be
  // late by as long as the workers were busy or down.
  it('starts the clocks from receivedAt, as OpenCaseInput documents', () => {
    const received = T0 - 5 * M;
    const c = new Case(openInput({ receivedAt: iso(received) }), T0);
    expect(c.view.createdAt).toBe(iso(received));
    expect(c.deadlines.respondBy).toBe(iso(received + 2 * H));
  });
});

describe('which action is allowed in which status (docs/api.md)', () => {
  const ALLOWED: Record<CaseAction, readonly CaseStatus[] | 'live'> = {
    accept: ['new'],
    assign: 'live',
    reject: ['new', 'investigating'],
    findings: ['investigating'],
    'wait-for-customer': ['investigating'],
    'customer-reply': ['pending_customer'],
    resolution: ['investigating'],
    approval: ['pending_approval'],
    callback: ['resolved'],
    rating: ['awaiting_rating'],
    escalate: 'live',
    notes: 'live',
    withdraw: 'live',
    // needs a running resolve clock: paused while waiting for the customer, stopped once resolved
    extend: ['new', 'investigating', 'pending_approval'],
    priority: 'live',
    transfer: ['investigating'],
    // allowed in any live status, but only while a transfer is open (test/unit/machine-teams.test.ts)
    'refuse-transfer': [],
  };
  const rows = LIVE_STATUSES.flatMap((status) => CASE_ACTIONS.map((action) => [status, action] as const));

  it.each(rows)('in %s, %s', (status, action) => {
    const c = caseIn(status);
    const allowed = ALLOWED[action];
    const ok = allowed === 'live' || allowed.includes(status);
    const run = () => applyCommand(c.state, SAMPLE[action], { now: c.now + M, actor: 'agent.zhang' });
    if (ok) {
      expect(run().events.length).toBeGreaterThan(0);
    } else {
      const err = expectNotAllowed(run, status);
      expect(err.action).toBe(action);
    }
  });

  it.each(TERMINAL_STATUSES.flatMap((status) => CASE_ACTIONS.map((action) => [status, action] as const)))(
    'a %s case refuses %s with ActionNotAllowed carrying the status',
    (status, action) => {
      const c = caseIn(status);
      const err = expectNotAllowed(
        () => applyCommand(c.state, SAMPLE[action], { now: c.now + M, actor: 'agent.zhang' }),
        status,
      );
      expect(err.action).toBe(action);
      expect(err.message).toContain(status);
    },
  );

  it('never changes the state it was given, whether the command succeeds or not', () => {
    const c = caseIn('investigating');
    const before = structuredClone(c.state);
    applyCommand(c.state, cmd.guidance, { now: c.now + M, actor: 'a' });
    expect(() => applyCommand(c.state, cmd.reply, { now: c.now + M, actor: 'a' })).toThrow(ActionNotAllowed);
    fireDueThresholds(c.state, c.now + 100 * D);
    expect(c.state).toEqual(before);
  });
});
