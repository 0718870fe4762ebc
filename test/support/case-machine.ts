/**
 * Fixtures for the pure case machine's unit tests (test/unit/machine-*.test.ts): instants, calendars,
 * SLA policies, an opening input, and a Case that applies commands and thresholds at explicit instants.
 */
import { expect } from 'vitest';
import {
  CALENDAR_24X7,
  type BusinessCalendar,
  type TimeWindow,
  type Weekday,
} from '../../domain/calendar/index.js';
import {
  ActionNotAllowed,
  InvalidCommand,
  type CaseAction,
  type CaseCommand,
} from '../../domain/case/commands.js';
import {
  CASE_STATUSES,
  isTerminal,
  type CaseStatus,
  type Level,
  type Priority,
} from '../../domain/case/contract.js';
import type { Outcome } from '../../domain/case/decision.js';
import { applyCommand } from '../../domain/case/machine.js';
import { openCase, openedAt } from '../../domain/case/opening.js';
import { fireDueThresholds } from '../../domain/case/thresholds.js';
import { toCaseView } from '../../domain/case/view.js';
import type { CaseEvent, CaseState, OpenCaseInput, SlaSnapshot } from '../../domain/case/types.js';
import { iso } from '../../domain/time.js';

export const M = 60_000;
export const H = 60 * M;
export const D = 24 * H;
export const utc = (s: string): number => Date.parse(`${s}Z`);

// 2026-06-01 is a Monday.
export const T0 = utc('2026-06-01T10:00:00');

export const weekOf = (weekdays: TimeWindow[]): Record<Weekday, TimeWindow[]> => ({
  mon: weekdays,
  tue: weekdays,
  wed: weekdays,
  thu: weekdays,
  fri: weekdays,
  sat: [],
  sun: [],
});

/** Monday–Friday 09:00–18:00 UTC. */
export const OFFICE: BusinessCalendar = {
  name: 'office-utc',
  timeZone: 'UTC',
  week: weekOf([['09:00', '18:00']]),
  holidays: [],
};

export const POLICY_24X7: SlaSnapshot = {
  name: 'test-24x7',
  calendar: CALENDAR_24X7,
  respondWithin: 'PT2H',
  resolveWithin: 'PT48H',
  callbackWithin: 'PT24H',
  rateWithin: 'P7D',
  warnBefore: 'PT1H',
};

export const POLICY_OFFICE: SlaSnapshot = {
  name: 'test-office',
  calendar: OFFICE,
  respondWithin: 'PT4H',
  resolveWithin: 'P3D',
  callbackWithin: 'P1D',
  rateWithin: 'P5D',
  warnBefore: 'PT2H',
};

/** Tighter targets for urgent cases; no warnings, so only breaches are thresholds. */
export const POLICY_BY_PRIORITY: SlaSnapshot = {
  name: 'test-by-priority',
  calendar: CALENDAR_24X7,
  respondWithin: 'PT4H',
  resolveWithin: 'PT48H',
  callbackWithin: 'PT24H',
  rateWithin: 'P7D',
  byPriority: { urgent: { respondWithin: 'PT1H', resolveWithin: 'PT8H' }, high: { resolveWithin: 'PT24H' } },
};

export function openInput(
  over: Partial<OpenCaseInput> & { priority?: Priority; level?: Level } = {},
): OpenCaseInput {
  const { priority = 'normal', level = 1, ...rest } = over;
  return {
    id: '01JCASE0000000000000000001',
    number: 'CS-2026-000001',
    type: 'fault_report',
    channel: 'phone',
    subject: 'Grinder stops after ten minutes',
    description: 'The mill trips its breaker after about ten minutes of running.',
    customer: { id: 'cust-1', name: 'Li Wei', tier: 'standard', email: 'li.wei@example.com' },
    classification: { priority, level, reasons: ['test'] },
    sla: POLICY_24X7,
    openedBy: 'integrator:erp',
    receivedAt: iso(T0),
    ...rest,
  };
}
export const officeInput = (over: Partial<OpenCaseInput> = {}) => openInput({ sla: POLICY_OFFICE, ...over });

/** A case under test: applies commands and thresholds at explicit instants and keeps every event. */
export class Case {
  state: CaseState;
  readonly events: CaseEvent[] = [];
  now: number;

  /** Opens the case as the workflow does: from when it was received, if that was before `at`. */
  constructor(input: OpenCaseInput = openInput(), at = T0) {
    // Inputs built with the default receivedAt are received when they open.
    const received = input.receivedAt === iso(T0) ? { ...input, receivedAt: iso(at) } : input;
    const o = openCase(received, { now: openedAt(received, at), actor: input.openedBy });
    this.state = o.state;
    this.events.push(...o.events);
    this.now = at;
  }

  /** Applies a command at `at` (default: one minute after the previous step). */
  act(cmd: CaseCommand, at = this.now + M, actor = 'agent.zhang', fourEyes?: boolean): Outcome {
    const o = applyCommand(this.state, cmd, { now: at, actor, fourEyes });
    this.state = o.state;
    this.events.push(...o.events);
    this.now = at;
    return o;
  }

