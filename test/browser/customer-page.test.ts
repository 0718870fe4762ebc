/**
 * The customer's case page in a real browser (Debian's Chromium, headless, a phone-sized screen)
 * on the real stack, reached the way customers reach it: through the link in an e-mail a real SMTP
 * server received. The customer reads the status, replies while the case waits for them, then rates;
 * the case moves accordingly. Expired, tampered and revoked links get the plain refusal page.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CustomerLinks, parseLinkKeys } from '../../platform/customer-links.js';
import { browserAvailable, launchChromium } from '../support/browser.js';
import { linkIn, TestSmtp, type ReceivedMail } from '../support/smtp.js';
import { newCaseBody, startTestStack, type TestStack } from '../support/stack.js';
import { sleep } from '../support/until.js';

/** Set to a folder (e.g. docs) to save screenshots of the e-mails and the page. */
const SHOTS = process.env.NOTIFY_SCREENSHOTS;
const LINK_KEYS = 'k2:browser-test-link-key-two,k1:browser-test-link-key-one';

let s: TestStack;
let smtp: TestSmtp;
let browser: Browser;

async function mailFor(to: string, subject: RegExp): Promise<ReceivedMail> {
  for (const end = Date.now() + 30_000; Date.now() < end; await sleep(100)) {
    const m = smtp.to(to).find((x) => subject.test(x.subject));
    if (m) return m;
  }
  throw new Error(`no mail to ${to} matching ${subject}; got ${smtp.to(to).map((m) => m.subject)}`);
}

async function phone(locale = 'en-GB'): Promise<Page> {
  const context = await browser.newContext({ locale, viewport: { width: 390, height: 844 }, isMobile: true });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return page;
}

