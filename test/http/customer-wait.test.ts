/**
 * Waiting on the customer, per-policy notification kinds and incident messages by mail, on the real
 * stack (Temporal dev server, PostgreSQL) with a real SMTP server (smtp-server) receiving the mail.
 * Policies with reminders of seconds on the 24x7 calendar let the durable timers fire in the test.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newCaseBody, startTestStack, type TestStack } from '../support/stack.js';
import { linkIn, TestSmtp } from '../support/smtp.js';
import { sleep, until } from '../support/until.js';

const email = () => `wait-${randomUUID().slice(0, 8)}@example.com`;
const TARGETS = { respondWithin: 'PT1H', resolveWithin: 'PT8H', callbackWithin: 'PT8H', rateWithin: 'P1D' };

describe('waiting on the customer, over SMTP', () => {
  let s: TestStack;
  let smtp: TestSmtp;
  const policy = (name: string, body: object) =>
    s.call('admin', 'PUT', `/v1/sla-policies/${name}`, { calendar: '24x7', ...TARGETS, ...body });

  beforeAll(async () => {
    smtp = await new TestSmtp().start();
    s = await startTestStack({ SMTP_URL: smtp.url, MAIL_FROM: 'Service <service@wait.example>' });
    await s.agents('wait.agent');
    for (const [name, body] of Object.entries({
      'wait-fast': { remindCustomerAfter: 'PT3S', closeWithoutReplyAfter: 'PT9S' },
      'wait-remind': { remindCustomerAfter: 'PT4S' },
      'notify-received': { notify: ['received'] },
    })) {
      const r = await policy(name, body);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
    }
  });
  afterAll(async () => {
    await s?.stop();
    await smtp?.stop();
  });

  async function open(slaPolicy: string, to: string, customer: Record<string, string> = {}) {
    const r = await s.call(
      'integrator',
      'POST',
      '/v1/cases',
      newCaseBody({
        slaPolicy,
        customer: {
          id: `cust-${randomUUID().slice(0, 8)}`,
          name: 'Li Wei',
          email: to,
          locale: 'en',
          ...customer,
        },
      }),
    );
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body as { id: string; number: string };
  }
  async function act(id: string, action: string, body: object, role: 'agent' | 'integrator' = 'agent') {
    const r = await s.call(role, 'POST', `/v1/cases/${id}/${action}`, body);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body;
  }
  const kinds = async (caseId: string) =>
    (
      await s.db
        .selectFrom('mail_messages')
        .select('kind')
        .where('case_id', '=', caseId)
        .orderBy('seq')
        .execute()
    ).map((r) => r.kind);
  const timeline = async (id: string) =>
    (await s.call('agent', 'GET', `/v1/cases/${id}/timeline`)).body.items as {
      type: string;
      actor: string;
      data: Record<string, unknown>;
    }[];

  it('reminds the customer once after the working time, then withdraws the case for no reply and says so', async () => {
    const to = email();
    const c = await open('wait-fast', to);
    await act(c.id, 'accept', { assignee: 'wait.agent' });
    const waiting = await act(c.id, 'wait-for-customer', { question: 'Which firmware version?' });
    // The view says when the reminder and the close will happen, counted on the case's calendar.
    const since = Date.parse(waiting.customerWait.since);
    expect(Date.parse(waiting.customerWait.remindAt) - since).toBe(3000);
    expect(Date.parse(waiting.customerWait.closeAt) - since).toBe(9000);

    expect(await until(() => smtp.to(to).some((m) => m.subject.includes('still waiting')), 20_000)).toBe(
      true,
    );
    const reminded = (await timeline(c.id)).filter((e) => e.type === 'case.customer_reminded');
    expect(reminded).toHaveLength(1);
    expect(reminded[0]!.actor).toBe('system');
    const reminder = smtp.to(to).find((m) => m.subject.includes('still waiting'))!;
    expect(reminder.subject).toBe(`[${c.number}] We are still waiting for your reply`);
    expect(reminder.text).toMatch(/If we have not heard from you by .+, we will withdraw the request/);
    // The customer's page (the link in the mail) says until when a reply keeps the case open.
    const page = await (await fetch(linkIn(reminder))).text();
    expect(page).toMatch(/data-testid="reply-by">Please reply by .+; otherwise we will withdraw the request/);

    expect(
      await until(
        async () => (await s.call('agent', 'GET', `/v1/cases/${c.id}`)).body.status === 'withdrawn',
        20_000,
      ),
    ).toBe(true);
    const withdrawn = (await timeline(c.id)).find((e) => e.type === 'case.withdrawn')!;
    expect(withdrawn.actor).toBe('system');
    expect(withdrawn.data.reason).toBe('no reply from the customer');
    expect(
      await until(() => smtp.to(to).some((m) => m.subject.endsWith('Your request is withdrawn')), 20_000),
    ).toBe(true);
    await sleep(1500); // a duplicate would arrive now
    const mails = smtp.to(to);
    expect(mails.filter((m) => m.subject.includes('still waiting'))).toHaveLength(1);
    expect(mails.find((m) => m.subject.endsWith('withdrawn'))!.text).toContain(
      'we did not hear back from you',
    );
    expect(await kinds(c.id)).toEqual(['received', 'accepted', 'question', 'reminder', 'withdrawn']);
    expect(new Set(mails.map((m) => m.messageId)).size).toBe(mails.length);
    const view = (await s.call('agent', 'GET', `/v1/cases/${c.id}`)).body;
    expect(view.customerWait).toBeUndefined();
  });

  it('a reply before the reminder cancels it; waiting again arms a fresh one', async () => {
    const to = email();
    const c = await open('wait-remind', to);
    await act(c.id, 'accept', { assignee: 'wait.agent' });
    const first = await act(c.id, 'wait-for-customer', { question: 'Which model?' });
    expect(first.customerWait.closeAt).toBeNull();
    const replied = await act(c.id, 'customer-reply', { message: 'The X200' }, 'integrator');
    expect(replied.customerWait).toBeUndefined();
    await sleep(6000); // past the first wait's reminder
    expect((await timeline(c.id)).some((e) => e.type === 'case.customer_reminded')).toBe(false);
    expect(await kinds(c.id)).not.toContain('reminder');

    const again = await act(c.id, 'wait-for-customer', { question: 'And its serial number?' });
    expect(Date.parse(again.customerWait.since)).toBeGreaterThan(Date.parse(first.customerWait.since) + 5000);
    expect(await until(async () => (await kinds(c.id)).includes('reminder'), 20_000)).toBe(true);
    expect(await until(() => smtp.to(to).some((m) => m.subject.includes('still waiting')), 20_000)).toBe(
      true,
    );
    await sleep(1500);
    expect((await timeline(c.id)).filter((e) => e.type === 'case.customer_reminded')).toHaveLength(1);
    expect((await s.call('agent', 'GET', `/v1/cases/${c.id}`)).body.status).toBe('pending_customer');
  });

  it('a policy that names its notification kinds sends only those', async () => {
    const to = email();
    const c = await open('notify-received', to);
    await act(c.id, 'accept', { assignee: 'wait.agent' });
    await act(c.id, 'wait-for-customer', { question: 'Which model?' });
    await act(c.id, 'notes', { text: 'We are checking the logs', visibility: 'public' });
    expect(await until(() => smtp.to(to).length >= 1, 20_000)).toBe(true);
    await sleep(2000);
    expect(smtp.to(to).map((m) => m.subject)).toEqual([`[${c.number}] We have received your request`]);
    expect(await kinds(c.id)).toEqual(['received']);
  });

  it('validates the policy fields: durations, close after the reminder, known kinds', async () => {
    const refused = async (body: object, field: string) => {
      const r = await policy('wait-bad', body);
      expect(r.status, JSON.stringify(r.body)).toBe(400);
      expect(r.headers.get('content-type')).toContain('application/problem+json');
      expect(JSON.stringify(r.body)).toContain(field);
    };
    await refused({ remindCustomerAfter: 'PT2H', closeWithoutReplyAfter: 'PT2H' }, 'closeWithoutReplyAfter');
    await refused({ closeWithoutReplyAfter: 'P1D' }, 'closeWithoutReplyAfter'); // the default reminder is P2D
    await refused({ remindCustomerAfter: 'two days' }, 'remindCustomerAfter');
    await refused({ notify: ['received', 'fax'] }, 'notify');
    const ok = await policy('wait-ok', {
      remindCustomerAfter: null,
      closeWithoutReplyAfter: 'P7D',
      notify: [],
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toMatchObject({ remindCustomerAfter: null, closeWithoutReplyAfter: 'P7D', notify: [] });
  });
});

describe('incident messages by mail', () => {
  let s: TestStack;
  let smtp: TestSmtp;

  beforeAll(async () => {
    smtp = await new TestSmtp().start();
    s = await startTestStack({ SMTP_URL: smtp.url, MAIL_FROM: 'Service <service@incident.example>' });
  });
  afterAll(async () => {
    await s?.stop();
    await smtp?.stop();
  });

  it("reach each linked case's customer once per update, in the customer's language", async () => {
    const inc = await s.call(
      'supervisor',
      'POST',
      '/v1/incidents',
      {
        title: 'Fibre outage',
        description: 'internal: router PD-7',
        kind: 'outage',
        severity: 'major',
        scope: { products: ['fibre'] },
      },
      { 'Idempotency-Key': `inc-${randomUUID()}` },
    );
    expect(inc.status, JSON.stringify(inc.body)).toBe(201);
    const twice = {
      id: `cust-${randomUUID().slice(0, 8)}`,
      name: 'Wang Fang',
      email: email(),
      locale: 'zh-CN',
    };
    const once = { id: `cust-${randomUUID().slice(0, 8)}`, name: 'Ann Lee', email: email(), locale: 'en' };
    const ids: string[] = [];
    for (const customer of [twice, twice, once]) {
      const r = await s.call(
        'integrator',
        'POST',
        '/v1/cases',
        newCaseBody({ type: 'complaint', product: 'fibre', incidentId: inc.body.id, customer }),
      );
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      ids.push(r.body.id);
    }
    const message = 'Engineers are replacing the router; service back by 18:00.';
    const posted = await s.call('agent', 'POST', `/v1/incidents/${inc.body.id}/updates`, { message });
    expect(posted.status, JSON.stringify(posted.body)).toBeLessThan(300);
    const incidentMails = (to: string) => smtp.to(to).filter((m) => m.text.includes(message));
    // Every linked case has the update on its timeline…
    for (const id of ids) {
      expect(
        await until(async () => {
          const t = await s.call('agent', 'GET', `/v1/cases/${id}/timeline`);
          return t.body.items.some((e: { type: string }) => e.type === 'case.incident_update');
        }, 30_000),
      ).toBe(true);
    }
    // …and each customer one message, however many of their cases it reached.
    expect(
      await until(
        () => incidentMails(twice.email).length >= 1 && incidentMails(once.email).length >= 1,
        30_000,
      ),
    ).toBe(true);
    await sleep(2000);
    expect(incidentMails(twice.email)).toHaveLength(1);
    expect(incidentMails(once.email)).toHaveLength(1);
    expect(incidentMails(twice.email)[0]!.subject).toMatch(/故障处理进展$/);
    expect(incidentMails(once.email)[0]!.subject).toMatch(/News about the incident affecting you$/);
    expect(incidentMails(twice.email)[0]!.messageId).toMatch(/^<incident\.upd_/);
    // The staff-only description never reaches a customer.
    expect(smtp.to(twice.email).some((m) => m.text.includes('router PD-7'))).toBe(false);
  });
});
