/** The bench's measurements, one function per phase; run.ts calls them in order on one stack. */
import { performance } from 'node:perf_hooks';
import type { WorkflowHandle } from '@temporalio/client';
import { sql } from 'kysely';
import {
  BASELINE_TASK_QUEUE,
  baselineActUpdate,
  baselineCaseWorkflow,
  emptyWorkflow,
  RAW_TASK_QUEUE,
  trivialUpdate,
  trivialUpdateWorkflow,
  type BaselineAction,
} from './baseline/workflows.js';
import { workflowIdForCase } from '../domain/case/contract.js';
import { actionUpdates } from '../workflows/case-updates.js';
import { ApiError, caseBody, newIdempotencyKey } from './lib/api.js';
import { historyCost as costOf, meanCost, type HistoryCost } from './lib/history.js';
import {
  cdfPoints,
  median,
  r1,
  r2,
  runLoad,
  sleep,
  summarize,
  waitFor,
  type LatencySummary,
  type LoadResult,
} from './lib/stats.js';
import type { BenchContext } from './run.js';

const DAY_MS = 24 * 3600_000;
const BREACH_POLICY = 'bench-breach';
const TERMINAL = ['closed', 'rejected', 'withdrawn'];

export interface Measured {
  n: number;
  concurrency: number;
  elapsedMs: number;
  perSecond: number;
  latencyMs: LatencySummary;
  /** 0th…100th percentile of the latency, ms. */
  cdf: number[];
  errors: number;
  errorSamples: string[];
  /** CPU seconds per component during the measured part, and CPU ms per operation. */
  cpuSeconds: Record<string, number>;
  cpuMsPerOp: Record<string, number>;
  /** The busiest processes outside the bench's stack meanwhile (a shared machine's noise). */
  otherTop: string[];
}

type CpuDiff = { seconds: Record<string, number>; otherTop: string[] };

function measured(load: LoadResult, n: number, concurrency: number, cpu: CpuDiff): Measured {
  const ok = load.latencies.length;
  return {
    n,
    concurrency,
    elapsedMs: r1(load.elapsedMs),
    perSecond: r2(ok / (load.elapsedMs / 1000)),
    latencyMs: summarize(load.latencies),
    cdf: cdfPoints(load.latencies),
    errors: load.errors,
    errorSamples: load.errorSamples,
    cpuSeconds: cpu.seconds,
    cpuMsPerOp: perOp(cpu.seconds, n),
    otherTop: cpu.otherTop,
  };
}

const perOp = (cpu: Record<string, number>, n: number) =>
  Object.fromEntries(Object.entries(cpu).map(([k, v]) => [k, r2((v * 1000) / Math.max(1, n))]));

