/**
 * The cases whose histories scripts/record-histories.ts records: their calendars, policies and
 * scenarios (each ends in a terminal status, so each history is complete).
 */
import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { CALENDAR_24X7, type BusinessCalendar } from '../domain/calendar/index.js';
import type { CaseCommand } from '../domain/case/commands.js';
import type { CaseView, OpenCaseInput, SlaSnapshot } from '../domain/case/types.js';
import type { IncidentNotice } from '../domain/incident/types.js';
import { caseWorkflow } from '../workflows/case.js';
import { incidentNoticeUpdate } from '../workflows/case-incident.js';

const M = 60_000;
const H = 60 * M;
const D = 24 * H;

const OFFICE: BusinessCalendar = {
  name: 'cn-office',
  timeZone: 'Asia/Shanghai',
  week: {
    mon: [
      ['09:00', '12:00'],
      ['13:00', '18:00'],
    ],
    tue: [
      ['09:00', '12:00'],
      ['13:00', '18:00'],
    ],
    wed: [
      ['09:00', '12:00'],
      ['13:00', '18:00'],
    ],
    thu: [
      ['09:00', '12:00'],
      ['13:00', '18:00'],
    ],
    fri: [
      ['09:00', '12:00'],
      ['13:00', '18:00'],
    ],
    sat: [],
    sun: [],
  },
  holidays: ['2026-10-01', '2026-10-02'],
  specialDays: { '2026-10-10': [['09:00', '18:00']] },
};

const STANDARD: SlaSnapshot = {
  name: 'standard',
  calendar: CALENDAR_24X7,
  respondWithin: 'PT24H',
  resolveWithin: 'PT48H',
  callbackWithin: 'PT24H',
  rateWithin: 'P7D',
  warnBefore: 'PT2H',
  byPriority: { urgent: { respondWithin: 'PT2H', resolveWithin: 'PT8H' }, high: { respondWithin: 'PT4H' } },
};

const COMPLAINTS: SlaSnapshot = {
  name: 'complaint-workdays',
  calendar: OFFICE,
  respondWithin: 'PT4H',
  resolveWithin: 'P3D',
  callbackWithin: 'P1D',
  rateWithin: 'P5D',
  warnBefore: 'PT1H',
};

type Handle = WorkflowHandle<typeof caseWorkflow>;

interface Ctx {
  env: TestWorkflowEnvironment;
  handle: Handle;
  act(command: CaseCommand, actor?: string): Promise<CaseView>;
  sleep(ms: number): Promise<void>;
}

interface Scenario {
  name: string;
  input?: Partial<OpenCaseInput>;
  /** Started with the search attributes the API sets (startSearchAttributes). */
  indexedAtStart?: boolean;
  run(ctx: Ctx): Promise<void>;
}

const accept: CaseCommand = { action: 'accept' };
const findings: CaseCommand = { action: 'findings', summary: 'worn bearing', rootCause: 'hardware' };
const guidance: CaseCommand = { action: 'resolution', summary: 'lubricate the bearing', remedy: 'guidance' };
const solved: CaseCommand = { action: 'callback', reached: true, solved: true };
const rating = (score: number, comment?: string): CaseCommand => ({ action: 'rating', score, comment });

