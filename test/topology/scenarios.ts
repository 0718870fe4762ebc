/**
 * What the topology test does to the running topology: lifecycles spread over both APIs while a
 * worker and an API are killed, a Temporal server restart, and checks of the fresh start.
 * (The rolling upgrade and the shared limits are in upgrade.ts and limits.ts.)
 */
import os from 'node:os';
import type { Client } from '@temporalio/client';
import proto from '@temporalio/proto';
import pg from 'pg';
import { CASE_SEARCH_ATTRIBUTES } from '../../domain/case/contract.js';
import { loadConfig } from '../../app/config.js';
import { INDEXED_VALUE_TYPES } from '../../app/search-attributes.js';
import { service } from '../../scripts/topology/compose.js';
import type { Topology } from '../../scripts/topology/topology.js';
import type { WebhookReceiver } from '../chaos/cluster.js';
import {
  HttpStats,
  Integrator,
  newLifecycles,
  Progress,
  runLifecycle,
  STEPS_PER_LIFECYCLE,
  type Lifecycle,
} from '../chaos/driver.js';
import { emptyFigures, verifyReadModel, verifySettled, type Figures } from '../chaos/verify.js';
import type { Report } from './report.js';

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const { TaskQueueType } = proto.temporal.api.enums.v1;
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export interface Run {
  name: string;
  lifecycles: Lifecycle[];
  figures: Figures;
  endedAt: number;
}

export interface Ctx {
  t: Topology;
  client: Client;
  report: Report;
  log: (line: string) => void;
  runTag: string;
  webhooks: WebhookReceiver;
  stats: HttpStats;
  /** Integrator calls spread round-robin over the API instances (a load balancer). */
  api: Integrator;
  /** Attempts each API instance was sent. */
  sentTo: number[];
  runs: Run[];
  faults: string[];
}

export function spreadIntegrator(t: Topology, stats: HttpStats, sentTo: number[]): Integrator {
  let next = 0;
  return new Integrator(
    () => {
      const i = next++ % t.apiPorts.length;
      sentTo[i] = (sentTo[i] ?? 0) + 1;
      return t.apiUrl(i);
    },
    stats,
    {
      attemptTimeoutMs: 25_000,
      deadlineMs: 120_000,
      maxAttempts: 200,
      initialBackoffMs: 200,
      maxBackoffMs: 2000,
    },
  );
}

// --- the fresh start --------------------------------------------------------------------------------

