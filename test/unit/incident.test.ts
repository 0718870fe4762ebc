/**
 * Incidents, pure: the incident's lifecycle and SLA clocks (domain/incident/machine.ts) and what a
 * case does with its incident's notices (domain/case/incident.ts): each message once however often
 * it is told, the resolution only for cases not yet resolved, refusals for closed cases.
 */
import { describe, expect, it } from 'vitest';
import { CALENDAR_24X7, type BusinessCalendar } from '../../domain/calendar/index.js';
import { ActionNotAllowed } from '../../domain/case/commands.js';
import { applyIncidentNotice } from '../../domain/case/incident.js';
import type { Outcome } from '../../domain/case/decision.js';
import { applyCommand } from '../../domain/case/machine.js';
import { openCase } from '../../domain/case/opening.js';
import type { CaseState } from '../../domain/case/types.js';
import {
  applyIncidentCommand,
  fireIncidentThresholds,
  nextIncidentThreshold,
  openIncident,
} from '../../domain/incident/machine.js';
import type { IncidentMessage, IncidentNotice, IncidentState } from '../../domain/incident/types.js';
import { plainCaseInput } from '../support/workflow-cases.js';

const T0 = Date.parse('2026-12-01T09:00:00Z'); // a Tuesday
const M = 60_000;
const scope = { products: [], regions: [], customerIds: [], caseTypes: [] };

function incident(calendar: BusinessCalendar = CALENDAR_24X7): IncidentState {
  return openIncident(
    {
      id: 'inc1',
      number: 'INC-2026-00001',
      title: 'Outage',
      description: 'internal',
      kind: 'outage',
      severity: 'critical',
      scope,
      calendar,
      openedBy: 'supervisor:li',
      receivedAt: new Date(T0).toISOString(),
    },
    { now: T0, actor: 'supervisor:li' },
  ).state;
}

const msg = (seq: number, status: IncidentMessage['status'] = 'open'): IncidentMessage => ({
  id: `upd_${seq}`,
  seq,
  at: new Date(T0).toISOString(),
  actor: 'agent:zhang',
  text: `message ${seq}`,
  status,
});

const link: IncidentNotice = {
  kind: 'link',
  incident: { id: 'inc1', number: 'INC-2026-00001', title: 'Outage' },
  latest: null,
};

function caseAt(...commands: Parameters<typeof applyCommand>[1][]): CaseState {
  let s = openCase(plainCaseInput('c1', T0), { now: T0, actor: 'integrator:test' }).state;
  for (const c of commands) s = applyCommand(s, c, { now: T0 + M, actor: 'agent:zhang' }).state;
  return s;
}
const tell = (s: CaseState, n: IncidentNotice): Outcome =>
  applyIncidentNotice(s, n, { now: T0 + 2 * M, actor: 'incident:inc1' });
const types = (o: Outcome) => o.events.map((e) => e.type);

