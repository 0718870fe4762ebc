import type { WorkflowHandle } from '@temporalio/client';
import { sql } from 'kysely';
import { baselineActUpdate, type BaselineAction } from '../baseline/workflows.js';
import { historyCost as costOf, meanCost, type HistoryCost } from '../lib/history.js';
import { r2, sleep, waitFor } from '../lib/stats.js';
import type { BenchContext } from '../run.js';
import { openCase, startBaselineCase } from './common.js';

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
