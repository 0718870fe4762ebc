/**
 * The service as it runs in production, on one machine, with handles to break each part of it:
 * a real PostgreSQL (throwaway, pausable), the Temporal dev server on a persistent SQLite file
 * (stoppable, restarted on the same port), the worker and the API each as their own child process
 * (`node --import tsx bin/main.ts worker|api`, in their own process group so SIGKILL really kills),
 * and a webhook receiver that records every event it is sent. Everything listens on 127.0.0.1.
 */
import { appendFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import { createDb, migrate } from '../../db/database.js';
import { AesGcmCodec, newEncryptionKey, parseEncryptionKeys } from '../../platform/payload-codec.js';
import { startDevServer, type RunningDevServer } from '../../dev/temporal-dev-server.js';
import { buildIsFresh } from '../../dev/workflow-bundle.js';
import { freePort, startTestPostgres, type TestPostgres } from '../support/postgres.js';
import { Child, safeRead, spawnChild, tail, waitUntil } from '../../scripts/topology/child.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export const KEYS = {
  integrator: 'chaos-integrator-key',
  agent: 'chaos-agent-key',
  supervisor: 'chaos-supervisor-key',
  admin: 'chaos-admin-key',
} as const;
export type Role = keyof typeof KEYS;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Every child of every cluster of this process, for the last-resort cleanup on exit. */
const liveChildren = new Set<Child>();
const livePostgres = new Set<TestPostgres>();
let exitHookInstalled = false;
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // Synchronous: 'exit' handlers cannot wait. The dev server is stopped by Cluster.stop().
  process.on('exit', () => {
    for (const c of liveChildren) c.signal('SIGKILL');
    for (const pg of livePostgres) pg.pause();
  });
}

export interface ClusterOptions {
  /** Printed as the cluster starts and breaks. */
  log?: (line: string) => void;
  /** Extra environment for the API and worker children. */
  env?: Record<string, string>;
}

export interface WebhookReceiver {
  url: string;
  /** How many times each X-Event-Id was received. */
  received: Map<string, number>;
  /** Per case, the seqs of its events in the order they first arrived. */
  order: Map<string, number[]>;
  /** When each X-Event-Id first arrived (ms). */
  firstAt: Map<string, number>;
  /** 'down': answers 503 without recording; 'hang': never answers (the sender times out). */
  mode: 'up' | 'down' | 'hang';
  close(): Promise<void>;
}

export class Cluster {
  readonly dir: string;
  pg!: TestPostgres;
  temporal?: RunningDevServer;
  temporalPort!: number;
  apiPort!: number;
  apiUrl!: string;
  taskQueue = 'cases-chaos';
  /** The worker and the API must share the payload encryption keys (shared servers). */
  readonly encryptionKeys = newEncryptionKey('chaos');
  /** Our own Temporal client, for checks (workflow status, duplicate workflows, queries). */
  client!: Client;
  private connection?: Connection;
  worker?: Child;
  api?: Child;
  webhooks!: WebhookReceiver;
  private counters = { worker: 0, api: 0 };
  private readonly log: (line: string) => void;

  constructor(private readonly opts: ClusterOptions = {}) {
    this.dir = mkdtempSync(path.join(os.tmpdir(), 'cases-chaos-'));
    this.log = opts.log ?? (() => {});
    installExitHook();
  }

  get temporalAddress(): string {
    return `127.0.0.1:${this.temporalPort}`;
  }

  async start(): Promise<void> {
    const t0 = Date.now();
    this.pg = await startTestPostgres();
    livePostgres.add(this.pg);
    const db = createDb(this.pg.url, 1);
    await migrate(db);
    await db.destroy();
    this.temporalPort = await freePort();
    this.apiPort = await freePort();
    this.apiUrl = `http://127.0.0.1:${this.apiPort}`;
    await this.startTemporal();
    this.connection = await Connection.connect({ address: this.temporalAddress });
    this.client = new Client({
      connection: this.connection,
      dataConverter: { payloadCodecs: [new AesGcmCodec(parseEncryptionKeys(this.encryptionKeys))] },
    });
    this.webhooks = await startWebhookReceiver();
    await Promise.all([this.startWorker(), this.startApi()]);
    await this.subscribeWebhooks();
    this.log(`cluster up in ${((Date.now() - t0) / 1000).toFixed(1)} s (logs: ${this.dir})`);
  }

  // --- Temporal -----------------------------------------------------------------------------------

