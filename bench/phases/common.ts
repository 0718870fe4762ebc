/** What the phases share: the measured figures, CPU per operation, and opening cases as a caller does. */
import { BASELINE_TASK_QUEUE, baselineCaseWorkflow } from '../baseline/workflows.js';
import { ApiError, caseBody, newIdempotencyKey } from '../lib/api.js';
import { cdfPoints, r1, r2, sleep, summarize, type LatencySummary, type LoadResult } from '../lib/stats.js';
import type { BenchContext } from '../run.js';

const DAY_MS = 24 * 3600_000;
export const BREACH_POLICY = 'bench-breach';
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

export type CpuDiff = { seconds: Record<string, number>; otherTop: string[] };

export function measured(load: LoadResult, n: number, concurrency: number, cpu: CpuDiff): Measured {
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

export const perOp = (cpu: Record<string, number>, n: number) =>
  Object.fromEntries(Object.entries(cpu).map(([k, v]) => [k, r2((v * 1000) / Math.max(1, n))]));

export async function countOpenCases(ctx: BenchContext): Promise<number> {
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
export async function openCase(
  ctx: BenchContext,
  i: number,
  extra: Record<string, unknown> = {},
): Promise<any> {
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
export function startBaselineCase(ctx: BenchContext, id: string, subject: string) {
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

export const baselineWorkflowId = (id: string) => `bench-baseline-${id}`;