describe('the incident machine', () => {
  it('starts its clocks by severity and stops the first-message clock at the first message', () => {
    const s = incident();
    expect(s.clocks.firstMessage.dueAt).toBe(T0 + 30 * M);
    expect(s.clocks.resolve.dueAt).toBe(T0 + 4 * 60 * M);
    expect(nextIncidentThreshold(s)).toEqual({ clock: 'firstMessage', kind: 'warning', at: T0 + 20 * M });
    const posted = applyIncidentCommand(
      s,
      { action: 'post', messageId: 'm1', text: 'We know' },
      { now: T0 + 5 * M, actor: 'agent:a' },
    );
    expect(posted.state.clocks.firstMessage.stoppedAt).toBe(T0 + 5 * M);
    expect(posted.state.messages).toEqual([expect.objectContaining({ id: 'm1', seq: 1, status: 'open' })]);
    // The same message id again changes nothing (a retried request).
    const again = applyIncidentCommand(
      posted.state,
      { action: 'post', messageId: 'm1', text: 'We know' },
      { now: T0 + 6 * M, actor: 'agent:a' },
    );
    expect(again.events).toEqual([]);
  });

  it('warns and breaches once, counted on its business calendar', () => {
    const office: BusinessCalendar = {
      ...CALENDAR_24X7,
      name: 'office',
      timeZone: 'UTC',
      week: {
        mon: [['09:00', '17:00']],
        tue: [['09:00', '17:00']],
        wed: [['09:00', '17:00']],
        thu: [['09:00', '17:00']],
        fri: [['09:00', '17:00']],
        sat: [],
        sun: [],
      },
    } as unknown as BusinessCalendar;
    const evening = Date.parse('2026-12-01T16:50:00Z');
    const s = openIncident(
      {
        ...{
          id: 'i',
          number: 'n',
          title: 't',
          description: 'd',
          kind: 'outage',
          severity: 'critical',
          scope,
          openedBy: 'a',
          calendar: office,
        },
        receivedAt: new Date(evening).toISOString(),
      },
      { now: evening, actor: 'a' },
    ).state;
    // 10 working minutes today, 20 tomorrow from 09:00.
    expect(new Date(s.clocks.firstMessage.dueAt).toISOString()).toBe('2026-12-02T09:20:00.000Z');
    const fired = fireIncidentThresholds(s, Date.parse('2026-12-02T09:21:00Z'));
    expect(fired.events.map((e) => `${e.type}:${e.data.clock}`)).toEqual([
      'incident.sla_warning:firstMessage',
      'incident.sla_breached:firstMessage',
    ]);
    expect(fireIncidentThresholds(fired.state, Date.parse('2026-12-02T09:22:00Z')).events).toEqual([]);
  });

  it('refuses everything once resolved or cancelled', () => {
    const resolved = applyIncidentCommand(
      incident(),
      { action: 'resolve', messageId: 'r', summary: 'fixed', remedy: 'guidance' },
      { now: T0, actor: 'supervisor:li' },
    ).state;
    expect(resolved.status).toBe('resolved');
    expect(resolved.messages[0]!.text).toBe('fixed');
    expect(() =>
      applyIncidentCommand(resolved, { action: 'post', messageId: 'x', text: 'hi' }, { now: T0, actor: 'a' }),
    ).toThrow(ActionNotAllowed);
    expect(() =>
      applyIncidentCommand(
        resolved,
        { action: 'cancel', messageId: 'y', reason: 'dup' },
        { now: T0, actor: 'a' },
      ),
    ).toThrow(ActionNotAllowed);
  });
});

describe('four eyes on an incident resolution', () => {
  const propose = {
    action: 'propose',
    messageId: 'p1',
    summary: 'Router replaced',
    remedy: 'compensation',
  } as const;
  const decide = (decision: 'approve' | 'reject', fourEyes = true) =>
    ({ action: 'decide', messageId: 'p1', decision, fourEyes }) as const;
  const li = { now: T0, actor: 'supervisor:li' };
  const wang = { now: T0 + 60_000, actor: 'supervisor:wang' };

  it('records a proposal that resolves nothing and posts nothing until another supervisor approves', () => {
    const p = applyIncidentCommand(incident(), propose, li);
    expect(p.events.map((e) => e.type)).toEqual(['incident.resolution_proposed']);
    expect(p.state.status).toBe('open');
    expect(p.state.messages).toEqual([]);
    expect(applyIncidentCommand(p.state, propose, li).events).toEqual([]);
    // The proposer (under any key of theirs) may not approve; another resolution waits too.
    expect(() => applyIncidentCommand(p.state, decide('approve'), { now: T0, actor: 'admin:li' })).toThrow(
      /four-eyes/,
    );
    expect(() =>
      applyIncidentCommand(p.state, { ...propose, action: 'resolve', messageId: 'r2' }, wang),
    ).toThrow(/waiting for approval/);
    const a = applyIncidentCommand(p.state, decide('approve'), wang);
    expect(a.events.map((e) => e.type)).toEqual(['incident.resolution_approved', 'incident.resolved']);
    expect(a.state.status).toBe('resolved');
    expect(a.state.proposal).toBeNull();
    expect(a.state.resolution).toMatchObject({ resolvedBy: 'supervisor:li', approvedBy: 'supervisor:wang' });
    expect(a.state.messages.map((m) => [m.id, m.text])).toEqual([['p1', 'Router replaced']]);
    // Retried approval: the message is posted, nothing more happens.
    expect(applyIncidentCommand(a.state, decide('approve'), wang).events).toEqual([]);
  });

  it('lets the rule be switched off, and a rejection or a cancellation drops the proposal', () => {
    const p = applyIncidentCommand(incident(), propose, li).state;
    expect(applyIncidentCommand(p, decide('approve', false), li).state.status).toBe('resolved');
    const rejected = applyIncidentCommand(p, decide('reject'), li);
    expect(rejected.events.map((e) => e.type)).toEqual(['incident.resolution_rejected']);
    expect(rejected.state.proposal).toBeNull();
    expect(() => applyIncidentCommand(rejected.state, decide('approve'), wang)).toThrow(ActionNotAllowed);
    const cancelled = applyIncidentCommand(
      p,
      { action: 'cancel', messageId: 'c', reason: 'dup' },
      wang,
    ).state;
    expect(cancelled.proposal).toBeNull();
  });
});

