/**
 * Stopping is bounded and a restart finds its embedded servers, whatever was in flight.
 *
 * The real `start` process (embedded Temporal dev server + embedded PostgreSQL under a fresh
 * DATA_DIR) with a webhook delivery hanging on a receiver that never answers:
 *   1. SIGINT ends it within the stated 30 s bound (exit 0) and the detached Temporal server with it;
 *   2. a restart is ready again, the case is intact, and the interrupted delivery goes out;
 *   3. after `kill -9` (no exit hook runs) a restart still finds its servers (the leftover dev
 *      server is stopped, the stale postgres.url ignored);
 *   4. a second SIGINT stops at once (exit 130).
 */
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  alive,
  killLeftovers,
  ready,
  serviceEnv,
  startService,
  stop,
  temporalPid as devServerPid,
} from '../support/service-process.js';
import { newCaseBody } from '../support/stack.js';

const STOP_BOUND_MS = 30_000;
const dataDir = mkdtempSync(path.join(tmpdir(), 'case-shutdown-'));
const keys = { admin: randomUUID(), integrator: randomUUID() };
let env: NodeJS.ProcessEnv;
let apiUrl: string;
let running: ChildProcess | undefined;

/** A receiver that hangs every request while `hang` is set, and answers 200 otherwise. */
const receiver = {
  hang: true,
  seen: [] as string[],
  delivered: new Set<string>(),
  held: [] as ServerResponse[],
  server: undefined as Server | undefined,
  url: '',
};

function onRequest(req: IncomingMessage, res: ServerResponse): void {
  const id = String(req.headers['x-event-id'] ?? '');
  req.resume();
  req.on('end', () => {
    receiver.seen.push(id);
    if (receiver.hang) return void receiver.held.push(res);
    receiver.delivered.add(id);
    res.writeHead(200).end();
  });
}

function start(): ChildProcess {
  running = startService(env, ['--import', 'tsx', 'bin/main.ts', 'start']);
  return running;
}

const temporalPid = () => devServerPid(dataDir);

async function call(role: keyof typeof keys, method: string, p: string, body?: unknown) {
  const res = await fetch(apiUrl + p, {
    method,
    headers: {
      Authorization: `Bearer ${keys[role]}`,
      'Content-Type': 'application/json',
      'Idempotency-Key': randomUUID(),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json().catch(() => undefined)) as any };
}

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

beforeAll(async () => {
  receiver.server = createServer(onRequest);
  await new Promise<void>((r) => receiver.server!.listen(0, '127.0.0.1', r));
  receiver.url = `http://127.0.0.1:${(receiver.server.address() as { port: number }).port}/hook`;
  ({ env, apiUrl } = await serviceEnv(dataDir, {
    CASE_API_KEYS: `admin:ops.test=${keys.admin},integrator:crm.test=${keys.integrator}`,
    WEBHOOK_ALLOWED_HOSTS: '127.0.0.1',
  }));
});

afterAll(async () => {
  killLeftovers(running, dataDir);
  for (const res of receiver.held) res.destroy();
  receiver.server?.closeAllConnections();
  await new Promise((r) => receiver.server?.close(r));
  rmSync(dataDir, { recursive: true, force: true });
});

describe('stopping the service', () => {
  let caseId = '';

  it('SIGINT with a webhook delivery in flight ends within the bound, embedded Temporal too', async () => {
    const child = start();
    await ready(child);
    const sub = await call('admin', 'POST', '/v1/webhooks', { url: receiver.url, events: ['*'] });
    expect(sub.status).toBe(201);
    const opened = await call('integrator', 'POST', '/v1/cases', newCaseBody());
    expect(opened.status).toBe(201);
    caseId = opened.body.id;
    await until('a delivery in flight', () => receiver.held.length > 0);
    const devServer = temporalPid();
    expect(alive(devServer)).toBe(true);

    const { code, ms } = await stop(child, ['SIGINT']);
    console.log(`SIGINT with a delivery in flight: exited ${code} after ${ms} ms`);
    expect(code).toBe(0);
    expect(ms).toBeLessThan(STOP_BOUND_MS);
    await until('the embedded Temporal server to stop', () => !alive(devServer), 10_000);
  }, 240_000);

  it('a restart finds its data and sends the interrupted delivery', async () => {
    receiver.hang = false;
    const child = start();
    await ready(child);
    const view = await call('integrator', 'GET', `/v1/cases/${caseId}`);
    expect(view.status).toBe(200);
    expect(view.body.status).toBe('new');
    // The opening event that hung before the stop is delivered now.
    const heldIds = new Set(receiver.seen.slice(0, receiver.held.length));
    await until('the interrupted delivery', () => [...heldIds].every((id) => receiver.delivered.has(id)));
  }, 240_000);

  it('after kill -9 a restart finds its embedded servers; a second SIGINT stops at once', async () => {
    const before = temporalPid();
    running!.kill('SIGKILL');
    await new Promise((r) => running!.once('exit', r));
    // No exit hook ran: the detached dev server outlived its parent.
    expect(alive(before)).toBe(true);

    const child = start();
    await ready(child);
    expect(temporalPid()).not.toBe(before);
    expect(alive(before)).toBe(false);
    const view = await call('integrator', 'GET', `/v1/cases/${caseId}`);
    expect(view.status).toBe(200);
    // The case's workflow still takes decisions.
    const escalated = await call('integrator', 'POST', `/v1/cases/${caseId}/escalate`, {
      reason: 'customer called again',
    });
    expect(escalated.status).toBe(200);
    expect(escalated.body.level).toBe(2);

    const { code, ms } = await stop(child, ['SIGINT', 'SIGINT']);
    expect(code).toBe(130);
    expect(ms).toBeLessThan(5_000);
  }, 240_000);
});
