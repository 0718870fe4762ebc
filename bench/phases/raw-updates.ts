import { RAW_TASK_QUEUE, trivialUpdate, trivialUpdateWorkflow } from '../baseline/workflows.js';
import { runLoad, sleep } from '../lib/stats.js';
import type { BenchContext } from '../run.js';
import { timedActions, type ActionMeasured } from './action-timing.js';

/** executeUpdate on a trivial workflow (one per workflow, cached and running), the raw floor. */
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
