/** What the action phases share: the measured load, then the same action one at a time. */
import { performance } from 'node:perf_hooks';
import { cdfPoints, runLoad, sleep, summarize, type LatencySummary } from '../lib/stats.js';
import type { BenchContext } from '../run.js';
import { measured, type Measured } from './common.js';

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

export async function sequentialRun(
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

/**
 * The same measurement for the raw update and for our accept: a warm-up, the measured load at the
 * action concurrency (with its CPU), then the next ones one at a time.
 */
export async function timedActions(
  ctx: BenchContext,
  act: (i: number) => Promise<unknown>,
  sequentialNote: string,
) {
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