  async startTemporal(): Promise<void> {
    this.temporal = await startDevServer({
      port: this.temporalPort,
      dbFile: path.join(this.dir, 'temporal.sqlite'),
      logFile: path.join(this.dir, 'temporal.log'),
    });
  }

  async stopTemporal(): Promise<void> {
    await this.temporal?.stop();
    this.temporal = undefined;
  }

  // --- worker and API children ----------------------------------------------------------------------

  private childEnv(): NodeJS.ProcessEnv {
    return {
      ...process.env,
      TEMPORAL_ADDRESS: this.temporalAddress,
      DATABASE_URL: this.pg.url,
      DATABASE_POOL_SIZE: '10',
      TEMPORAL_TASK_QUEUE: this.taskQueue,
      PAYLOAD_ENCRYPTION_KEYS: this.encryptionKeys,
      HOST: '127.0.0.1',
      PORT: String(this.apiPort),
      CASE_API_KEYS: Object.entries(KEYS)
        .map(([role, key]) => `${role}=${key}`)
        .join(','),
      RATE_LIMIT_PER_MINUTE: '1000000',
      // The chaos receivers listen on loopback, which webhooks may not reach unless allowed.
      WEBHOOK_ALLOWED_HOSTS: '127.0.0.1,::1,localhost',
      // Every process serves /metrics on its own port: any free one, not the fixed default.
      METRICS_PORT: '0',
      LOG_LEVEL: process.env.CHAOS_LOG_LEVEL ?? 'warn',
      // Our own terminal is not theirs.
      FORCE_COLOR: '0',
      ...this.opts.env,
    };
  }