async function shot(page: Page, name: string) {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

/** A received e-mail's HTML part, as a mail client shows it. */
async function shotOfMail(m: ReceivedMail, name: string) {
  if (!SHOTS) return;
  const page = await browser.newPage({ viewport: { width: 640, height: 560 } });
  await page.setContent(
    `<div style="font:13px system-ui;padding:8px 16px;border-bottom:1px solid #ccc;background:#f6f6f6">
    <b>${m.subject.replace(/</g, '&lt;')}</b><br>To: ${m.to.replace(/</g, '&lt;')} · Message-ID: ${m.messageId.replace(/</g, '&lt;')}</div>${m.html}`,
  );
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
  await page.close();
}

async function act(id: string, action: string, body: object) {
  const r = await s.call('agent', 'POST', `/v1/cases/${id}/${action}`, body);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
}

async function openCase(to: string, locale: string) {
  const r = await s.call(
    'integrator',
    'POST',
    '/v1/cases',
    newCaseBody({
      type: 'complaint',
      subject: locale.startsWith('zh') ? '宽带每晚断线' : 'Broadband drops every evening',
      description: 'Since Monday the line drops around 8 pm.',
      customer: { name: 'Zhao Lei', email: to, locale },
    }),
  );
  expect(r.status).toBe(201);
  await act(r.body.id, 'accept', { assignee: 'page.agent' });
  await act(r.body.id, 'wait-for-customer', {
    question: locale.startsWith('zh') ? '断线时路由器的哪个灯亮着？' : 'Which light is on when it drops?',
  });
  return r.body as { id: string; number: string };
}

const run = browserAvailable() ? describe : describe.skip;

run("the customer's case page in Chromium", () => {
  beforeAll(async () => {
    smtp = await new TestSmtp().start();
    s = await startTestStack({ SMTP_URL: smtp.url, CUSTOMER_LINK_KEYS: LINK_KEYS });
    await s.agents('page.agent');
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await s?.stop();
    await smtp?.stop();
  });

  it('opens from the e-mail, replies while pending, then rates; the case moves accordingly', async () => {
    const to = `page-${randomUUID().slice(0, 8)}@example.com`;
    const c = await openCase(to, 'en');
    const question = await mailFor(to, /more information/);
    await shotOfMail(question, 'notification-email-en');
    const page = await phone();
    await page.goto(linkIn(question));
    await shot(page, 'customer-page-en');
    await expect.poll(() => page.getByTestId('status').textContent()).toContain('Waiting for your reply');
    expect(await page.getByTestId('timeline').textContent()).toContain('Which light is on when it drops?');
    await page.getByLabel('Your reply').fill('The red DSL light blinks.');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByRole('status').waitFor();
    expect(await page.getByTestId('status').getAttribute('data-status')).toBe('investigating');
    expect(await page.getByLabel('Your reply').count()).toBe(0);
    const timeline = await s.call('agent', 'GET', `/v1/cases/${c.id}/timeline`);
    const reply = timeline.body.items.find((e: { type: string }) => e.type === 'case.customer_replied');
    expect(reply).toMatchObject({
      actor: 'integrator:customer',
      data: { message: 'The red DSL light blinks.' },
    });

    await act(c.id, 'findings', { summary: 'Line card fault at the exchange' });
    await act(c.id, 'resolution', { summary: 'We replaced the line card', remedy: 'repair' });
    await act(c.id, 'callback', { reached: true, solved: true });
    const rate = await mailFor(to, /How did we do/);
    await page.goto(linkIn(rate));
    expect(await page.getByTestId('status').getAttribute('data-status')).toBe('awaiting_rating');
    await page.getByLabel(/Score/).selectOption('4');
    await page.getByLabel(/Comment/).fill('Quick once you knew');
    await shot(page, 'customer-page-rating-en');
    await page.getByRole('button', { name: 'Send rating' }).click();
    await page.getByRole('status').waitFor();
    expect(await page.getByTestId('status').getAttribute('data-status')).toBe('closed');
    const closed = await s.call('agent', 'GET', `/v1/cases/${c.id}`);
    expect(closed.body).toMatchObject({
      status: 'closed',
      rating: { score: 4, comment: 'Quick once you knew' },
    });
    await page.context().close();
  });

  it('reads Chinese for a Chinese-speaking customer', async () => {
    const to = `page-${randomUUID().slice(0, 8)}@example.com`;
    await openCase(to, 'zh-CN');
    const question = await mailFor(to, /补充信息/);
    await shotOfMail(question, 'notification-email-zh');
    const page = await phone('zh-CN');
    await page.goto(linkIn(question));
    expect(await page.getByTestId('status').textContent()).toContain('等待您的回复');
    expect(await page.getByLabel('您的回复').count()).toBe(1);
    await shot(page, 'customer-page-zh');
    await page.context().close();
  });

  it('expired, tampered and revoked links get the plain refusal page; bad input a 4xx page', async () => {
    const to = `page-${randomUUID().slice(0, 8)}@example.com`;
    const c = await openCase(to, 'en');
    const good = linkIn(await mailFor(to, /more information/));
    const links = new CustomerLinks(parseLinkKeys(LINK_KEYS), () => s.url, 60_000);
    const expired = `${s.url}/c/${links.token(c.id, Date.now() - 120_000)}`;
    const tampered = good.replace(/.$/, (ch) => (ch === 'A' ? 'B' : 'A'));
    const otherCase = good.replace(
      c.id,
      c.id.replace(/.$/, (ch) => (ch === '0' ? '1' : '0')),
    );
    // The older key still opens links it signed.
    const oldKey = `${s.url}/c/${new CustomerLinks(parseLinkKeys('k1:browser-test-link-key-one'), () => s.url, 60_000).token(c.id)}`;
    const page = await phone();
    for (const [link, status] of [
      [expired, 410],
      [tampered, 404],
      [otherCase, 404],
      [`${s.url}/c/nonsense`, 404],
    ] as const) {
      const res = await page.goto(link);
      expect(res?.status(), link).toBe(status);
      expect(await page.getByTestId('refusal').textContent()).toContain('not valid or has expired');
      const html = await page.content();
      expect(html).not.toMatch(/at .*\.ts|Error:|stack/i);
      expect(html).not.toContain(c.number);
    }
    expect((await page.goto(oldKey))?.status()).toBe(200);

    // Bad input: an empty reply and a score out of range are 400 pages, the case unchanged.
    const post = (p: string, body: string) =>
      fetch(`${good}${p}`, {
        method: 'POST',
        body,
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        redirect: 'manual',
      });
    expect((await post('/reply', 'message=')).status).toBe(400);
    expect((await post('/rating', 'score=9')).status).toBe(400);
    // Rating while the case waits for a reply: not allowed in this state.
    expect((await post('/rating', 'score=5')).status).toBe(409);
    expect((await s.call('agent', 'GET', `/v1/cases/${c.id}`)).body.status).toBe('pending_customer');

    const revoked = await s.call('agent', 'POST', `/v1/cases/${c.id}/customer-link/revoke`);
    expect(revoked.status).toBe(200);
    const res = await page.goto(good);
    expect(res?.status()).toBe(410);
    expect(await page.getByTestId('refusal').count()).toBe(1);
    // A link issued after the revocation works again.
    await sleep(1100);
    const fresh = await s.call('agent', 'POST', `/v1/cases/${c.id}/customer-link`);
    expect((await page.goto(fresh.body.url))?.status()).toBe(200);
    await page.context().close();
  });
});
