import { sql } from 'kysely';
import { cdfPoints, r1, r2, runLoad, sleep, summarize, waitFor, type LatencySummary } from '../lib/stats.js';
import type { BenchContext } from '../run.js';
import { measured, openCase, perOp, startBaselineCase, type CpuDiff, type Measured } from './common.js';

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
