import { baselineActUpdate } from '../baseline/workflows.js';
import { sleep } from '../lib/stats.js';
import type { BenchContext } from '../run.js';
import { timedActions, type ActionMeasured } from './action-timing.js';
import { baselineWorkflowId } from './common.js';

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