  private async spawnRole(role: 'worker' | 'api'): Promise<Child> {
    const n = ++this.counters[role];
    const logFile = path.join(this.dir, `${role}-${n}.log`);
    // One process, no tsx wrapper in between: the pid we SIGKILL is the service itself. The
    // compiled service when dist/ was built from today's sources (as in CI, after npm install): its
    // worker loads the shipped workflow bundle instead of running webpack at every (re)start.
    const main = buildIsFresh() ? ['dist/bin/main.js'] : ['--import', 'tsx', 'bin/main.ts'];
    const child = spawnChild(`${role}-${n}`, [process.execPath, ...main, role], {
      cwd: ROOT,
      env: this.childEnv(),
      logFile,
    });
    liveChildren.add(child);
    void child.exit.then(() => liveChildren.delete(child));
    // Ready: bin/main.ts prints "ready" once the role is up.
    await waitUntil(child, () => /\] ready\b/.test(safeRead(logFile)), 'ready', 90_000);
    return child;
  }

  async startWorker(): Promise<void> {
    await this.startRole('worker');
  }

  async killWorker(): Promise<void> {
    await this.worker?.kill9();
  }

  async startApi(): Promise<void> {
    await this.startRole('api');
  }

  async killApi(): Promise<void> {
    await this.api?.kill9();
  }

  private async startRole(role: 'worker' | 'api'): Promise<void> {
    const t0 = Date.now();
    const child = await this.spawnRole(role);
    this[role] = child;
    this.log(`  ${child.name} ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    void child.exit.then(() => {
      if (child.endedByUs || this.stopping) return;
      const how = child.proc.exitCode ?? child.proc.signalCode;
      const crash = `${child.name} exited by itself (${how}): ${crashSummary(child.logFile)} (log: ${child.logFile})`;
      this.crashes.push(crash);
      this.log(`  !! ${child.name} exited by itself (${how}): ${child.logFile}`);
      this.note(crash);
      // Like a process supervisor (docker's restart policy): start it again, bounded.
      if (this[role] === child) this.restarting[role] = this.restartAfterCrash(role);
    });
  }

  private async restartAfterCrash(role: 'worker' | 'api'): Promise<void> {
    for (let attempt = 1; attempt <= 60 && !this.stopping; attempt++) {
      await sleep(2000);
      try {
        await this.startRole(role);
        return;
      } catch (err) {
        this.note(`restart of ${role} failed (attempt ${attempt}): ${(err as Error).message}`);
      }
    }
  }

  /** Children that exited by themselves so far (crashes), with the end of their logs. */
  readonly crashes: string[] = [];
  private restarting: Partial<Record<'worker' | 'api', Promise<void>>> = {};
  private stopping = false;

  // --- HTTP helpers ---------------------------------------------------------------------------------

  private async subscribeWebhooks(): Promise<void> {
    await this.subscribe(this.webhooks.url);
  }

  /** Subscribes a receiver to every event; answers the subscription id. */
  async subscribe(url: string): Promise<string> {
    const res = await fetch(`${this.apiUrl}/v1/webhooks`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${KEYS.admin}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ url, events: ['*'] }),
    });
    if (res.status !== 201) throw new Error(`webhook subscription: HTTP ${res.status} ${await res.text()}`);
    return ((await res.json()) as { id: string }).id;
  }

  async unsubscribe(id: string): Promise<void> {
    const res = await fetch(`${this.apiUrl}/v1/webhooks/${id}`, {
      method: 'DELETE',
      headers: { Authorization: `Bearer ${KEYS.admin}` },
    });
    if (res.status !== 204) throw new Error(`webhook unsubscribe: HTTP ${res.status}`);
  }

  /** Waits until /readyz says every dependency answers (bounded). */
  async waitReady(timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let last = '';
    while (Date.now() < deadline) {
      try {
        const r = await fetch(`${this.apiUrl}/readyz`, { signal: AbortSignal.timeout(5000) });
        if (r.status === 200) return;
        last = `${r.status} ${await r.text()}`;
      } catch (err) {
        last = String(err);
      }
      await sleep(250);
    }
    throw new Error(`the API did not become ready within ${timeoutMs} ms: ${last}`);
  }

  /** Everything up again (after a scenario that may have failed half-way). */
  async heal(): Promise<void> {
    this.pg.resume();
    await Promise.all(Object.values(this.restarting));
    if (!this.temporal) await this.startTemporal();
    if (!this.worker?.alive) await this.startWorker();
    if (!this.api?.alive) await this.startApi();
    await this.waitReady();
  }

  /** Stops everything; the logs stay when `keepLogs` (a failed run) or CHAOS_KEEP_LOGS is set. */
  async stop(keepLogs = false): Promise<void> {
    this.stopping = true;
    await Promise.all([this.api?.stop(), this.worker?.stop()]);
    for (const c of [...liveChildren]) if (c === this.api || c === this.worker) await c.kill9();
    await this.connection?.close().catch(() => {});
    await this.stopTemporal().catch(() => {});
    await this.webhooks?.close().catch(() => {});
    if (this.pg) {
      await this.pg.stop();
      livePostgres.delete(this.pg);
    }
    // The logs of the service's processes (and the Temporal server's) help explain a failure.
    // CHAOS_KEEP_LOGS=1 keeps everything (also Temporal's SQLite file, for `temporal workflow show`).
    if (process.env.CHAOS_KEEP_LOGS) return;
    if (keepLogs) {
      for (const f of readdirSync(this.dir)) {
        if (!f.endsWith('.log')) rmSync(path.join(this.dir, f), { recursive: true, force: true });
      }
    } else rmSync(this.dir, { recursive: true, force: true });
  }

  note(line: string): void {
    appendFileSync(path.join(this.dir, 'chaos.log'), `${new Date().toISOString()} ${line}\n`);
  }
}

/** The gist of a crash: the error line and where it was thrown from, out of a Node crash dump. */
export function crashSummary(file: string): string {
  const lines = safeRead(file).split('\n');
  const start = lines.findIndex((l) => /throw er; \/\/ Unhandled|Uncaught|^\s*\^$/.test(l));
  const gist = lines
    .slice(Math.max(0, start))
    .filter((l) => /^\w*(Error|error)\b.*:|^Emitted '|^\s+at \S+ \(\/.*\/(pg|kysely|pg-pool)\//.test(l))
    .slice(0, 4)
    .map((l) => l.trim());
  return gist.length ? gist.join(' | ') : tail(file, 5).replace(/\n/g, ' | ');
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received = new Map<string, number>();
  const order = new Map<string, number[]>();
  const firstAt = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    const id = req.headers['x-event-id'];
    req.resume();
    req.on('end', () => {
      if (receiver.mode === 'hang') return;
      if (receiver.mode === 'down') return void res.writeHead(503).end();
      if (typeof id === 'string') {
        if (!firstAt.has(id)) firstAt.set(id, Date.now());
        const n = received.get(id) ?? 0;
        received.set(id, n + 1);
        // Event ids are `<caseId>:<seq>`.
        const cut = id.lastIndexOf(':');
        if (n === 0 && cut > 0) {
          const caseId = id.slice(0, cut);
          order.set(caseId, [...(order.get(caseId) ?? []), Number(id.slice(cut + 1))]);
        }
      }
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  const receiver: WebhookReceiver = {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    order,
    firstAt,
    mode: 'up',
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return receiver;
}
