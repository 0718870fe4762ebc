/**
 * Customer notifications on the real stack: a real SMTP server (smtp-server) receives them. A
 * complaint's life sends exactly the expected messages, in the customer's language, once each;
 * a receiver that refuses mail for a while gets every message once when it comes back; a message
 * that never goes out is on the case's timeline for staff, not for integrators; an erasure removes
 * bodies and addresses.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { metrics } from '../../platform/metrics.js';
import { newCaseBody, startTestStack, type TestStack } from '../support/stack.js';
import { linkIn, TestSmtp } from '../support/smtp.js';
import { sleep, until } from '../support/until.js';

const email = () => `cust-${randomUUID().slice(0, 8)}@example.com`;

async function complaint(s: TestStack, address: string, locale?: string) {
  const opened = await s.call(
    'integrator',
    'POST',
    '/v1/cases',
    newCaseBody({
      type: 'complaint',
      subject: 'Invoice charged twice',
      description: 'My March invoice was charged twice.',
      customer: { name: 'Wang Fang', email: address, ...(locale ? { locale } : {}) },
    }),
  );
  expect(opened.status).toBe(201);
  return opened.body as { id: string; number: string };
}

async function act(s: TestStack, role: 'agent' | 'integrator', id: string, action: string, body: object) {
  const r = await s.call(role, 'POST', `/v1/cases/${id}/${action}`, body);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
}

/** A complaint through its whole life: opened, taken, a question, resolved, called back, rated. */
async function live(s: TestStack, id: string) {
  await act(s, 'agent', id, 'accept', { assignee: 'mail.agent' });
  await act(s, 'agent', id, 'notes', {
    text: 'Customer sounds angry; check billing log 42',
    visibility: 'internal',
  });
  await act(s, 'agent', id, 'wait-for-customer', { question: 'Which card was charged?' });
  await act(s, 'integrator', id, 'customer-reply', { message: 'The Visa ending 1234' });
  await act(s, 'agent', id, 'findings', { summary: 'Double charge by the gateway' });
  await act(s, 'agent', id, 'resolution', { summary: 'We refunded the second charge', remedy: 'guidance' });
  await act(s, 'agent', id, 'callback', { reached: true, solved: true });
  await act(s, 'integrator', id, 'rating', { score: 5 });
}

const EXPECTED_EVENTS = [
  'case.opened',
  'case.accepted',
  'case.waiting_for_customer',
  'case.resolved',
  'case.callback',
  'case.closed',
];