async function query<T>(t: Topology, db: string, sql: string): Promise<T[]> {
  const user = t.env('postgresql', 'POSTGRES_USER') ?? 'postgres';
  const password = t.env('postgresql', 'POSTGRES_PASSWORD') ?? '';
  const client = new pg.Client({ host: '127.0.0.1', port: t.pgPort, user, password, database: db });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

/** Right after the schema script, before the server starts: both databases set up and updated. */
export async function checkSchema(ctx: Ctx): Promise<void> {
  for (const db of ['temporal', 'temporal_visibility']) {
    await ctx.report.attempt(`schema script: database ${db} set up and updated`, async () => {
      const [row] = await query<{ curr_version: string }>(
        ctx.t,
        db,
        'SELECT curr_version FROM schema_version',
      );
      ctx.report.figure(`schema ${db}: version ${row?.curr_version}`);
      return (row && row.curr_version !== '0.0') || `schema_version: ${JSON.stringify(row)}`;
    });
  }
}

/**
 * Right after the bootstrap, before any worker or API could register anything: the server persists
 * to PostgreSQL, and the bootstrap script created the namespace (with the compose file's
 * retention) and the case search attributes.
 */
export async function checkBootstrap(ctx: Ctx): Promise<void> {
  const { t, client, report } = ctx;
  await report.attempt(
    'the Temporal server persists to PostgreSQL (namespaces in database temporal)',
    async () => {
      const rows = await query<{ name: string }>(t, 'temporal', 'SELECT name FROM namespaces');
      const names = rows.map((r) => r.name);
      return (names.includes('default') && names.includes('temporal-system')) || `namespaces: ${names}`;
    },
  );
  await report.attempt('bootstrap script: namespace served with the compose file retention', async () => {
    const ns = await client.workflowService.describeNamespace({ namespace: 'default' });
    const days = Number(ns.config?.workflowExecutionRetentionTtl?.seconds ?? 0) / 86400;
    const want = Number(
      (t.env('temporal-admin-tools', 'TEMPORAL_NAMESPACE_RETENTION') ?? '').replace(/d$/, ''),
    );
    return days === want || `retention ${days} days, the compose file says ${want}`;
  });
  await report.attempt('bootstrap script: the case search attributes, with their types', async () => {
    const listed = await client.connection.operatorService.listSearchAttributes({ namespace: 'default' });
    const custom = listed.customAttributes ?? {};
    const wrong = CASE_SEARCH_ATTRIBUTES.filter((a) => custom[a.name] !== INDEXED_VALUE_TYPES[a.type]);
    return wrong.length === 0 || `missing or mistyped: ${wrong.map((a) => a.name).join(', ')}`;
  });
}

/**
 * Every worker polls both task queues the compose file's worker configuration names: the cases'
 * and the webhook deliveries' (workflows and activities), so deliveries scale with the workers.
 */
export async function checkTaskQueues(ctx: Ctx): Promise<void> {
  const { t, client, report } = ctx;
  const config = loadConfig(service(t.services, 'worker').environment);
  const identities = new Set(t.liveWorkers.map((w) => `${w.proc.pid}@${os.hostname()}`));
  const queues = [
    [config.temporal.taskQueue, TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW],
    [config.temporal.taskQueue, TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY],
    [config.webhooks.taskQueue, TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW],
    [config.webhooks.taskQueue, TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY],
  ] as const;
  const label = queues.map(
    ([q, type]) => `${q} (${TaskQueueType[type].replace('TASK_QUEUE_TYPE_', '').toLowerCase()})`,
  );
  await report.attempt(`every worker polls ${label.join(', ')}`, async () => {
    const missing: string[] = [];
    for (let i = 0; i < 20; i++) {
      missing.length = 0;
      for (const [n, [taskQueue, taskQueueType]] of queues.entries()) {
        const d = await client.workflowService.describeTaskQueue({
          namespace: 'default',
          taskQueue: { name: taskQueue },
          taskQueueType,
        });
        const polling = new Set((d.pollers ?? []).map((p) => p.identity));
        for (const id of identities) if (!polling.has(id)) missing.push(`${id} on ${label[n]}`);
      }
      if (missing.length === 0) return identities.size === 2 || `${identities.size} workers`;
      await sleep(500);
    }
    return `not polling: ${missing.join(', ')}`;
  });
}

// --- lifecycles under faults ------------------------------------------------------------------------

/** N lifecycles spread over the APIs, `fault` in the middle of them, then the read model checked. */
export async function drive(
  ctx: Ctx,
  name: string,
  n: number,
  fault: (progress: Progress, totalSteps: number) => Promise<void>,
): Promise<void> {
  const t0 = Date.now();
  const lifecycles = newLifecycles(ctx.runTag, name, n);
  const progress = new Progress();
  const running = Promise.all(lifecycles.map((lc) => runLifecycle(ctx.api, lc, progress)));
  try {
    await fault(progress, n * STEPS_PER_LIFECYCLE);
  } catch (err) {
    ctx.report.check(`${name}: the fault itself`, false, (err as Error).message);
  }
  await running;
  await judgeReadModel(ctx, name, lifecycles, t0);
}

export async function judgeReadModel(ctx: Ctx, name: string, lifecycles: Lifecycle[], t0: number) {
  const endedAt = Date.now();
  const f = emptyFigures(lifecycles);
  await verifyReadModel(ctx.api, lifecycles, f, 120_000);
  ctx.runs.push({ name, lifecycles, figures: f, endedAt });
  const n = lifecycles.length;
  ctx.report.check(
    `${name}: ${n} cases closed, ${f.events} events, 0 lost, 0 doubled (read model, ${secs(endedAt - t0)})`,
    f.closed === n && f.finished === n && f.lost === 0 && f.doubled === 0 && f.problems.length === 0,
    `closed ${f.closed}/${n}, finished ${f.finished}, lost ${f.lost}, doubled ${f.doubled}; ${f.problems.slice(0, 5).join('; ')}`,
  );
}

/** SIGKILL a worker and an API at 30 % of the steps (the others carry on), back at 60 %. */
export async function killWorkerAndApi(ctx: Ctx): Promise<void> {
  const { t } = ctx;
  await drive(ctx, 'kill-worker-and-api', 12, async (progress, total) => {
    await progress.until(Math.ceil(total * 0.3), 60_000);
    const worker = t.liveWorkers[0]!;
    const api = t.apis[0]!;
    await Promise.all([worker.kill9(), api.kill9()]);
    ctx.faults.push(`SIGKILL ${worker.name} and ${api.name} at ${progress.stepsDone}/${total} steps`);
    ctx.log(`  SIGKILL ${worker.name} and ${api.name} at ${progress.stepsDone}/${total} steps`);
    await progress.until(Math.ceil(total * 0.6), 60_000);
    await Promise.all([t.startApi(0), t.startWorker()]);
    ctx.log(`  restarted at ${progress.stepsDone}/${total} steps`);
  });
  ctx.report.check(
    'lifecycles spread over both APIs',
    ctx.sentTo.length === t.apiPorts.length && ctx.sentTo.every((c) => c > 0),
    `attempts per API: ${ctx.sentTo.join(', ')}`,
  );
}

/** Stop the Temporal server at 30 % of the steps, start it again (same PostgreSQL, same ports). */
export async function restartTemporal(ctx: Ctx, downMs = 3000): Promise<void> {
  const { t } = ctx;
  await drive(ctx, 'temporal-restart', 8, async (progress, total) => {
    await progress.until(Math.ceil(total * 0.3), 60_000);
    const t0 = Date.now();
    await t.stopTemporal();
    const ready = await Promise.all(
      t.apiPorts.map((_, i) =>
        fetch(`${t.apiUrl(i)}/readyz`, { signal: AbortSignal.timeout(10_000) }).then((r) => r.status),
      ),
    );
    ctx.report.check(
      'Temporal down: every API answers /readyz 503',
      ready.every((s) => s === 503),
      `${ready}`,
    );
    await sleep(Math.max(0, downMs - (Date.now() - t0)));
    await t.startTemporal();
    const fault = `Temporal server stopped at ${progress.stepsDone}/${total} steps, serving again after ${secs(Date.now() - t0)}`;
    ctx.faults.push(fault);
    ctx.log(`  ${fault}`);
  });
}

/** At the end: every case workflow completed and every webhook arrived, per scenario. */
export async function settle(ctx: Ctx, catchUpMs = 180_000): Promise<void> {
  const deadline = Date.now() + catchUpMs;
  await Promise.all(ctx.runs.map((r) => verifySettled(ctx, r.lifecycles, r.figures, r.endedAt, deadline)));
  for (const r of ctx.runs) {
    const f = r.figures;
    ctx.report.check(
      `${r.name}: every case workflow completed, every webhook delivered (${f.webhooks.delivered}/${f.webhooks.expected})`,
      f.workflowsCompleted === f.cases && f.webhooks.lost === 0 && f.doubled === 0 && f.problems.length === 0,
      `completed ${f.workflowsCompleted}/${f.cases}, webhooks lost ${f.webhooks.lost}, doubled ${f.doubled}; ${f.problems.slice(0, 5).join('; ')}`,
    );
  }
  const cases = ctx.runs.reduce((sum, r) => sum + r.figures.cases, 0);
  await ctx.report.attempt(
    'visibility on PostgreSQL: every case found by its search attributes',
    async () => {
      let count = -1;
      for (let i = 0; i < 30 && count !== cases; i++) {
        if (i > 0) await sleep(1000);
        // A fresh cluster: every fault report in it is one of ours.
        count = (await ctx.client.workflow.count(`CaseKind = 'fault_report'`)).count;
      }
      return count === cases || `${count} of ${cases} cases found`;
    },
  );
}
