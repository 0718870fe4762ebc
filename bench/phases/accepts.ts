import { workflowIdForCase } from '../../domain/case/contract.js';
import { actionUpdates } from '../../workflows/case-updates.js';
import { sleep } from '../lib/stats.js';
import type { BenchContext } from '../run.js';
import { sequentialRun, timedActions, type ActionMeasured } from './action-timing.js';

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
