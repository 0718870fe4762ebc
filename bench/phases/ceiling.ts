import { emptyWorkflow, RAW_TASK_QUEUE } from '../baseline/workflows.js';
import { runLoad, sleep } from '../lib/stats.js';
import type { BenchContext } from '../run.js';
import { measured, type Measured } from './common.js';

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
