import { cdfPoints, median, r1, r2, runLoad, sleep, summarize, type LatencySummary } from '../lib/stats.js';
import type { BenchContext } from '../run.js';
import { countOpenCases, openCase } from './common.js';

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
