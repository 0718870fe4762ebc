/**
 * The console test harness (test/browser/console*.test.ts): one stack and one Chromium per file,
 * pages in a chosen locale, signing in and out, acting on a case's forms, opening cases.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect } from 'vitest';
import { buildConsole } from '../../console/build.js';
import { browserAvailable, launchChromium } from './browser.js';
import { KEYS, newCaseBody, startTestStack, type TestRole, type TestStack } from './stack.js';

/** Set to a folder (e.g. docs) to save screenshots of the pages as the tests pass through them. */
const SHOTS = process.env.CONSOLE_SCREENSHOTS;

/** The stack of the running file's tests (started in describeConsole's beforeAll). */
export let s: TestStack;
let browser: Browser;
const pageErrors: string[] = [];
/** For steps that wait on the server: generous, since the test machine may be busy. */
export const PATIENT = { timeout: 15_000, interval: 100 };
export const token = randomUUID().slice(0, 8);

export async function shot(page: Page, name: string) {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `console-${name}.png`), fullPage: true });
}

export async function newPage(
  locale = 'en-GB',
  opts: Pick<BrowserContextOptions, 'bypassCSP' | 'timezoneId'> = {},
) {
  const context: BrowserContext = await browser.newContext({
    locale,
    timezoneId: 'Europe/Berlin',
    viewport: { width: 1360, height: 900 },
    ...opts,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  // A script error in the page fails the test that caused it.
  page.on('pageerror', (err) => pageErrors.push(err.message));
  return page;
}

export async function signIn(page: Page, role: TestRole, label = 'Sign in') {
  await page.goto(`${s.url}/console`);
  await page.getByLabel(/API key|API 密钥/).fill(KEYS[role]);
  await page.getByRole('button', { name: label }).click();
  await page.getByTestId('who').waitFor();
}

export async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByLabel('API key').waitFor();
}

export async function act(
  page: Page,
  action: string,
  fill: (form: ReturnType<Page['locator']>) => Promise<void>,
) {
  const form = page.locator(`form[data-action="${action}"]`);
  await fill(form);
  await form.getByRole('button').last().click();
}

export const status = (page: Page) => page.getByTestId('case-status');

/** A case opened through the integrator API, as a customer's request arrives. */
export async function openCase(overrides: Record<string, unknown> = {}) {
  const opened = await s.call('integrator', 'POST', '/v1/cases', newCaseBody(overrides));
  expect(opened.status, JSON.stringify(opened.body)).toBe(201);
  return opened.body;
}

/** A round-the-clock policy whose first response is due `respondWithin` after opening (24x7). */
export async function fastPolicy(name: string, respondWithin: string, warnBefore: string) {
  const put = await s.call('admin', 'PUT', `/v1/sla-policies/${name}`, {
    calendar: '24x7',
    respondWithin,
    resolveWithin: 'PT1H',
    callbackWithin: 'PT1H',
    rateWithin: 'PT1H',
    warnBefore,
  });
  expect(put.status, JSON.stringify(put.body)).toBe(200);
}

/**
 * The queue narrowed to one customer: the queue sorts by next deadline, and other test files share
 * the database, so a case just opened may sit past the first page of everything open.
 */
export async function showCustomer(page: Page, customerId: string) {
  await page.getByLabel('Customer id').fill(customerId);
  await page.getByRole('button', { name: 'Apply' }).click();
}

const run = browserAvailable() ? describe : describe.skip;

/**
 * The console's tests on one stack and one Chromium, built, started and closed around them; a
 * script error in a page fails the test that caused it.
 */
export function describeConsole(
  title: string,
  tests: () => void,
  /** The stack's environment beyond the tests' (e.g. a database of the file's own). */
  env: () => Promise<Record<string, string>> = async () => ({}),
): void {
  run(title, () => {
    beforeAll(async () => {
      await buildConsole();
      s = await startTestStack(await env());
      browser = await launchChromium();
    });
    afterEach(() => {
      expect(pageErrors.splice(0)).toEqual([]);
    });
    afterAll(async () => {
      await browser?.close();
      await s?.stop();
    });

    tests();
  });
}
