/**
 * Notifications in the console (Chromium on the real stack, a database of the file's own so the
 * counts are this file's alone): the header's unread count, and a breach the workflow fires
 * arriving on the open page without a reload, in English and in Chinese; marking one read.
 */
import { expect, it } from 'vitest';
import {
  describeConsole,
  fastPolicy,
  newPage,
  openCase,
  PATIENT,
  s,
  shot,
  signIn,
  token,
} from '../support/console.js';
import { ownDatabase } from '../support/stack.js';

const unreadOf = async () => (await s.call('supervisor', 'GET', '/v1/notifications')).body.unread as number;

describeConsole(
  'notifications in the console',
  () => {
    it('the unread count is shown, and a breach arrives live; one is marked read', async () => {
      const policy = `notify-fast-${token}`;
      await fastPolicy(policy, 'PT8S', 'PT2S');
      const page = await newPage();
      await signIn(page, 'supervisor');
      const badge = page.getByTestId('unread-count');
      await expect.poll(() => badge.textContent(), PATIENT).toBe('0');
      await page.getByTestId('notifications-link').click();
      await page.getByText('Nothing to tell you yet.').waitFor();

      const c = await openCase({ type: 'complaint', slaPolicy: policy });
      // The breach fires ~8 s after opening; the page shows it without a reload.
      const breach = page.locator('li[data-type="supervisor.notified"]');
      await breach.waitFor({ timeout: 30_000 });
      await expect.poll(() => breach.textContent()).toContain(c.number);
      await expect.poll(() => badge.textContent(), PATIENT).toBe(String(await unreadOf()));
      const before = Number(await badge.textContent());
      expect(before).toBeGreaterThanOrEqual(2); // the breach and the supervisor notified, at least
      await shot(page, 'notifications-en');

      await breach.getByRole('button', { name: 'Mark read' }).click();
      await expect.poll(() => breach.getAttribute('class'), PATIENT).toBe('read');
      await expect.poll(() => badge.textContent(), PATIENT).toBe(String(before - 1));
      expect(await unreadOf()).toBe(before - 1);
      await page.context().close();

      const zh = await newPage('zh-CN');
      await signIn(zh, 'supervisor', '登录');
      await zh.getByTestId('notifications-link').click();
      await expect
        .poll(() => zh.locator('li[data-type="sla.breached"]').textContent(), PATIENT)
        .toContain('时限已超时');
      await expect.poll(() => zh.getByTestId('unread-count').textContent(), PATIENT).toBe(String(before - 1));
      await shot(zh, 'notifications-zh');
      await zh.context().close();
    });
  },
  async () => ({ DATABASE_URL: await ownDatabase() }),
);