describe('customer notifications over SMTP', () => {
  let s: TestStack;
  let smtp: TestSmtp;

  beforeAll(async () => {
    smtp = await new TestSmtp().start();
    s = await startTestStack({ SMTP_URL: smtp.url, MAIL_FROM: 'Service <service@cases.example>' });
    await s.agents('mail.agent');
  });
  afterAll(async () => {
    await s?.stop();
    await smtp?.stop();
  });

  /** The messages of one case, by event, once the expected number arrived (and a moment after). */
  async function messagesOf(address: string, count: number) {
    expect(await until(() => smtp.to(address).length >= count, 30_000)).toBe(true);
    await sleep(1500); // a duplicate would arrive now
    return smtp.to(address);
  }

  async function eventSeqs(id: string) {
    const t = await s.call('agent', 'GET', `/v1/cases/${id}/timeline`);
    return new Map<number, string>(t.body.items.map((e: { seq: number; type: string }) => [e.seq, e.type]));
  }

  it('a complaint in Chinese: exactly the expected messages, once each, in Chinese, with the signed link', async () => {
    const to = email();
    const c = await complaint(s, to, 'zh-CN');
    await live(s, c.id);
    const mails = await messagesOf(to, EXPECTED_EVENTS.length);
    const seqs = await eventSeqs(c.id);
    // Message-ID <case.<id>.<seq>@domain>: which event each message is for.
    const events = mails.map((m) => {
      const seq = Number(new RegExp(`^<case\\.${c.id}\\.(\\d+)@cases\\.example>$`).exec(m.messageId)?.[1]);
      return seqs.get(seq);
    });
    expect(events.sort()).toEqual([...EXPECTED_EVENTS].sort());
    expect(new Set(mails.map((m) => m.messageId)).size).toBe(mails.length);
    for (const m of mails) {
      expect(m.subject.startsWith(`[${c.number}] `)).toBe(true);
      expect(m.subject).toMatch(/[\u4e00-\u9fff]/);
      expect(m.text).toContain(c.number);
      expect(m.html).toContain('<a href="http');
      expect(linkIn(m)).toMatch(/\/c\/v1\./);
    }
    const question = mails.find((m) => m.subject.includes('补充信息'))!;
    expect(question.text).toContain('Which card was charged?');
    // The internal note never reaches the customer.
    expect(mails.some((m) => m.text.includes('billing log 42') || m.html.includes('billing log 42'))).toBe(
      false,
    );
    // Staff see which messages went out.
    const db = await s.db
      .selectFrom('mail_messages')
      .select(['status', 'locale'])
      .where('case_id', '=', c.id)
      .execute();
    expect(db.every((r) => r.status === 'sent' && r.locale === 'zh-CN')).toBe(true);
  });

  it('English for an English-speaking customer; the deployment default (zh-CN) without a locale', async () => {
    const en = email();
    const zh = email();
    await complaint(s, en, 'en-GB');
    await complaint(s, zh);
    const [english] = await messagesOf(en, 1);
    const [chinese] = await messagesOf(zh, 1);
    expect(english!.subject).toMatch(/We have received your request$/);
    expect(english!.text).toContain('Follow, reply or rate here');
    expect(chinese!.subject).toMatch(/我们已收到您的请求$/);
  });

  it('a receiver refusing mail for a while gets every message once when it comes back', async () => {
    const to = email();
    smtp.refuseWith = 451;
    const refusedBefore = smtp.refusals;
    const c = await complaint(s, to, 'en');
    await act(s, 'agent', c.id, 'accept', { assignee: 'mail.agent' });
    await act(s, 'agent', c.id, 'wait-for-customer', { question: 'Which card?' });
    expect(await until(() => smtp.refusals >= refusedBefore + 6, 20_000)).toBe(true);
    expect(smtp.to(to)).toHaveLength(0);
    smtp.refuseWith = undefined;
    const mails = await messagesOf(to, 3);
    expect(mails).toHaveLength(3);
    expect(new Set(mails.map((m) => m.messageId)).size).toBe(3);
    const rows = await s.db
      .selectFrom('mail_messages')
      .select(['status', 'attempts'])
      .where('case_id', '=', c.id)
      .execute();
    expect(rows.every((r) => r.status === 'sent')).toBe(true);
    expect(rows.some((r) => r.attempts > 1)).toBe(true);
  });

  it('erasing the customer removes message bodies and addresses', async () => {
    const to = email();
    const c = await complaint(s, to, 'en');
    await messagesOf(to, 1);
    const cust = await s.call('agent', 'GET', `/v1/cases/${c.id}`);
    const erased = await s.call('admin', 'DELETE', `/v1/customers/${cust.body.customer.id}/personal-data`);
    expect(erased.status, JSON.stringify(erased.body)).toBeLessThan(300);
    const rows = await s.db.selectFrom('mail_messages').selectAll().where('case_id', '=', c.id).execute();
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect([r.to_address, r.subject, r.text_body, r.html_body]).toEqual([null, null, null, null]);
    }
  });
});

describe('a message that never goes out', () => {
  let s: TestStack;
  let smtp: TestSmtp;

  beforeAll(async () => {
    smtp = await new TestSmtp().start();
    smtp.refuseWith = 550;
    s = await startTestStack({ SMTP_URL: smtp.url, MAIL_RETRY_SECONDS: '3', MAIL_EVENTS: 'received' });
  });
  afterAll(async () => {
    await s?.stop();
    await smtp?.stop();
  });

  it('is recorded on the case timeline for staff after the last retry, never for integrators, and the case goes on', async () => {
    const gaveUp = async () =>
      (await metrics.mailMessages.get()).values.find((v) => v.labels.outcome === 'gave_up')?.value ?? 0;
    const gaveUpBefore = await gaveUp();
    const c = await complaint(s, email(), 'en');
    const failedNote = async (role: 'agent' | 'integrator') => {
      const t = await s.call(role, 'GET', `/v1/cases/${c.id}/timeline`);
      return t.body.items.find(
        (e: { actor: string; type: string }) => e.actor === 'system:mail' && e.type === 'case.note_added',
      );
    };
    expect(await until(async () => !!(await failedNote('agent')), 30_000)).toBe(true);
    const note = await failedNote('agent');
    expect(note.visibility).toBe('internal');
    expect(note.data.text).toMatch(/'received'.*SMTP 550/);
    expect(await failedNote('integrator')).toBeUndefined();
    const row = await s.db
      .selectFrom('mail_messages')
      .select('status')
      .where('case_id', '=', c.id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('failed');
    // Counted for the operator's alert (mail_messages_total{outcome="gave_up"}).
    expect(await gaveUp()).toBeGreaterThan(gaveUpBefore);
    // Never blocked: the case takes its next action.
    const accepted = await s.call('agent', 'POST', `/v1/cases/${c.id}/accept`, {});
    expect(accepted.status).toBe(200);
  });
});
