/** Latency statistics and a bounded-concurrency load loop. */
import { performance } from 'node:perf_hooks';

export interface LatencySummary {
  count: number;
  min: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

const round = (v: number, digits = 2) => Math.round(v * 10 ** digits) / 10 ** digits;

export function summarize(samples: number[]): LatencySummary {
  const s = [...samples].sort((a, b) => a - b);
  const mean = s.reduce((a, b) => a + b, 0) / (s.length || 1);
  return {
    count: s.length,
    min: round(s[0] ?? NaN),
    p50: round(percentile(s, 50)),
    p90: round(percentile(s, 90)),
    p99: round(percentile(s, 99)),
    max: round(s[s.length - 1] ?? NaN),
    mean: round(mean),
  };
}

export interface LoadResult {
  /** Latency of each successful operation, ms, in completion order. */
  latencies: number[];
  errors: number;
  errorSamples: string[];
  elapsedMs: number;
}

/**
 * Runs `total` operations with at most `concurrency` in flight; each one's latency is measured
 * around `op(i)`. Bounded: every index runs exactly once.
 */
export async function runLoad(
  total: number,
  concurrency: number,
  op: (i: number) => Promise<unknown>,
  onDone?: (done: number) => void,
): Promise<LoadResult> {
  const latencies: number[] = [];
  const errorSamples: string[] = [];
  let errors = 0;
  let next = 0;
  let done = 0;
  const t0 = performance.now();
  const lane = async () => {
    while (next < total) {
      const i = next++;
      const start = performance.now();
      try {
        await op(i);
        latencies.push(performance.now() - start);
      } catch (err) {
        errors += 1;
        if (errorSamples.length < 5) errorSamples.push(String((err as Error)?.message ?? err).slice(0, 300));
      }
      done += 1;
      onDone?.(done);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, lane));
  return { latencies, errors, errorSamples, elapsedMs: performance.now() - t0 };
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Polls `check` every `intervalMs` until it returns true or `timeoutMs` passes; returns whether it did. */
export async function waitFor(
  check: () => Promise<boolean>,
  timeoutMs: number,
  intervalMs = 100,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await sleep(intervalMs);
  }
  return check();
}

export const r1 = (v: number) => round(v, 1);
export const r2 = (v: number) => round(v, 2);
export const r3 = (v: number) => round(v, 3);

/** The distribution as 101 points: the 0th, 1st, …, 100th percentile (for charts). */
export function cdfPoints(samples: number[]): number[] {
  const s = [...samples].sort((a, b) => a - b);
  if (s.length === 0) return [];
  return Array.from({ length: 101 }, (_, p) => round(p === 0 ? s[0]! : percentile(s, p), 2));
}

/** Median of a few samples. */
export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)]! : NaN;
}