describe('a case told by its incident', () => {
  it('takes each message once, however often and in whatever overlap it is told', () => {
    const linked = tell(caseAt(), { ...link, latest: msg(1) });
    expect(types(linked)).toEqual(['case.incident_linked', 'case.incident_update']);
    expect(tell(linked.state, { kind: 'message', incidentId: 'inc1', message: msg(1) }).events).toEqual([]);
    const second = tell(linked.state, { kind: 'message', incidentId: 'inc1', message: msg(2) });
    expect(second.events.map((e) => e.data.updateId)).toEqual(['upd_2']);
    // A link repeated (a retried link request) adds nothing.
    expect(tell(second.state, { ...link, latest: msg(2) }).events).toEqual([]);
    // Another incident's word is none of its business.
    expect(tell(second.state, { kind: 'message', incidentId: 'other', message: msg(3) }).events).toEqual([]);
  });

  it("is resolved with the incident's resolution unless it is already past resolution", () => {
    const resolution = {
      summary: 'Router replaced',
      remedy: 'compensation' as const,
      resolvedBy: 'supervisor:li',
      at: '',
    };
    const resolve: IncidentNotice = {
      kind: 'resolve',
      incidentId: 'inc1',
      message: msg(2, 'resolved'),
      resolution,
    };
    for (const s of [
      caseAt(),
      caseAt({ action: 'accept' }),
      caseAt({ action: 'accept' }, { action: 'wait-for-customer', question: 'q' }),
    ]) {
      const o = tell(tell(s, { ...link, latest: msg(1) }).state, resolve);
      expect(types(o)).toEqual([
        'case.incident_update',
        'case.resolution_proposed',
        'case.approved',
        'case.resolved',
      ]);
      expect(o.state.status).toBe('resolved');
      expect(o.state.resolution).toMatchObject({ summary: 'Router replaced', remedy: 'compensation' });
      expect(o.events.find((e) => e.type === 'case.approved')!.actor).toBe('supervisor:li');
      expect(o.state.clocks.callback.state).toBe('running');
      // Told again: nothing more.
      expect(tell(o.state, resolve).events).toEqual([]);
    }
    const own = caseAt(
      { action: 'accept' },
      { action: 'findings', summary: 'f' },
      { action: 'resolution', summary: 'own', remedy: 'guidance' },
    );
    const o = tell(tell(own, link).state, resolve);
    expect(types(o)).toEqual(['case.incident_update']);
    expect(o.state.resolution?.summary).toBe('own');
  });

  it('refuses a link when closed or linked elsewhere, and is told when unlinked', () => {
    const withdrawn = caseAt({ action: 'withdraw', reason: 'r' });
    expect(() => tell(withdrawn, link)).toThrow(ActionNotAllowed);
    const other = tell(caseAt(), { ...link, incident: { id: 'inc2', number: 'INC-2', title: 't' } }).state;
    expect(() => tell(other, link)).toThrow(/already linked to incident INC-2/);
    const unlinked = tell(tell(caseAt(), link).state, {
      kind: 'unlink',
      incidentId: 'inc1',
      reason: 'incident cancelled',
      message: msg(1, 'cancelled'),
    });
    expect(types(unlinked)).toEqual(['case.incident_update', 'case.incident_unlinked']);
    expect(unlinked.state.incident).toBeNull();
  });
});
