/**
 * The wait for the customer in the pure state machine (domain/case/customer-wait.ts, machine.ts)
 * and its messages (domain/notifications/customer-messages.ts): moments on the calendar, once each, dropped
 * by anything that ends the wait, and never armed unless the workflow says the case may.
 */
import { describe, expect, it } from 'vitest';
import type { BusinessCalendar } from '../../domain/calendar/index.js';
import type { CaseCommand } from '../../domain/case/commands.js';
import { customerWaitPolicy, DEFAULT_REMIND_CUSTOMER_AFTER } from '../../domain/case/customer-wait.js';
import { applyCommand } from '../../domain/case/machine.js';
import { openCase } from '../../domain/case/opening.js';
import { fireDueThresholds, nextMoment } from '../../domain/case/thresholds.js';
import { toCaseView } from '../../domain/case/view.js';
import type { CaseState, SlaSnapshot } from '../../domain/case/types.js';
import { messageKind, renderMessage } from '../../domain/notifications/customer-messages.js';

const H = 3_600_000;
const D = 24 * H;
const DAY: [string, string][] = [['09:00', '18:00']];
const OFFICE: BusinessCalendar = {
  name: 'office-utc',
  timeZone: 'UTC',
  week: { mon: DAY, tue: DAY, wed: DAY, thu: DAY, fri: DAY, sat: [], sun: [] },
  holidays: ['2026-06-08'],
};
const SLA: SlaSnapshot = {
  name: 'p',
  calendar: OFFICE,
  respondWithin: 'PT4H',
  resolveWithin: 'P10D',
  callbackWithin: 'P1D',
  rateWithin: 'P5D',
  remindCustomerAfter: 'P2D',
  closeWithoutReplyAfter: 'P5D',
};
// Thursday 2026-06-04 15:00 UTC.
const THU = Date.parse('2026-06-04T15:00:00Z');

function waitingCase(sla: SlaSnapshot = SLA, customerWait = true): CaseState {
  let s = openCase(
    {
      id: 'c1',
      number: 'CS-1',
      type: 'complaint',
      channel: 'api',
      subject: 's',
      description: 'd',
      customer: { id: 'k', name: 'n', tier: 'standard' },
      classification: { priority: 'normal', level: 1, reasons: [] },
      sla,
      openedBy: 'integrator:x',
      receivedAt: new Date(THU - H).toISOString(),
    },
    { now: THU - H, actor: 'integrator:x' },
  ).state;
  const run = (cmd: CaseCommand, now: number) =>
    (s = applyCommand(s, cmd, { now, actor: 'agent:a', customerWait }).state);
  run({ action: 'accept', assignee: 'a' }, THU - H / 2);
  run({ action: 'wait-for-customer', question: 'q?' }, THU);
  return s;
}

describe('waiting on the customer', () => {
  it('fixes the reminder and the close on the calendar: a weekend and a holiday do not count', () => {
    const s = waitingCase();
    // From Thursday 15:00: Friday, then Tuesday (the weekend and Monday the 8th, a holiday, do not
    // count) is two working days; five end on Friday the 12th.
    expect(toCaseView(s).customerWait).toEqual({
      since: '2026-06-04T15:00:00.000Z',
      remindAt: '2026-06-09T15:00:00.000Z',
      closeAt: '2026-06-12T15:00:00.000Z',
      reminded: false,
    });
    expect(nextMoment(s)).toEqual({
      clock: 'customer',
      kind: 'reminder',
      at: Date.parse('2026-06-09T15:00:00Z'),
    });
  });

  it('reminds once, then withdraws by system with the reason', () => {
    let s = waitingCase();
    const remindAt = Date.parse('2026-06-09T15:00:00Z');
    expect(fireDueThresholds(s, remindAt - 1).events).toEqual([]);
    const reminded = fireDueThresholds(s, remindAt);
    expect(reminded.events.map((e) => [e.type, e.actor])).toEqual([['case.customer_reminded', 'system']]);
    s = reminded.state;
    expect(fireDueThresholds(s, remindAt + H).events).toEqual([]);
    const closed = fireDueThresholds(s, Date.parse('2026-06-12T15:00:00Z'));
    expect(closed.state.status).toBe('withdrawn');
    expect(closed.events.at(-1)).toMatchObject({
      type: 'case.withdrawn',
      actor: 'system',
      data: { reason: 'no reply from the customer', cause: 'no_customer_reply' },
    });
    expect(closed.state.customerWait).toBeUndefined();
  });

  it('a reply, a withdrawal or a second wait drops or re-arms the timers', () => {
    const s = waitingCase();
    const replied = applyCommand(s, { action: 'customer-reply', message: 'm' }, { now: THU + H, actor: 'x' });
    expect(replied.state.customerWait).toBeUndefined();
    expect(nextMoment(replied.state)?.clock).not.toBe('customer');
    expect(fireDueThresholds(replied.state, THU + 30 * D).events.map((e) => e.type)).not.toContain(
      'case.customer_reminded',
    );
    const withdrawn = applyCommand(s, { action: 'withdraw', reason: 'r' }, { now: THU + H, actor: 'x' });
    expect(withdrawn.state.customerWait).toBeUndefined();
    const again = applyCommand(
      replied.state,
      { action: 'wait-for-customer', question: 'q2' },
      { now: THU + 2 * H, actor: 'a', customerWait: true },
    );
    expect(again.state.customerWait).toMatchObject({ since: THU + 2 * H, reminded: false });
  });

  it('arms nothing unless the workflow allows it, or when the policy sets neither', () => {
    expect(waitingCase(SLA, false).customerWait).toBeUndefined();
    const none = { ...SLA, remindCustomerAfter: null, closeWithoutReplyAfter: null };
    expect(waitingCase(none).customerWait).toBeUndefined();
  });

  it('defaults: a reminder after two working days, no automatic close; null turns the reminder off', () => {
    expect(DEFAULT_REMIND_CUSTOMER_AFTER).toBe('P2D');
    expect(customerWaitPolicy({})).toEqual({ remindCustomerAfter: 'P2D', closeWithoutReplyAfter: null });
    expect(customerWaitPolicy({ remindCustomerAfter: null })).toEqual({
      remindCustomerAfter: null,
      closeWithoutReplyAfter: null,
    });
  });

  it("messages: the reminder names the close; the withdrawal gives the reason in the customer's language", () => {
    const data = { waitingSince: '2026-06-04T15:00:00Z', closeAt: '2026-06-12T15:00:00Z' };
    expect(messageKind({ type: 'case.customer_reminded', data })).toBe('reminder');
    expect(messageKind({ type: 'case.incident_update', data: {} })).toBe('incident');
    const facts = { number: 'CS-1', subject: 's', link: 'https://x/c/t', timeZone: 'UTC' } as const;
    const en = renderMessage({ ...facts, kind: 'reminder', data, locale: 'en' });
    expect(en.text).toContain('we will withdraw the request');
    const zh = renderMessage({ ...facts, kind: 'reminder', data, locale: 'zh-CN' });
    expect(zh.subject).toBe('[CS-1] 我们仍在等待您的回复');
    const cause = { reason: 'no reply from the customer', cause: 'no_customer_reply' };
    expect(renderMessage({ ...facts, kind: 'withdrawn', data: cause, locale: 'zh-CN' }).text).toContain(
      '原因：我们未收到您的回复',
    );
  });
});