/** Each ends in a terminal status, so each history is complete. */
export const SCENARIOS: Scenario[] = [
  {
    name: 'happy-path-closed',
    input: { type: 'service_request' }, // assigned by the (mocked) workload rule at opening
    async run({ act, sleep }) {
      await sleep(30 * M);
      await act(accept);
      await act({ action: 'notes', text: 'called the plant', visibility: 'internal' });
      await sleep(3 * H);
      await act(findings);
      await act(guidance);
      await sleep(4 * H);
      await act(solved);
      await sleep(D);
      await act(rating(5, 'quick and friendly'), 'integrator:erp');
    },
  },
  {
    name: 'costly-remedy-approval-reject-then-approve',
    input: { type: 'complaint', sla: COMPLAINTS },
    async run({ act, sleep }) {
      await act({ action: 'accept', assignee: 'agent.wang' });
      await act(findings);
      await act({ action: 'resolution', summary: 'refund the part', remedy: 'refund', amount: 1200 });
      await sleep(2 * H);
      await act(
        { action: 'approval', decision: 'reject', comment: 'offer a replacement' },
        'supervisor.chen',
      );
      await act({ action: 'resolution', summary: 'replace the part', remedy: 'replace', amount: 800 });
      await sleep(H);
      await act({ action: 'approval', decision: 'approve' }, 'supervisor.chen');
      await act(solved);
      await act(rating(4));
    },
  },
  {
    name: 'wait-for-customer-and-reply',
    input: { type: 'technical_support' },
    async run({ act, sleep }) {
      await act({ action: 'accept', assignee: 'agent.li' });
      await sleep(2 * H);
      await act({ action: 'wait-for-customer', question: 'which firmware version?' });
      await sleep(47 * H); // past the resolve warning and deadline: paused, nothing fires
      await act({ action: 'customer-reply', message: 'v2.3.1' }, 'integrator:erp');
      await act(findings);
      await act(guidance);
      await act(solved);
      await act(rating(5));
    },
  },
  {
    name: 'callback-not-solved-reopens',
    input: { type: 'fault_report' },
    async run({ act, sleep }) {
      await act({ action: 'accept', assignee: 'agent.zhao' });
      await act(findings);
      await act(guidance);
      await sleep(2 * H);
      await act({ action: 'callback', reached: false, solved: false, notes: 'no answer' });
      await sleep(2 * H);
      await act({ action: 'callback', reached: true, solved: false, notes: 'still trips' });
      await act({ action: 'findings', summary: 'controller firmware', onSite: true });
      await act({ action: 'resolution', summary: 'on-site repair', remedy: 'repair' });
      await act(solved);
      await act(rating(5));
    },
  },
  {
    name: 'poor-rating-reopens-then-closes',
    input: { type: 'complaint' },
    async run({ act }) {
      await act({ action: 'accept', assignee: 'agent.wang' });
      await act(findings);
      await act(guidance);
      await act(solved);
      await act(rating(2, 'slow'), 'integrator:erp');
      await act({ action: 'resolution', summary: 'explain and apologise', remedy: 'other' });
      await act(solved);
      await act(rating(1, 'still unhappy'), 'integrator:erp');
    },
  },
  {
    name: 'incident-linked-resolved-by-incident',
    input: { type: 'complaint' },
    async run({ act, sleep, handle }) {
      const incident = { id: 'inc_rec', number: 'INC-2026-00001', title: 'Fibre outage' };
      const message = (seq: number, status: 'open' | 'resolved') => ({
        id: `upd_${seq}`,
        seq,
        at: new Date(0).toISOString(),
        actor: 'agent:zhang',
        text: `update ${seq}`,
        status,
      });
      const tell = (notice: IncidentNotice) => handle.executeUpdate(incidentNoticeUpdate, { args: [notice] });
      await tell({ kind: 'link', incident, latest: message(1, 'open') });
      await act({ action: 'accept', assignee: 'agent.li' });
      await tell({ kind: 'message', incidentId: incident.id, message: message(1, 'open') }); // a repeat: no-op
      await sleep(2 * H);
      await tell({
        kind: 'resolve',
        incidentId: incident.id,
        message: message(2, 'resolved'),
        resolution: {
          summary: 'router replaced',
          remedy: 'compensation',
          resolvedBy: 'supervisor:chen',
          at: '',
        },
      });
      await act(solved);
      await act(rating(5));
    },
  },
  {
    name: 'rejected',
    input: { type: 'complaint' },
    async run({ act }) {
      await act({ action: 'reject', reason: 'not our product; pointed to the distributor' });
    },
  },
  {
    name: 'withdrawn',
    input: { type: 'inquiry' },
    async run({ act, sleep }) {
      await act({ action: 'accept', assignee: 'agent.li' });
      await sleep(H);
      await act({ action: 'withdraw', reason: 'found it in the manual' }, 'integrator:erp');
    },
  },
  {
    name: 'breaches-escalation-extension-priority',
    input: { type: 'fault_report' },
    async run({ act, sleep }) {
      await sleep(25 * H); // respond warning and breach
      await act({ action: 'accept', assignee: 'agent.zhao' });
      await act({ action: 'escalate', reason: 'customer is a hospital' }, 'supervisor.chen');
      await act({ action: 'extend', clock: 'resolve', by: 'PT12H', reason: 'spare part on order' });
      await act({ action: 'priority', priority: 'urgent', reason: 'line stopped' });
      await sleep(2 * H); // the re-targeted resolve clock is breached at once
      await act({ action: 'assign', assignee: 'agent.expert' }, 'supervisor.chen');
      await act({ action: 'withdraw', reason: 'replaced the machine' }, 'integrator:erp');
    },
  },
  {
    // Patch notify-customer-wait: a wait reminds the customer after a working day; a reply drops the
    // close; the second wait reminds again and then withdraws the case for no reply.
    name: 'customer-wait-reminded-then-withdrawn',
    input: {
      type: 'complaint',
      sla: { ...COMPLAINTS, remindCustomerAfter: 'P1D', closeWithoutReplyAfter: 'P3D' },
    },
    async run({ act, sleep, handle }) {
      await act({ action: 'accept', assignee: 'agent.wang' });
      await act({ action: 'wait-for-customer', question: 'which invoice?' });
      await sleep(2 * D); // past the reminder (recorded on a Monday evening), before the close
      await act({ action: 'customer-reply', message: 'March' }, 'integrator:erp');
      await act({ action: 'wait-for-customer', question: 'and the amount?' });
      await handle.result(); // the test server skips to the reminder, then to the close
    },
  },
  {
    // Recorded before warnings per clock (patch per-clock-sla): one warnBefore for every clock, its
    // days part counted as 24 h of working time, so both clocks warn at their start (the respond
    // clock at opening, the resolve clock at acceptance). Cases opened before keep doing so.
    name: 'warnings-at-start-before-per-clock',
    input: {
      type: 'complaint',
      classification: { priority: 'urgent', level: 1, reasons: ['recorded history'] },
      sla: {
        ...COMPLAINTS,
        warnBefore: 'P1D',
        byPriority: { urgent: { respondWithin: 'PT2H' } },
      },
    },
    async run({ act, sleep }) {
      await sleep(3 * H); // past the respond warning and, on a working day, its breach
      await act({ action: 'accept', assignee: 'agent.wang' });
      await sleep(2 * D);
      await act(findings);
      await act(guidance);
      await act(solved);
      await act(rating(4));
    },
  },
  {
    // Patch per-clock-sla: an urgent complaint's first contact round the clock (respondOn 24x7) on an
    // office-hours policy, warnings by clock (the respond lead moved to half its budget).
    name: 'urgent-round-the-clock-per-clock',
    input: {
      type: 'complaint',
      classification: { priority: 'urgent', level: 1, reasons: ['recorded history'] },
      sla: {
        ...COMPLAINTS,
        warnBefore: { respond: 'PT2H', resolve: 'P1D', callback: 'PT2H' },
        warnAtFraction: 0.5,
        calendars: { '24x7': CALENDAR_24X7 },
        byPriority: { urgent: { respondWithin: 'PT2H', respondOn: '24x7' } },
      },
    },
    async run({ act, sleep }) {
      await sleep(90 * M); // past the respond warning (1 h), before its breach (2 h)
      await act({ action: 'accept', assignee: 'agent.wang' });
      await sleep(D);
      await act(findings);
      await act(guidance);
      await act(solved);
      await act(rating(5));
    },
  },
  {
    name: 'rating-expired',
    input: { type: 'service_request', sla: COMPLAINTS },
    async run({ act, handle }) {
      await act(accept);
      await act(findings);
      await act(guidance);
      await act(solved);
      await handle.result(); // the test server skips to rateBy
    },
  },
  {
    // The current code: one release marker for every patch; assignee and next deadline indexed at
    // the start (as the API does), so opening upserts nothing; notes keep the timer.
    name: 'release-2026-11',
    input: { assignee: 'agent.api' },
    indexedAtStart: true,
    async run({ act }) {
      await act({ action: 'notes', text: 'called the customer back', visibility: 'internal' });
      await act(accept);
      await act(findings);
      await act(guidance);
      await act(solved);
      await act(rating(4));
    },
  },
  {
    // Recorded before escalation moved cases between teams (patch escalation-routes): a breach and a
    // manual escalation raise the level and nothing else, which such a case must keep doing on replay.
    name: 'escalations-before-team-routing',
    input: { type: 'complaint', assignee: 'agent.api' },
    indexedAtStart: true,
    async run({ act, sleep }) {
      await sleep(25 * H); // respond warning and breach: level 1 → 2
      await act({ action: 'accept' });
      await act({ action: 'escalate', reason: 'the customer threatens legal action' }, 'supervisor.chen');
      await act(findings);
      await act(guidance); // level 3: a supervisor approves
      await act({ action: 'approval', decision: 'approve' }, 'supervisor.chen');
      await act(solved);
      await act(rating(4));
    },
  },
  {
    // Patch escalation-routes: a complaint transferred to quality and handed back, transferred again
    // and refused, then transferred once more until its findings clock breaches; the escalation
    // moves it to the complaints desk, a manual one to the experts.
    name: 'transfers-and-escalation-routes',
    input: { type: 'complaint', sla: COMPLAINTS, assignee: 'agent.api', team: 'front-line' },
    indexedAtStart: true,
    async run({ act, sleep }) {
      await act({ action: 'accept' });
      const transfer = (reason: string): CaseCommand => ({
        action: 'transfer',
        team: 'quality',
        reason,
        findingsWithin: 'PT4H',
        ownerTeam: 'front-line',
      });
      await act(transfer('find the cause'));
      await act({ ...findings, byDepartment: true } as CaseCommand, 'agent.qa');
      await act(transfer('and the second batch'));
      await act({ action: 'refuse-transfer', reason: 'same cause' }, 'agent.qa');
      await act(transfer('the third batch'));
      await sleep(2 * D); // the findings clock breaches: level 2, the complaints desk takes it
      await act({ action: 'escalate', reason: 'legal threat' }, 'supervisor.chen');
      await act(guidance);
      await act({ action: 'approval', decision: 'approve' }, 'supervisor.chen');
      await act(solved);
      await act(rating(4));
    },
  },
  {
    // Opened with the assignee the API chose; notes and findings leave the next threshold and every
    // search attribute where they were: no timer restart, no upsert (patch only-changed-ops-updates).
    // The committed history was recorded before the release marker (one marker per patch) and keeps
    // that path replaying; recorded again today it would take the release path instead.
    name: 'api-assigned-ops-unchanged',
    input: { assignee: 'agent.api' },
    async run({ act, sleep }) {
      await act({ action: 'notes', text: 'called the customer back', visibility: 'internal' });
      await act(accept);
      await act(findings);
      await act({ action: 'escalate', reason: 'needs an expert' }, 'supervisor.chen');
      await sleep(47 * H); // the resolve warning fires on the timer started at accept
      await act(guidance);
      await act(solved);
      await act(rating(5));
    },
  },
];

export function openInput(id: string, over: Partial<OpenCaseInput> = {}): OpenCaseInput {
  return {
    id,
    number: `CS-2026-${id.slice(-6)}`,
    type: 'fault_report',
    channel: 'api',
    subject: 'Ball mill trips after ten minutes',
    description: 'The breaker trips after about ten minutes of running.',
    customer: { id: 'cust-000042', name: 'Li Wei', tier: 'standard', organisation: 'Minerals Co' },
    classification: { priority: 'normal', level: 1, reasons: ['recorded history'] },
    sla: STANDARD,
    openedBy: 'integrator:erp',
    receivedAt: new Date().toISOString(),
    ...over,
  };
}