async function countOpenCases(ctx: BenchContext): Promise<number> {
  const r = await ctx.db
    .selectFrom('cases')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', 'not in', TERMINAL)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/**
 * Opens one case through the API as an integrator would: full body, Idempotency-Key, and on a 503
 * the same request again with the same key after Retry-After (the contract's advice). Retries are
 * counted, and the latency a caller measures includes them.
 */
async function openCase(ctx: BenchContext, i: number, extra: Record<string, unknown> = {}): Promise<any> {
  const body = caseBody(i, extra);
  const headers = { 'Idempotency-Key': newIdempotencyKey() };
  for (let attempt = 1; ; attempt++) {
    const r = await ctx.api.call('integrator', 'POST', '/v1/cases', body, headers);
    if (r.status === 201) return r.body;
    if (r.status !== 503 || attempt >= CREATE_ATTEMPTS)
      throw new ApiError(r.status, r.body, 'POST /v1/cases');
    ctx.creationRetries += 1;
    await sleep(Math.min(Number(r.retryAfter ?? 1) || 1, 5) * 1000);
  }
}
const CREATE_ATTEMPTS = 4;

/** Starts a baseline case: recorded in PostgreSQL by its activity, then its respond timer. */
function startBaselineCase(ctx: BenchContext, id: string, subject: string) {
  return ctx.client.workflow.start(baselineCaseWorkflow, {
    taskQueue: BASELINE_TASK_QUEUE,
    workflowId: baselineWorkflowId(id),
    args: [
      {
        id,
        subject,
        customerId: `bench-cus-${id}`,
        requestedAt: Date.now(),
        respondWithinMs: DAY_MS,
        resolveWithinMs: 5 * DAY_MS,
      },
    ],
  });
}

const baselineWorkflowId = (id: string) => `bench-baseline-${id}`;

// ---------------------------------------------------------------------------------------------
/** The directory a real deployment has (assignment by workload runs), and the breach drill policy. */
export async function seed(ctx: BenchContext): Promise<void> {
  const agents: [string, string][] = [
    ['bench-fl-1', 'front-line'],
    ['bench-fl-2', 'front-line'],
    ['bench-fl-3', 'front-line'],
    ['bench-fl-4', 'front-line'],
    ['bench-ts-1', 'technical-specialists'],
    ['bench-ts-2', 'technical-specialists'],
    ['bench-cd-1', 'complaints-desk'],
    ['bench-cd-2', 'complaints-desk'],
    ['bench-ps-1', 'product-specialists'],
  ];
  for (const [id, team] of agents)
    await ctx.api.expect([200], 'admin', 'PUT', `/v1/agents/${id}`, { name: `Agent ${id}`, team });
  await ctx.api.expect([200], 'admin', 'PUT', `/v1/sla-policies/${BREACH_POLICY}`, {
    calendar: '24x7',
    respondWithin: ctx.opts.breachAfter,
    resolveWithin: 'PT1H',
    callbackWithin: 'PT1H',
    rateWithin: 'P7D',
  });
}

// ---------------------------------------------------------------------------------------------
/**
 * Warm-up: cases opened and withdrawn (their workflows complete), so the worker has done real
 * work before the first memory checkpoint and the open-case count stays where it was.
 */
export async function churn(ctx: BenchContext): Promise<{ cases: number; errors: number }> {
  const { opts, progress, api } = ctx;
  progress.start('warm-up: open and withdraw cases (the worker is measured warm)', opts.churn);
  const load = await runLoad(
    opts.churn,
    opts.concurrency,
    async (i) => {
      const view = await openCase(ctx, i);
      await api.expect([200], 'integrator', 'POST', `/v1/cases/${view.id}/withdraw`, {
        reason: 'bench warm-up',
      });
    },
    (d) => progress.update(d),
  );
  progress.end(load.errors ? `${load.errors} errors: ${load.errorSamples[0]}` : undefined);
  return { cases: opts.churn, errors: load.errors };
}

// ---------------------------------------------------------------------------------------------
/** Empty-workflow starts: what the server and client alone can do (context for the others). */
export async function ceiling(ctx: BenchContext): Promise<Measured> {
  const { opts, client, progress, runId } = ctx;
  progress.start('raw ceiling: client.workflow.start(emptyWorkflow)', opts.warmup + opts.creations);
  const start = (i: number) =>
    client.workflow.start(emptyWorkflow, {
      taskQueue: RAW_TASK_QUEUE,
      workflowId: `bench-empty-${runId}-${i}`,
    });
  await runLoad(opts.warmup, opts.concurrency, start);
  const before = ctx.cpu.snapshot();
  const load = await runLoad(
    opts.creations,
    opts.concurrency,
    (i) => start(opts.warmup + i),
    (d) => progress.update(opts.warmup + d),
  );
  const m = measured(load, opts.creations, opts.concurrency, ctx.cpu.diff(before, ctx.cpu.snapshot()));
  progress.end(`${m.perSecond} starts/s, p50 ${m.latencyMs.p50} ms, p99 ${m.latencyMs.p99} ms`);
  await sleep(1000);
  return m;
}

// ---------------------------------------------------------------------------------------------
export interface BaselineCreation {
  n: number;
  concurrency: number;
  rounds: number;
  /** cases/s of each round, in order (how steady the machine was). */
  roundCasesPerSecond: number[];
  /** Cases recorded in PostgreSQL per second: N ÷ (last row's recorded_at − first start). */
  casesPerSecond: number;
  elapsedMs: number;
  /** The start call (what the client waits for). */
  startAck: Measured;
  /** From just before the start call to the row's recorded_at (the case is in PostgreSQL). */
  recorded: { latencyMs: LatencySummary; cdf: number[] };
  cpuSeconds: Record<string, number>;
  cpuMsPerCase: Record<string, number>;
  otherTop: string[];
}

export interface OurCreation extends Measured {
  /** = perSecond: the POST answers once the case is in the read model, so answered = recorded. */
  casesPerSecond: number;
  rounds: number;
  roundCasesPerSecond: number[];
}

/** Sums per-component CPU seconds of several rounds; keeps the busiest outside processes named. */
function addCpu(into: CpuDiff, d: CpuDiff): CpuDiff {
  const seconds = { ...into.seconds };
  for (const [k, v] of Object.entries(d.seconds)) seconds[k] = r2((seconds[k] ?? 0) + v);
  return { seconds, otherTop: [...new Set([...into.otherTop, ...d.otherTop])].slice(0, 6) };
}

/**
 * Creation, baseline and ours, in alternating rounds (baseline, ours, baseline, ours, …) of
 * N ÷ rounds cases each: whatever else the machine does during the phase falls on both alike.
 * cases/s = all cases ÷ the sum of the rounds' times.
 */
export async function creations(
  ctx: BenchContext,
): Promise<{ baseline: BaselineCreation; ours: OurCreation }> {
  const { opts, progress, runId, db } = ctx;
  const rounds = Math.max(1, opts.rounds);
  const perRound = Math.floor(opts.creations / rounds);
  const N = perRound * rounds;
  progress.start(`creation: baseline and ours in ${rounds} alternating rounds`, 2 * (opts.warmup + N));
  let done = 0;
  const tick = () => progress.update(++done);

  // The baseline: start → its activity records the case in PostgreSQL → one timer.
  const blIds = Array.from(
    { length: opts.warmup + N },
    (_, i) => `bl-${runId}-${String(i).padStart(6, '0')}`,
  );
  const blStart = (i: number) =>
    startBaselineCase(ctx, blIds[i]!, `Ball mill controller shows E42 after a power cut (#${i})`);
  const recordedCount = async (from: number, to: number) => {
    const r = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM bench_baseline_cases WHERE id >= ${blIds[from]!} AND id <= ${blIds[to - 1]!}`.execute(
      db,
    );
    return r.rows[0]!.n;
  };
  const blRound = async (from: number, n: number) => {
    const before = ctx.cpu.snapshot();
    const t0 = Date.now();
    const load = await runLoad(n, opts.concurrency, (i) => blStart(from + i), tick);
    const all = await waitFor(async () => (await recordedCount(from, from + n)) === n, 120_000, 20);
    const cpu = ctx.cpu.diff(before, ctx.cpu.snapshot());
    if (!all) throw new Error('baseline: not every case was recorded within 120 s');
    const rows = await sql<{ req: number; rec: number }>`
      SELECT extract(epoch FROM requested_at) * 1000 AS req, extract(epoch FROM recorded_at) * 1000 AS rec
      FROM bench_baseline_cases WHERE id >= ${blIds[from]!} AND id <= ${blIds[from + n - 1]!}`.execute(db);
    const recorded = rows.rows.map((r) => Number(r.rec) - Number(r.req));
    const elapsedMs = Math.max(...rows.rows.map((r) => Number(r.rec))) - t0;
    return { load, recorded, elapsedMs, cpu };
  };

  // Ours: POST /v1/cases, answered once the case is in the read model.
  const ourIds: string[] = [];
  const ourOpen = async (i: number) => {
    const view = await openCase(ctx, i);
    ourIds[i] = view.id;
  };
  const ourRound = async (from: number, n: number) => {
    const before = ctx.cpu.snapshot();
    const load = await runLoad(n, opts.concurrency, (i) => ourOpen(from + i), tick);
    return { load, cpu: ctx.cpu.diff(before, ctx.cpu.snapshot()) };
  };

  // Warm-up (not counted): each stack's first cases.
  await blRound(0, opts.warmup);
  await ourRound(0, opts.warmup);
  await sleep(500);

  const bl = {
    ack: [] as number[],
    recorded: [] as number[],
    elapsedMs: 0,
    errors: 0,
    errorSamples: [] as string[],
    cpu: { seconds: {}, otherTop: [] } as CpuDiff,
  };
  const ours = {
    latencies: [] as number[],
    elapsedMs: 0,
    errors: 0,
    errorSamples: [] as string[],
    cpu: { seconds: {}, otherTop: [] } as CpuDiff,
  };
  const roundRates: { baseline: number; ours: number }[] = [];
  for (let k = 0; k < rounds; k++) {
    const from = opts.warmup + k * perRound;
    progress.note(`creation: round ${k + 1}/${rounds}, baseline`);
    const b = await blRound(from, perRound);
    bl.ack.push(...b.load.latencies);
    bl.recorded.push(...b.recorded);
    bl.elapsedMs += b.elapsedMs;
    bl.errors += b.load.errors;
    bl.errorSamples.push(...b.load.errorSamples);
    bl.cpu = addCpu(bl.cpu, b.cpu);
    await sleep(500);
    progress.note(`creation: round ${k + 1}/${rounds}, ours`);
    const o = await ourRound(from, perRound);
    ours.latencies.push(...o.load.latencies);
    ours.elapsedMs += o.load.elapsedMs;
    ours.errors += o.load.errors;
    ours.errorSamples.push(...o.load.errorSamples);
    ours.cpu = addCpu(ours.cpu, o.cpu);
    roundRates.push({
      baseline: r2(perRound / (b.elapsedMs / 1000)),
      ours: r2(o.load.latencies.length / (o.load.elapsedMs / 1000)),
    });
    await sleep(500);
  }
  ctx.createdCaseIds = ourIds.filter(Boolean);
  ctx.createdBaselineIds = blIds;

  const baseline: BaselineCreation = {
    n: N,
    concurrency: opts.concurrency,
    rounds,
    casesPerSecond: r2(N / (bl.elapsedMs / 1000)),
    elapsedMs: r1(bl.elapsedMs),
    roundCasesPerSecond: roundRates.map((r) => r.baseline),
    startAck: measured(
      {
        latencies: bl.ack,
        errors: bl.errors,
        errorSamples: bl.errorSamples.slice(0, 5),
        elapsedMs: bl.elapsedMs,
      },
      N,
      opts.concurrency,
      { seconds: {}, otherTop: [] },
    ),
    recorded: { latencyMs: summarize(bl.recorded), cdf: cdfPoints(bl.recorded) },
    cpuSeconds: bl.cpu.seconds,
    cpuMsPerCase: perOp(bl.cpu.seconds, N),
    otherTop: bl.cpu.otherTop,
  };
  const m = measured(
    {
      latencies: ours.latencies,
      errors: ours.errors,
      errorSamples: ours.errorSamples.slice(0, 5),
      elapsedMs: ours.elapsedMs,
    },
    N,
    opts.concurrency,
    ours.cpu,
  );
  const our: OurCreation = {
    ...m,
    rounds,
    casesPerSecond: m.perSecond,
    roundCasesPerSecond: roundRates.map((r) => r.ours),
  };
  progress.end(
    `baseline ${baseline.casesPerSecond} cases/s (in PG p50 ${baseline.recorded.latencyMs.p50} ms), ours ${our.casesPerSecond} cases/s (p50 ${our.latencyMs.p50} ms)`,
  );
  await sleep(1000);
  return { baseline, ours: our };
}

// ---------------------------------------------------------------------------------------------
/** executeUpdate on a trivial workflow (one per workflow, cached and running), the raw floor. */
export interface ActionMeasured extends Measured {
  /** The same action one at a time (concurrency 1) after the concurrent run: the unloaded path. */
  sequential: { n: number; latencyMs: LatencySummary; cdf: number[] };
  /**
   * Accept only, one at a time, where its time goes: the API's read of the case (GET), and the
   * same Workflow Update sent straight to the case workflow (codec client, no API).
   */
  breakdown?: {
    getCase: { n: number; latencyMs: LatencySummary };
    directUpdate: { n: number; latencyMs: LatencySummary; cdf: number[] };
  };
}

async function sequentialRun(
  n: number,
  offset: number,
  op: (i: number) => Promise<unknown>,
): Promise<ActionMeasured['sequential']> {
  await sleep(500);
  const latencies: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await op(offset + i); // the first failure ends the phase
    latencies.push(performance.now() - t);
  }
  return { n, latencyMs: summarize(latencies), cdf: cdfPoints(latencies) };
}

export async function rawUpdates(ctx: BenchContext): Promise<ActionMeasured> {
  const { opts, client, progress, runId } = ctx;
  const total = opts.warmup + opts.actions + opts.sequentialActions;
  progress.start('raw: executeUpdate on a trivial workflow', total);
  const handles = Array.from({ length: total }, (_, i) =>
    client.workflow.getHandle(`bench-trivial-${runId}-${i}`),
  );
  progress.note('raw: starting the trivial workflows');
  await runLoad(total, opts.concurrency, (i) =>
    client.workflow.start(trivialUpdateWorkflow, {
      taskQueue: RAW_TASK_QUEUE,
      workflowId: handles[i]!.workflowId,
    }),
  );
  // One untimed update each: every workflow is running and in the worker's cache, as an open case is.
  await runLoad(total, opts.concurrency, (i) => handles[i]!.executeUpdate(trivialUpdate, { args: [0] }));
  progress.note('raw: executeUpdate on a trivial workflow');
  const update = (i: number) => handles[i]!.executeUpdate(trivialUpdate, { args: [1] });
  const { m, sequential } = await timedActions(ctx, update, 'raw: the same, one at a time');
  progress.end(
    `p50 ${m.latencyMs.p50} ms, p99 ${m.latencyMs.p99} ms, ${m.perSecond}/s; one at a time p50 ${sequential.latencyMs.p50} ms`,
  );
  await sleep(1000);
  return { ...m, sequential };
}

/**
 * The same measurement for the raw update and for our accept: a warm-up, the measured load at the
 * action concurrency (with its CPU), then the next ones one at a time.
 */
async function timedActions(ctx: BenchContext, act: (i: number) => Promise<unknown>, sequentialNote: string) {
  const { opts, progress } = ctx;
  await runLoad(opts.warmup, opts.actionConcurrency, act);
  await sleep(500);
  const before = ctx.cpu.snapshot();
  const load = await runLoad(
    opts.actions,
    opts.actionConcurrency,
    (i) => act(opts.warmup + i),
    (d) => progress.update(opts.warmup + d),
  );
  const m = measured(load, opts.actions, opts.actionConcurrency, ctx.cpu.diff(before, ctx.cpu.snapshot()));
  progress.note(sequentialNote);
  const sequential = await sequentialRun(opts.sequentialActions, opts.warmup + opts.actions, act);
  return { m, sequential };
}

/** POST /v1/cases/{id}/accept on cases the creation phase opened (one per case, as in real life). */
export async function apiAccepts(ctx: BenchContext): Promise<ActionMeasured> {
  const { opts, progress, api } = ctx;
  const ids = ctx.createdCaseIds;
  const total = opts.warmup + opts.actions + 2 * opts.sequentialActions;
  if (ids.length < total)
    throw new Error(`accept needs ${total} new cases, the creation phase opened ${ids.length}`);
  progress.start('ours: POST /v1/cases/{id}/accept', total);
  const accept = (i: number) => api.expect([200], 'agent', 'POST', `/v1/cases/${ids[i]}/accept`, {});
  const { m, sequential } = await timedActions(ctx, accept, 'ours: accept, one at a time');
  progress.note('ours: accept, one at a time, straight to the workflow (no API)');
  const direct = (i: number) =>
    ctx.codecClient.workflow.getHandle(workflowIdForCase(ids[i]!)).executeUpdate(actionUpdates.accept, {
      args: [{ actor: 'agent:agent', command: { action: 'accept' } }],
    });
  const directUpdate = await sequentialRun(
    opts.sequentialActions,
    opts.warmup + opts.actions + opts.sequentialActions,
    direct,
  );
  const get = await sequentialRun(opts.sequentialActions, 0, (i) =>
    api.expect([200], 'agent', 'GET', `/v1/cases/${ids[i]}`),
  );
  progress.end(
    `p50 ${m.latencyMs.p50} ms, p99 ${m.latencyMs.p99} ms, ${m.perSecond}/s; one at a time p50 ${sequential.latencyMs.p50} ms (straight to the workflow ${directUpdate.latencyMs.p50} ms, GET ${get.latencyMs.p50} ms)`,
  );
  await sleep(1000);
  return {
    ...m,
    sequential,
    breakdown: { getCase: { n: get.n, latencyMs: get.latencyMs }, directUpdate },
  };
}

/**
 * The fair action baseline: the hand-written case's accept (an Update whose handler records it in
 * PostgreSQL with a local activity and moves its timer), on the baseline cases the creation phase
 * opened in the same rounds as ours, in the same order, under the same workflow cache size: an
 * accept finds its case evicted and replays it exactly when ours does.
 */
export async function baselineAccepts(ctx: BenchContext): Promise<ActionMeasured> {
  const { opts, progress, client } = ctx;
  const ids = ctx.createdBaselineIds;
  const total = opts.warmup + opts.actions + opts.sequentialActions;
  if (ids.length < total)
    throw new Error(`baseline accept needs ${total} new cases, the creation phase opened ${ids.length}`);
  progress.start('baseline: accept as an Update (local activity, timer moved)', total);
  const accept = async (i: number) => {
    const status = await client.workflow
      .getHandle(baselineWorkflowId(ids[i]!))
      .executeUpdate(baselineActUpdate, { args: [{ action: 'accept' }] });
    if (status !== 'investigating') throw new Error(`baseline accept answered '${status}'`);
  };
  const { m, sequential } = await timedActions(ctx, accept, 'baseline: accept, one at a time');
  progress.end(
    `p50 ${m.latencyMs.p50} ms, p99 ${m.latencyMs.p99} ms, ${m.perSecond}/s; one at a time p50 ${sequential.latencyMs.p50} ms`,
  );
  await sleep(1000);
  return { ...m, sequential };
}

// ---------------------------------------------------------------------------------------------
export interface BreachResult {
  cases: number;
  respondWithin: string;
  /** sla.breached data.detectedAt − data.at (the deadline), ms: when the workflow noticed. */
  detectedLateMs: LatencySummary;
  detectedCdf: number[];
  /** First GET that showed the breach − the deadline, ms (polled every 100 ms per case). */
  visibleLateMs: LatencySummary;
  visibleCdf: number[];
  missing: number;
  /** The cases' deadlines spread over this many ms (they were opened at the creation concurrency). */
  deadlineSpreadMs: number;
  /** Time to open the M cases, and how long after the last one answered the first deadline came. */
  openedInMs: number;
  firstDeadlineAfterLastOpenMs: number;
  /** Breaches per second while they fired: M ÷ the deadlines' spread. */
  breachesPerSecond: number;
  /** CPU from the first deadline until every breach was seen (includes the API answering the polls). */
  cpuSeconds: Record<string, number> | null;
  cpuMsPerBreach: Record<string, number> | null;
  otherTop: string[];
}

/**
 * M cases whose respond deadline passes a few seconds after they open. The deadline is long enough
 * (at least `breachAfter`, else the time the creation phase needs for M cases plus 3 s) that every
 * case is open before the first one breaches: the breaches are measured on their own, not queued
 * behind a creation burst that saturates the worker (that case is described in BENCHMARKS.md).
 */
export async function breaches(ctx: BenchContext, createdPerSecond: number): Promise<BreachResult> {
  const { opts, progress, api } = ctx;
  const M = opts.breachCases;
  const seconds = Math.max(opts.breachAfterMs / 1000, Math.ceil(M / Math.max(1, createdPerSecond)) + 3);
  const respondWithin = `PT${seconds}S`;
  await api.expect([200], 'admin', 'PUT', `/v1/sla-policies/${BREACH_POLICY}`, {
    calendar: '24x7',
    respondWithin,
    resolveWithin: 'PT1H',
    callbackWithin: 'PT1H',
    rateWithin: 'P7D',
  });
  progress.start(`breach: ${M} cases with respondWithin ${respondWithin}`, M);
  const cases: { id: string; due: number }[] = [];
  const openStart = Date.now();
  await runLoad(M, opts.concurrency, async (i) => {
    const view = await openCase(ctx, i, { slaPolicy: BREACH_POLICY });
    cases.push({ id: view.id, due: Date.parse(view.deadlines.respondBy) });
  });
  const lastOpened = Date.now();
  const dues = cases.map((c) => c.due);
  const lastDue = Math.max(...dues);
  const seen = new Map<string, number>();
  const lastPoll = new Map<string, number>();
  const inFlight = new Set<string>();
  const MAX_IN_FLIGHT = 8;
  const POLL_EVERY_MS = 100;
  const giveUpAt = lastDue + 30_000;
  progress.note('breach: polling GET /v1/cases/{id} after each deadline');
  // Bounded: stops when every breach was seen or 30 s after the last deadline.
  const firstDue = Math.min(...dues);
  let cpuAtFirstDeadline: ReturnType<typeof ctx.cpu.snapshot> | undefined;
  while (seen.size < cases.length && Date.now() < giveUpAt) {
    const now = Date.now();
    if (!cpuAtFirstDeadline && now >= firstDue) cpuAtFirstDeadline = ctx.cpu.snapshot();
    for (const c of cases) {
      if (inFlight.size >= MAX_IN_FLIGHT) break;
      if (seen.has(c.id) || inFlight.has(c.id) || c.due > now) continue;
      if ((lastPoll.get(c.id) ?? 0) + POLL_EVERY_MS > now) continue;
      lastPoll.set(c.id, now);
      inFlight.add(c.id);
      void api
        .call('supervisor', 'GET', `/v1/cases/${c.id}`)
        .then((r) => {
          if (r.status === 200 && r.body.breaches?.length > 0 && !seen.has(c.id)) {
            seen.set(c.id, Date.now());
            progress.update(seen.size);
          }
        })
        .catch(() => {})
        .finally(() => inFlight.delete(c.id));
    }
    await sleep(5);
  }
  await waitFor(async () => inFlight.size === 0, 10_000, 10);
  const cpu = cpuAtFirstDeadline ? ctx.cpu.diff(cpuAtFirstDeadline, ctx.cpu.snapshot()) : undefined;

  progress.note('breach: reading sla.breached from the timelines');
  const detected: number[] = [];
  const visible: number[] = [];
  let missing = 0;
  for (const c of cases) {
    const tl = await api.expect([200], 'supervisor', 'GET', `/v1/cases/${c.id}/timeline`);
    const ev = (tl.items as { type: string; data: any }[]).find(
      (e) => e.type === 'sla.breached' && e.data?.clock === 'respond',
    );
    const seenAt = seen.get(c.id);
    if (!ev || seenAt === undefined) {
      missing += 1;
      continue;
    }
    detected.push(Date.parse(ev.data.detectedAt) - Date.parse(ev.data.at));
    visible.push(seenAt - Date.parse(ev.data.at));
  }
  const result: BreachResult = {
    cases: M,
    respondWithin,
    detectedLateMs: summarize(detected),
    detectedCdf: cdfPoints(detected),
    visibleLateMs: summarize(visible),
    visibleCdf: cdfPoints(visible),
    missing,
    deadlineSpreadMs: lastDue - Math.min(...dues),
    openedInMs: lastOpened - openStart,
    firstDeadlineAfterLastOpenMs: firstDue - lastOpened,
    breachesPerSecond: r1(M / Math.max(0.001, (lastDue - firstDue) / 1000)),
    cpuSeconds: cpu?.seconds ?? null,
    cpuMsPerBreach: cpu ? perOp(cpu.seconds, M) : null,
    otherTop: cpu?.otherTop ?? [],
  };
  progress.end(
    `detected p50 ${result.detectedLateMs.p50} ms p99 ${result.detectedLateMs.p99} ms; visible p99 ${result.visibleLateMs.p99} ms${missing ? `; ${missing} MISSING` : ''}`,
  );
  return result;
}

// ---------------------------------------------------------------------------------------------
export interface HistoryResult {
  lifecycle: string;
  ours: { opened: HistoryCost & { samples: number }; closed: HistoryCost & { samples: number } };
  baseline: { opened: HistoryCost & { samples: number }; closed: HistoryCost & { samples: number } };
  ratio: { events: number; payloadBytes: number; encodedBytes: number };
}

const LIFECYCLE: { action: BaselineAction; role: 'agent' | 'supervisor' | 'integrator'; body: object }[] = [
  { action: 'accept', role: 'agent', body: {} },
  {
    action: 'findings',
    role: 'agent',
    body: { summary: 'Roaming charged twice after the tariff change', rootCause: 'billing rule' },
  },
  {
    action: 'resolution',
    role: 'agent',
    body: { summary: 'Refund the double charge', remedy: 'refund', amount: 42.5 },
  },
  { action: 'approval', role: 'supervisor', body: { decision: 'approve', comment: 'ok' } },
  { action: 'callback', role: 'agent', body: { reached: true, solved: true, notes: 'customer confirmed' } },
  { action: 'rating', role: 'integrator', body: { score: 5, comment: 'fast and friendly' } },
];

/** Waits for the run to complete (without decoding its result: ours is encrypted). */
async function completed(handle: WorkflowHandle, what: string): Promise<void> {
  let status = '';
  const ok = await waitFor(
    async () => {
      status = (await handle.describe()).status.name;
      return status !== 'RUNNING';
    },
    30_000,
    50,
  );
  if (!ok || status !== 'COMPLETED') throw new Error(`${what}: workflow is ${status}, not COMPLETED`);
}

export async function historyCost(ctx: BenchContext): Promise<HistoryResult> {
  const { opts, progress, api, client, runId, db } = ctx;
  const L = opts.lifecycles;
  progress.start('history: standard lifecycle, ours vs baseline', 2 * L);
  const ours = { opened: [] as HistoryCost[], closed: [] as HistoryCost[] };
  const base = { opened: [] as HistoryCost[], closed: [] as HistoryCost[] };
  for (let k = 0; k < L; k++) {
    // ours, through the API
    const view = await openCase(ctx, k * 3); // a fault report
    const handle = client.workflow.getHandle(view.workflowId);
    await sleep(300);
    ours.opened.push(await costOf(handle));
    let last: any = view;
    for (const step of LIFECYCLE)
      last = await api.expect([200], step.role, 'POST', `/v1/cases/${view.id}/${step.action}`, step.body);
    if (last.status !== 'closed') throw new Error(`ours: lifecycle ended in '${last.status}', not closed`);
    await completed(handle, 'ours: case workflow');
    ours.closed.push(await costOf(handle));
    progress.update(2 * k + 1);

    // the baseline, through its client
    const id = `bl-life-${runId}-${k}`;
    const bh = await startBaselineCase(ctx, id, 'Roaming charged twice');
    await waitFor(
      async () =>
        (
          await sql<{
            n: number;
          }>`SELECT count(*)::int AS n FROM bench_baseline_cases WHERE id = ${id}`.execute(db)
        ).rows[0]!.n === 1,
      30_000,
      20,
    );
    await sleep(300);
    base.opened.push(await costOf(bh));
    let status = '';
    for (const step of LIFECYCLE)
      status = await bh.executeUpdate(baselineActUpdate, {
        args: [{ action: step.action, data: step.body }],
      });
    if (status !== 'closed') throw new Error(`baseline: lifecycle ended in '${status}'`);
    await completed(bh, 'baseline: workflow');
    base.closed.push(await costOf(bh));
    progress.update(2 * k + 2);
  }
  const oc = meanCost(ours.closed);
  const bc = meanCost(base.closed);
  const result: HistoryResult = {
    lifecycle: 'open → accept → findings → resolution(refund) → approval → callback → rating(5) → closed',
    ours: { opened: meanCost(ours.opened), closed: oc },
    baseline: { opened: meanCost(base.opened), closed: bc },
    ratio: {
      events: r2(oc.events / bc.events),
      payloadBytes: r2(oc.payloadBytes / bc.payloadBytes),
      encodedBytes: r2(oc.encodedBytes / bc.encodedBytes),
    },
  };
  progress.end(
    `ours ${oc.events} events / ${oc.payloadBytes} B payloads; baseline ${bc.events} events / ${bc.payloadBytes} B`,
  );
  return result;
}

// ---------------------------------------------------------------------------------------------
export interface ScaleCheckpoint {
  target: number;
  openCases: number;
  /** Cases opened to reach this checkpoint, and their creation latency at this scale. */
  opened: number;
  creationLatencyMs: LatencySummary | null;
  creationPerSecond: number | null;
  worker: {
    rssMb: number;
    hwmMb: number;
    samplesMb: number[];
    /** From the worker's /metrics: cached workflows, main-thread heap (MiB). */
    stickyCacheSize: number | null;
    mainHeapUsedMb: number | null;
  };
  api: { rssMb: number };
  /** For comparison: the baseline worker's RSS (its open workflows: every baseline case so far). */
  baselineWorker: { rssMb: number };
  /** GET /v1/cases?limit=50 (newest first, the default list). */
  list: { latencyMs: LatencySummary; cdf: number[]; requests: number; concurrency: number };
  /** GET /v1/cases?status=new,investigating&type=complaint&limit=50 (a filtered list). */
  listFiltered: { latencyMs: LatencySummary };
}

/** A few figures from the worker's Prometheus endpoint (null where absent). */
async function workerMetrics(
  ctx: BenchContext,
): Promise<{ stickyCacheSize: number | null; mainHeapUsedMb: number | null }> {
  let text = '';
  try {
    const res = await fetch(ctx.workerMetricsUrl, { signal: AbortSignal.timeout(5000) });
    text = await res.text();
  } catch {
    return { stickyCacheSize: null, mainHeapUsedMb: null };
  }
  const value = (name: string): number | null => {
    let sum: number | null = null;
    for (const line of text.split('\n')) {
      if (line.startsWith('#')) continue;
      const m = /^([a-zA-Z_:][\w:]*)(\{[^}]*\})?\s+([-+\d.eE]+|NaN)/.exec(line);
      if (m && m[1] === name) sum = (sum ?? 0) + Number(m[3]);
    }
    return sum;
  };
  const heap = value('cases_process_nodejs_heap_size_used_bytes');
  return {
    stickyCacheSize: value('temporal_sticky_cache_size'),
    mainHeapUsedMb: heap === null ? null : r1(heap / 2 ** 20),
  };
}

export async function scaleCheckpoint(
  ctx: BenchContext,
  target: number,
  continuing = false,
): Promise<ScaleCheckpoint> {
  const { opts, progress, api } = ctx;
  const open0 = await countOpenCases(ctx);
  const toOpen = Math.max(0, target - open0);
  if (continuing) progress.note(`scale: opening cases up to ${target}`);
  else progress.start(`scale: ${target} open cases`, toOpen);
  const load = await runLoad(
    toOpen,
    opts.concurrency,
    (i) => openCase(ctx, i),
    (d) => progress.update(continuing ? open0 + d : d),
  );
  if (load.errors) throw new Error(`scale: ${load.errors} creations failed: ${load.errorSamples.join('; ')}`);
  const openCases = await countOpenCases(ctx);

  progress.note(`scale: ${openCases} open cases — worker memory (settling) and list latency`);
  await sleep(5000);
  const samples: number[] = [];
  for (let k = 0; k < 5; k++) {
    samples.push(ctx.worker.memory().rssMb);
    await sleep(1000);
  }
  const mem = ctx.worker.memory();
  await runLoad(opts.warmup, opts.listConcurrency, () =>
    api.expect([200], 'agent', 'GET', '/v1/cases?limit=50'),
  );
  const list = await runLoad(opts.listRequests, opts.listConcurrency, () =>
    api.expect([200], 'agent', 'GET', '/v1/cases?limit=50'),
  );
  const filtered = await runLoad(Math.ceil(opts.listRequests / 2), opts.listConcurrency, () =>
    api.expect([200], 'agent', 'GET', '/v1/cases?status=new,investigating&type=complaint&limit=50'),
  );
  const cp: ScaleCheckpoint = {
    target,
    openCases,
    opened: toOpen,
    creationLatencyMs: toOpen ? summarize(load.latencies) : null,
    creationPerSecond: toOpen ? r2(load.latencies.length / (load.elapsedMs / 1000)) : null,
    worker: { rssMb: median(samples), hwmMb: mem.hwmMb, samplesMb: samples, ...(await workerMetrics(ctx)) },
    api: { rssMb: ctx.apiProcess.memory().rssMb },
    baselineWorker: { rssMb: ctx.baselineWorker.memory().rssMb },
    list: {
      latencyMs: summarize(list.latencies),
      cdf: cdfPoints(list.latencies),
      requests: opts.listRequests,
      concurrency: opts.listConcurrency,
    },
    listFiltered: { latencyMs: summarize(filtered.latencies) },
  };
  const msg = `${openCases} open: worker RSS ${cp.worker.rssMb} MiB, list p99 ${cp.list.latencyMs.p99} ms`;
  if (continuing) progress.log(`  ${msg}`);
  else progress.end(msg);
  return cp;
}