  tick(at: number): Outcome {
    const o = fireDueThresholds(this.state, at);
    this.state = o.state;
    this.events.push(...o.events);
    this.now = Math.max(this.now, at);
    return o;
  }

  get view() {
    return toCaseView(this.state);
  }
  get deadlines() {
    return this.view.deadlines;
  }
}

export const types = (o: { events: CaseEvent[] }) => o.events.map((e) => e.type);

export function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected the call to throw');
}
export function expectNotAllowed(fn: () => unknown, status: CaseStatus): ActionNotAllowed {
  const err = thrown(fn);
  expect(err).toBeInstanceOf(ActionNotAllowed);
  expect((err as ActionNotAllowed).status).toBe(status);
  return err as ActionNotAllowed;
}
export function expectInvalid(fn: () => unknown): void {
  expect(thrown(fn)).toBeInstanceOf(InvalidCommand);
}

export const cmd = {
  accept: (assignee?: string): CaseCommand => ({ action: 'accept', ...(assignee ? { assignee } : {}) }),
  findings: { action: 'findings', summary: 'bearing worn', rootCause: 'hardware' } as CaseCommand,
  wait: { action: 'wait-for-customer', question: 'Which firmware version?' } as CaseCommand,
  reply: { action: 'customer-reply', message: 'v2.3.1' } as CaseCommand,
  guidance: { action: 'resolution', summary: 'lubricate the bearing', remedy: 'guidance' } as CaseCommand,
  refund: { action: 'resolution', summary: 'refund the part', remedy: 'refund', amount: 120 } as CaseCommand,
  approve: { action: 'approval', decision: 'approve', comment: 'ok' } as CaseCommand,
  disapprove: { action: 'approval', decision: 'reject', comment: 'too expensive' } as CaseCommand,
  solved: { action: 'callback', reached: true, solved: true } as CaseCommand,
  notSolved: { action: 'callback', reached: true, solved: false, notes: 'still trips' } as CaseCommand,
  notReached: { action: 'callback', reached: false, solved: false, notes: 'no answer' } as CaseCommand,
  rating: (score: number, comment?: string): CaseCommand => ({ action: 'rating', score, comment }),
  escalate: { action: 'escalate', reason: 'customer is a hospital' } as CaseCommand,
};

/** One valid command per action, used where only the status decides. */
export const SAMPLE: { [A in CaseAction]: Extract<CaseCommand, { action: A }> } = {
  accept: { action: 'accept', assignee: 'agent.wang' },
  assign: { action: 'assign', assignee: 'agent.zhao' },
  reject: { action: 'reject', reason: 'out of scope' },
  findings: { action: 'findings', summary: 'bearing worn' },
  'wait-for-customer': { action: 'wait-for-customer', question: 'serial number?' },
  'customer-reply': { action: 'customer-reply', message: 'SN-42' },
  resolution: { action: 'resolution', summary: 'guide the customer', remedy: 'guidance' },
  approval: { action: 'approval', decision: 'approve' },
  callback: { action: 'callback', reached: true, solved: true },
  rating: { action: 'rating', score: 4 },
  escalate: { action: 'escalate', reason: 'complex' },
  notes: { action: 'notes', text: 'called the plant', visibility: 'internal' },
  withdraw: { action: 'withdraw', reason: 'customer fixed it' },
  extend: { action: 'extend', clock: 'resolve', by: 'PT1H', reason: 'waiting for a part' },
  priority: { action: 'priority', priority: 'urgent', reason: 'line stopped' },
  transfer: { action: 'transfer', team: 'quality', reason: 'find the cause of the defect' },
  'refuse-transfer': { action: 'refuse-transfer', reason: 'not our process' },
};

/** A 24x7 case driven to `status` by the shortest legal path (investigating has findings recorded). */
export function caseIn(status: CaseStatus, input: OpenCaseInput = openInput()): Case {
  const c = new Case(input);
  const investigate = () => {
    c.act(cmd.accept('agent.wang'));
    c.act(cmd.findings);
  };
  switch (status) {
    case 'new':
      break;
    case 'investigating':
      investigate();
      break;
    case 'pending_customer':
      investigate();
      c.act(cmd.wait);
      break;
    case 'pending_approval':
      investigate();
      c.act(cmd.refund);
      break;
    case 'resolved':
      investigate();
      c.act(cmd.guidance);
      break;
    case 'awaiting_rating':
      investigate();
      c.act(cmd.guidance);
      c.act(cmd.solved);
      break;
    case 'closed':
      investigate();
      c.act(cmd.guidance);
      c.act(cmd.solved);
      c.act(cmd.rating(5));
      break;
    case 'rejected':
      c.act({ action: 'reject', reason: 'not our product' });
      break;
    case 'withdrawn':
      c.act({ action: 'withdraw', reason: 'solved it themselves' });
      break;
  }
  expect(c.state.status).toBe(status);
  return c;
}

export const LIVE_STATUSES = CASE_STATUSES.filter((s) => !isTerminal(s));
