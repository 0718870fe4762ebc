/**
 * A worker killed (SIGKILL) while it is sending a notification: the API runs here, the workers in
 * child processes. The receiver holds the message's DATA until the worker is dead, then takes it,
 * as a real server that committed the message before its answer reached the sender would. A new
 * worker retries the send with the same Message-ID and Date, and the rest of the complaint's life
 * goes out once each: every expected message arrives, the only repeat is that same message.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../../app/config.js';
import { createLogger, startStack, type Stack } from '../../app/stack.js';
import { PROJECT_ROOT } from '../../platform/project-root.js';
import { TestSmtp } from '../support/smtp.js';
import { sleep, until } from '../support/until.js';
import { addBenchAgents, KEYS, newCaseBody, TEST_ENCRYPTION_KEYS } from '../support/stack.js';

const queue = `cases-kill-${randomUUID().slice(0, 8)}`;
let smtp: TestSmtp;
let api: Stack;
const workers: ChildProcess[] = [];

function env(): Record<string, string> {
  return {
    TEMPORAL_ADDRESS: inject('temporalAddress'),
    DATABASE_URL: inject('databaseUrl'),
    TEMPORAL_TASK_QUEUE: queue,
    WEBHOOK_TASK_QUEUE: `${queue}-webhooks`,
    MAIL_TASK_QUEUE: `${queue}-mail`,
    PAYLOAD_ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS,
    SMTP_URL: smtp.url,
    MAIL_FROM: 'Service <service@kill.example>',
    PUBLIC_URL: 'http://localhost:3999',
    METRICS_PORT: '0',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
  };
}

/** A worker process from the sources (tsx in-process, so SIGKILL kills the worker itself). */
function startWorker(): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bin/main.ts', 'worker'], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, ...env() },
    stdio: 'ignore',
  });
  workers.push(child);
  return child;
}

async function call(method: string, path: string, body?: unknown) {
  const res = await fetch(api.apiUrl + path, {
    method,
    headers: { Authorization: `Bearer ${KEYS.agent}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as any };
}

describe('a worker killed while sending', () => {
  beforeAll(async () => {
    smtp = await new TestSmtp().start();
    const config = loadConfig({
      ...env(),
      PORT: '0',
      HOST: '127.0.0.1',
      CASE_API_KEYS: `agent=${KEYS.agent}`,
      // The first answer waits for a worker that bundles its workflows at start.
      UPDATE_TIMEOUT_MS: '120000',
    });
    api = await startStack(config, {
      roles: ['api'],
      logger: createLogger(config.logLevel),
      progress: () => {},
    });
    await addBenchAgents(api.db, ['kill.agent']);
  });
  afterAll(async () => {
    for (const w of workers) w.kill('SIGKILL');
    await api?.stop();
    await smtp?.stop();
  });

  it(
    'every message of the complaint arrives, with one Message-ID each; only the one in flight repeats',
    { timeout: 240_000 },
    async () => {
      let release!: () => void;
      smtp.hold = new Promise<void>((r) => (release = r));
      const first = startWorker();
      const to = `kill-${randomUUID().slice(0, 8)}@example.com`;
      const opened = await call(
        'POST',
        '/v1/cases',
        newCaseBody({ type: 'complaint', customer: { name: 'Sun Li', email: to, locale: 'en' } }),
      );
      expect(opened.status).toBe(201);
      const id = opened.body.id as string;
      // The receiver has the first message's DATA and holds its answer: kill the sender now.
      expect(await until(() => smtp.holding > 0, 60_000)).toBe(true);
      first.kill('SIGKILL');
      await new Promise((r) => first.once('exit', r));
      smtp.hold = undefined;
      release();
      expect(await until(() => smtp.to(to).length === 1, 10_000)).toBe(true);
      const pending = await api.db
        .selectFrom('mail_messages')
        .select('status')
        .where('case_id', '=', id)
        .execute();
      expect(pending.map((r) => r.status)).toEqual(['pending']); // the dead worker never recorded it

      startWorker();
      for (const [action, body] of [
        ['accept', { assignee: 'kill.agent' }],
        ['wait-for-customer', { question: 'Which card?' }],
        ['customer-reply', { message: 'Visa' }],
        ['findings', { summary: 'Double charge' }],
        ['resolution', { summary: 'Refunded', remedy: 'guidance' }],
        ['callback', { reached: true, solved: true }],
        ['rating', { score: 5 }],
      ] as const) {
        const r = await call('POST', `/v1/cases/${id}/${action}`, body);
        expect(r.status, JSON.stringify(r.body)).toBe(200);
      }
      const timeline = await call('GET', `/v1/cases/${id}/timeline`);
      const notifying = [
        'case.opened',
        'case.accepted',
        'case.waiting_for_customer',
        'case.resolved',
        'case.callback',
        'case.closed',
      ];
      const expected = (timeline.body.items as { seq: number; type: string }[])
        .filter((e) => notifying.includes(e.type))
        .map((e) => e.seq);
      expect(expected).toHaveLength(notifying.length);
      const ids = expected.map((seq) => `<case.${id}.${seq}@kill.example>`);
      expect(await until(() => ids.every((m) => smtp.to(to).some((x) => x.messageId === m)), 60_000)).toBe(
        true,
      );
      // The message in flight at the kill is sent again once the dead worker's claim on it lapses.
      const statuses = async () =>
        (await api.db.selectFrom('mail_messages').select('status').where('case_id', '=', id).execute()).map(
          (r) => r.status,
        );
      expect(await until(async () => (await statuses()).every((st) => st === 'sent'), 60_000)).toBe(true);
      await sleep(2000);
      const mails = smtp.to(to);
      expect([...new Set(mails.map((m) => m.messageId))].sort()).toEqual([...ids].sort());
      // The message in flight at the kill came twice at most, identical: same Message-ID, Date, text.
      const copies = (m: string) => mails.filter((x) => x.messageId === m);
      expect(copies(ids[0]!).length).toBeLessThanOrEqual(2);
      expect(new Set(copies(ids[0]!).map((x) => `${x.date}|${x.subject}|${x.text}`)).size).toBe(1);
      for (const m of ids.slice(1)) expect(copies(m)).toHaveLength(1);
    },
  );
});
