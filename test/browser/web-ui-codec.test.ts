/**
 * The real Temporal Web UI of the embedded dev server, in Debian's Chromium: a supervisor signs in
 * on the codec page, opens a case workflow and reads its decoded input, once with everything opened
 * as 127.0.0.1 and once as localhost. Ops without a session still read the case's summary. The
 * workflow list with the case search attributes as columns is saved as docs/web-ui-workflow-list.png
 * when WEB_UI_SCREENSHOTS names a folder.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, launchChromium } from '../support/browser.js';
import { freePort } from '../support/postgres.js';
import { KEYS, newCaseBody, startTestStack, type TestStack } from '../support/stack.js';

const SHOTS = process.env.WEB_UI_SCREENSHOTS;
/** The page's storage, typed here (these tests compile without the DOM library). */
type WithStorage = { localStorage: { setItem(key: string, value: string): void } };

let s: TestStack;
let browser: Browser;
let dataDir: string;
let apiPort: number;
let uiPort: number;
let opened: { id: string; number: string; workflowId: string; priority: string };

beforeAll(async () => {
  if (!browserAvailable()) return;
  dataDir = mkdtempSync(path.join(tmpdir(), 'web-ui-'));
  [apiPort, uiPort] = [await freePort(), await freePort()];
  // The embedded mode, as `npm start` runs it: our own dev server with its Web UI and codec endpoint.
  s = await startTestStack({
    TEMPORAL_ADDRESS: '',
    TEMPORAL_PORT: String(await freePort()),
    TEMPORAL_UI_PORT: String(uiPort),
    PORT: String(apiPort),
    DATA_DIR: dataDir,
  });
  // A round-the-clock policy: its respond warning is a timer whenever the test runs. (The complaint
  // default warns 4 working hours before a 4-hour response: at once in working hours, no timer.)
  const r = await s.call(
    'integrator',
    'POST',
    '/v1/cases',
    newCaseBody({ type: 'complaint', slaPolicy: 'standard' }),
  );
  expect(r.status).toBe(201);
  opened = r.body;
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await s?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function signIn(context: BrowserContext, host: string): Promise<void> {
  const page = await context.newPage();
  await page.goto(`http://${host}:${apiPort}/codec/login`);
  await expect.poll(() => page.locator('#endpoint').textContent()).toBe(`http://${host}:${apiPort}/codec`);
  await page.fill('#k', KEYS.supervisor);
  await page.click('button');
  await page.getByText('Session open').waitFor();
  // The page links to the Web UI under the host name it was opened with.
  expect(await page.locator('#ui').getAttribute('href')).toBe(`http://${host}:${uiPort}`);
  await page.close();
}

/** The Web UI's codec settings, as the user sets them in its Codec Server dialog. */
async function useCodec(page: Page, host: string): Promise<void> {
  await page.evaluate(
    ({ endpoint }) => {
      (globalThis as unknown as WithStorage).localStorage.setItem('endpoint', JSON.stringify(endpoint));
      (globalThis as unknown as WithStorage).localStorage.setItem('includeCredentials', 'true');
      (globalThis as unknown as WithStorage).localStorage.setItem('passAccessToken', 'false');
      (globalThis as unknown as WithStorage).localStorage.setItem('overrideRemoteCodecConfiguration', 'true');
    },
    { endpoint: `http://${host}:${apiPort}/codec` },
  );
}

const run = browserAvailable() ? describe : describe.skip;

run('the Temporal Web UI with the codec endpoint', () => {
  it('prints one canonical Web UI URL, on the host name of the API and the codec endpoint', () => {
    expect(s.temporalUiUrl).toBe(`http://localhost:${uiPort}`);
  });

  it.each(['127.0.0.1', 'localhost'])(
    'a supervisor signed in at %s reads the decoded input',
    async (host) => {
      const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
      try {
        await signIn(context, host);
        const page = await context.newPage();
        page.setDefaultTimeout(20_000);
        const url = `http://${host}:${uiPort}/namespaces/default/workflows/${encodeURIComponent(opened.workflowId)}`;
        await page.goto(url);
        await useCodec(page, host);
        await page.goto(url);
        // The input, decoded by our codec endpoint with the session cookie, sealed fields revealed.
        await page.getByText('"Li Wei"').waitFor();
        await page.getByText(`"${opened.number}"`).first().waitFor();
        if (SHOTS && host === 'localhost')
          await page.screenshot({ path: path.join(SHOTS, 'web-ui-codec-supervisor.png') });
      } finally {
        await context.close();
      }
    },
  );

  it('ops without a codec session read the summary, details and timer summary, not the input', async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    try {
      const page = await context.newPage();
      page.setDefaultTimeout(20_000);
      await page.goto(
        `${s.temporalUiUrl}/namespaces/default/workflows/${encodeURIComponent(opened.workflowId)}`,
      );
      // The timer's summary in the timeline, in the clear.
      await page
        .getByText(/respond warning at \d{4}-/)
        .first()
        .waitFor();
      // The input stays ciphertext: no session, nothing personal.
      expect(await page.locator('body').innerText()).not.toContain('Li Wei');
      await page.getByText('User Metadata', { exact: true }).click();
      // The UI renders summary and details as Markdown inside iframes: read every frame's text.
      const allText = async () =>
        (
          await Promise.all(
            page.frames().map((f) =>
              f
                .locator('body')
                .innerText()
                .catch(() => ''),
            ),
          )
        ).join('\n');
      await expect
        .poll(allText, { timeout: 20_000 })
        .toContain(`complaint · ${opened.priority} · ${opened.number}`);
      const shown = await allText();
      expect(shown).toMatch(new RegExp(`Case ${opened.number} via api; SLA policy`));
      expect(shown).toMatch(/level 1 · /);
      const text = await allText();
      for (const secret of ['Li Wei', 'li.wei@example.com', 'Minerals Co', 'Grinder stopped']) {
        expect(text).not.toContain(secret);
      }
    } finally {
      await context.close();
    }
  });

  it('lists cases with the case search attributes as columns', async () => {
    const more = [];
    for (const type of ['fault_report', 'inquiry', 'service_request']) {
      const r = await s.call('integrator', 'POST', '/v1/cases', newCaseBody({ type }));
      more.push(r.body);
    }
    await s.call('agent', 'POST', `/v1/cases/${more[0].id}/accept`, {});
    const context = await browser.newContext({ viewport: { width: 1600, height: 560 } });
    try {
      const page = await context.newPage();
      page.setDefaultTimeout(20_000);
      await page.goto(`${s.temporalUiUrl}/namespaces/default/workflows`);
      // The columns docs/operations-web-ui.md tells ops to choose (Configure Columns).
      await page.evaluate((columns) => {
        (globalThis as unknown as WithStorage).localStorage.setItem(
          'namespace-workflow-table-columns',
          JSON.stringify({ default: columns.map((label) => ({ label })) }),
        );
      }, OPS_COLUMNS);
      const query = "WorkflowType = 'caseWorkflow' AND ExecutionStatus = 'Running'";
      await page.goto(`${s.temporalUiUrl}/namespaces/default/workflows?query=${encodeURIComponent(query)}`);
      for (const c of [opened, ...more]) await page.getByText(c.number, { exact: true }).waitFor();
      const header = await page.locator('thead').innerText();
      for (const column of ['CaseNumber', 'CaseStatus', 'CasePriority', 'CaseNextDeadline']) {
        expect(header).toContain(column);
      }
      if (SHOTS) {
        mkdirSync(SHOTS, { recursive: true });
        await page.screenshot({ path: path.join(SHOTS, 'web-ui-workflow-list.png') });
      }
    } finally {
      await context.close();
    }
  });
});

const OPS_COLUMNS = [
  'Status',
  'CaseNumber',
  'CaseKind',
  'CaseStatus',
  'CasePriority',
  'CaseLevel',
  'CaseAssignee',
  'CaseBreached',
  'CaseNextDeadline',
  'Start',
  'Workflow ID',
];
