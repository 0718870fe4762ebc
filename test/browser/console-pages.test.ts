/**
 * The console in a real browser (Debian's Chromium, headless) on the real stack: its languages,
 * accessibility (axe-core), the reports page and the admin's deadline calculator.
 */
import { expect, it } from 'vitest';
import { seriousViolations } from '../support/browser.js';
import { KEYS } from '../support/stack.js';
import {
  describeConsole,
  s,
  PATIENT,
  token,
  shot,
  newPage,
  signIn,
  openCase,
  showCustomer,
} from '../support/console.js';

describeConsole('the console in Chromium', () => {
  it('speaks Chinese to a Chinese browser, and switches to English', async () => {
    const opened = await openCase({
      type: 'complaint',
      subject: `磨机停机，要求退款 ${token}`,
      description: '设备在保修期内，客户要求尽快上门维修或退款。',
      customer: { id: `cust-zh-${token}`, name: '李雷' },
    });
    const page = await newPage('zh-CN');
    await page.goto(`${s.url}/console`);
    await page.getByRole('button', { name: '登录' }).waitFor();
    await page.getByLabel('API 密钥').fill(KEYS.supervisor);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('heading', { name: '工单队列' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await page.getByRole('button', { name: '全部工单' }).click();
    await page.getByLabel('搜索').fill('退款');
    await page.getByRole('button', { name: '应用' }).click();
    await expect.poll(() => page.locator('tbody tr').count(), PATIENT).toBeGreaterThan(0);
    await expect.poll(() => page.locator('tbody').textContent(), PATIENT).toMatch(/新建/);
    await shot(page, 'queue-zh');
    await page.locator(`tr[data-case="${opened.id}"] a`).click();
    await page.getByRole('heading', { name: '处理记录' }).waitFor();
    await shot(page, 'case-zh');
    await page.getByRole('link', { name: '审批箱' }).click();
    await page.getByRole('heading', { name: '审批箱' }).waitFor();
    await shot(page, 'inbox-zh');
    await page.getByRole('link', { name: '报表' }).click();
    await page.locator('figcaption', { hasText: 'SLA 达成率' }).waitFor();
    await shot(page, 'reports-zh');
    await page.getByLabel('语言').first().selectOption('en');
    await page.getByRole('heading', { name: 'Reports' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en-GB');
    await page.context().close();
  });

  it('has no serious or critical accessibility violations (axe-core)', async () => {
    // axe is injected as an inline script, which the console's CSP rightly refuses: bypass it here only.
    // A case waiting for approval, so the queue, the case page and the inbox all have content.
    const customer = { id: `cust-a11y-${token}`, name: 'Chen Jing' };
    const id = (await openCase({ subject: `a11y ${token}`, customer })).id as string;
    for (const [action, body] of [
      ['accept', {}],
      ['findings', { summary: 'worn bearing' }],
      ['notes', { text: 'public update', visibility: 'public' }],
      ['resolution', { summary: 'replace the bearing', remedy: 'replace' }],
    ] as const) {
      expect((await s.call('agent', 'POST', `/v1/cases/${id}/${action}`, body)).status).toBe(200);
    }
    const page = await newPage('en-GB', { bypassCSP: true });
    await page.goto(`${s.url}/console`);
    await page.getByLabel('API key').waitFor();
    const found: Record<string, unknown> = { signIn: await seriousViolations(page) };
    await signIn(page, 'supervisor');
    await page.locator('table.cases, main p').first().waitFor();
    found.queues = await seriousViolations(page);
    await showCustomer(page, customer.id);
    await page.locator(`tr[data-case="${id}"] a`).click();
    await page.locator('form.action').first().waitFor();
    found.case = await seriousViolations(page);
    await page.getByRole('link', { name: 'Approval inbox' }).click();
    await page.locator(`li[data-case="${id}"]`).waitFor();
    found.inbox = await seriousViolations(page);
    await page.getByRole('link', { name: 'Reports' }).click();
    await page.locator('figure svg').first().waitFor();
    found.reports = await seriousViolations(page);
    await page.getByRole('link', { name: 'Administration' }).click();
    await page.locator('details').first().waitFor();
    found.admin = await seriousViolations(page);
    await page.getByTestId('notifications-link').click();
    await page.getByRole('heading', { name: /Notifications/ }).waitFor();
    found.notifications = await seriousViolations(page);
    expect(found).toEqual({
      signIn: [],
      queues: [],
      case: [],
      inbox: [],
      reports: [],
      admin: [],
      notifications: [],
    });
    await page.context().close();
  });

  it('reports: charts for a period and the CSV of the same figures', async () => {
    const page = await newPage();
    await signIn(page, 'supervisor');
    await page.getByRole('link', { name: 'Reports' }).click();
    await expect.poll(() => page.locator('figure').count(), PATIENT).toBe(6);
    const total = Number(await page.locator('[data-testid="kpis"] strong').first().textContent());
    expect(total).toBeGreaterThan(0);
    await page.getByLabel('Group by').selectOption('day');
    await expect.poll(() => page.locator('figure polyline').count(), PATIENT).toBe(4);
    const href = await page.getByRole('link', { name: 'Export CSV' }).getAttribute('href');
    const csv = await page.evaluate(async (h) => (await fetch(h!)).text(), href);
    expect(csv.split('\r\n')[0]).toMatch(/^from,to,group_by,key,total,/);
    await shot(page, 'reports-en');
    await page.context().close();
  });

  it("reports: the default period runs to the end of the viewer's today, in the viewer's zone", async () => {
    // 23:30 UTC on 30 November is already 13:30 on 1 December on Kiritimati (UTC+14): a period
    // built from UTC dates ended at the viewer's midnight and left out today's cases.
    const page = await newPage('en-GB', { timezoneId: 'Pacific/Kiritimati' });
    await page.clock.setFixedTime(new Date('2026-11-30T23:30:00Z'));
    await signIn(page, 'supervisor');
    await page.getByRole('link', { name: 'Reports' }).click();
    const period = page.getByRole('form', { name: 'Period' });
    await expect.poll(() => period.locator('input[name="to"]').inputValue(), PATIENT).toBe('2026-12-02');
    expect(await period.locator('input[name="from"]').inputValue()).toBe('2026-09-08');
    await page.context().close();
  });

  it("admin: the deadline calculator answers what the API's calendar rule gives", async () => {
    const page = await newPage();
    await signIn(page, 'admin');
    await page.getByRole('link', { name: 'Administration' }).click();
    const calc = page.getByRole('form', { name: 'Deadline calculator 24x7' });
    await page.locator('summary', { hasText: '24x7' }).click();
    await calc.getByLabel(/Duration/).fill('PT8H');
    const before = Date.now();
    await calc.getByRole('button', { name: 'Calculate' }).click();
    await expect
      .poll(() => calc.locator('output').textContent())
      .toMatch(/A case opened now would be due at/);
    // 24x7: exactly eight hours after the click, shown in the viewer's zone (Berlin here) and the calendar's (UTC).
    const shown = await calc.locator('output').textContent();
    expect(shown).toContain('UTC');
    const due = new Date(before + 8 * 3600_000);
    const berlin = new Intl.DateTimeFormat('en-GB', {
      hour: '2-digit',
      minute: '2-digit',
      timeZone: 'Europe/Berlin',
    }).format(due);
    expect(shown).toContain(berlin.slice(0, 2));
    await page.getByRole('button', { name: 'API keys' }).click();
    // A name that is not a person's (a space) is refused with the API's words.
    await page.getByLabel('Name').fill(`night shift ${token}`);
    await page.getByLabel('Role').selectOption('integrator');
    await page.getByRole('button', { name: 'New key' }).click();
    await expect.poll(() => page.getByRole('alert').textContent(), PATIENT).toMatch(/name/);
    await page.getByLabel('Name').fill(`night-shop.${token}`);
    await page.getByRole('button', { name: 'New key' }).click();
    await expect.poll(() => page.getByRole('status').textContent(), PATIENT).toMatch(/csk_/);
    // Listed as scoped to its integration (the API's default for integrator keys).
    const row = page.getByRole('row', { name: new RegExp(`night-shop\\.${token}`) });
    await expect.poll(() => row.textContent(), PATIENT).toContain('✓');
    await page.context().close();
  });
});
