/**
 * The rolling upgrade: workers of the previous release (test/topology/previous-worker.ts) open
 * cases and take them half-way; workers of the current build start beside them while the next
 * step is in flight; the previous ones stop; every case finishes on the current workers. A case
 * must then have no failed workflow task (a nondeterminism error is one), must have been opened
 * by a previous-release worker (no patch marker before a current worker first ran it) and must
 * have been finished by a current one.
 */
import os from 'node:os';
import proto from '@temporalio/proto';
import { newLifecycles, Progress, runLifecycle } from '../chaos/driver.js';
import { safeRead } from '../../scripts/topology/child.js';
import { judgeReadModel, type Ctx } from './scenarios.js';

const EventType = proto.temporal.api.enums.v1.EventType;

export async function rollingUpgrade(ctx: Ctx, opts: { sabotage?: boolean } = {}): Promise<void> {
  const { t, log } = ctx;
  const name = 'rolling-upgrade';
  const t0 = Date.now();
  const argv = [process.execPath, '--import', 'tsx', 'test/topology/previous-worker.ts'];
  const env = opts.sabotage
    ? { TOPOLOGY_PREVIOUS_PATCHES: '../support/patches-unpatched-change.ts' }
    : undefined;

  // 1. The previous release's workers replace the current ones.
  const current = t.liveWorkers;
  const previous = await Promise.all(
    [1, 2].map((i) => t.startWorker({ argv, env, name: `previous-worker-${i}` })),
  );
  await Promise.all(current.map((w) => w.stop()));
  const previousIds = new Set(previous.map((w) => `${w.proc.pid}@${os.hostname()}`));
  log(`  previous-release workers ${previous.map((w) => w.name).join(', ')} serve alone`);

  // 2. Cases opened and taken half-way by them: open, accept, findings.
  const lifecycles = newLifecycles(ctx.runTag, name, 8);
  const progress = new Progress();
  await Promise.all(lifecycles.map((lc) => runLifecycle(ctx.api, lc, progress, 3)));

  // 3. The roll: current workers start beside them; the resolutions go out while the previous
  //    ones stop (gracefully, as a deployment does).
  const next = await Promise.all([1, 2].map(() => t.startWorker()));
  const resolving = Promise.all(lifecycles.map((lc) => runLifecycle(ctx.api, lc, progress, 4)));
  await Promise.all(previous.map((w) => w.stop()));
  await resolving;
  ctx.faults.push(`rolling upgrade: ${previous.length} previous-release workers → ${next.length} current`);
  log(`  previous-release workers stopped; ${next.map((w) => w.name).join(', ')} carry on`);

  // 4. The rest on the current workers only: callback, rating, closed.
  await Promise.all(lifecycles.map((lc) => runLifecycle(ctx.api, lc, progress)));
  await judgeReadModel(ctx, name, lifecycles, t0);

  let failedTasks = 0;
  let openedByPrevious = 0;
  let finishedByCurrent = 0;
  const notes: string[] = [];
  for (const lc of lifecycles.filter((l) => l.caseId)) {
    const history = await ctx.client.workflow.getHandle(`case:${lc.caseId}`).fetchHistory();
    const events = history.events ?? [];
    const failures = events.filter((e) => e.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED);
    failedTasks += failures.length;
    for (const f of failures.slice(0, 1)) {
      notes.push(`${lc.caseId}: ${f.workflowTaskFailedEventAttributes?.failure?.message?.slice(0, 200)}`);
    }
    const completions = events.filter((e) => e.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED);
    const byPrevious = (e: (typeof events)[number]) =>
      previousIds.has(e.workflowTaskCompletedEventAttributes?.identity ?? '');
    const firstCurrent = events.findIndex(
      (e) => e.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED && !byPrevious(e),
    );
    const markersBefore = events
      .slice(0, firstCurrent < 0 ? events.length : firstCurrent)
      .filter((e) => e.markerRecordedEventAttributes?.markerName === 'core_patch').length;
    if (completions[0] && byPrevious(completions[0]) && markersBefore === 0) openedByPrevious += 1;
    const last = completions.at(-1);
    if (last && !byPrevious(last)) finishedByCurrent += 1;
  }
  const logs = [...previous, ...next].map((w) => safeRead(w.logFile)).join('\n');
  const nondeterminism = (logs.match(/nondetermin/gi) ?? []).length;
  const n = lifecycles.length;
  ctx.report.check(
    `${name}: no failed workflow task, no nondeterminism error (histories and worker logs)`,
    failedTasks === 0 && nondeterminism === 0,
    `${failedTasks} failed workflow tasks, ${nondeterminism} nondeterminism log lines; ${notes.slice(0, 3).join('; ')}`,
  );
  ctx.report.check(
    `${name}: every case opened by a previous-release worker (its code path: no patch marker)`,
    openedByPrevious === n,
    `${openedByPrevious}/${n}`,
  );
  ctx.report.check(
    `${name}: every case finished by a current worker`,
    finishedByCurrent === n,
    `${finishedByCurrent}/${n}`,
  );
  ctx.report.figure(
    `rolling upgrade: ${n} cases opened by the previous release, ${finishedByCurrent} finished by the current one, ` +
      `${failedTasks} failed workflow tasks, ${nondeterminism} nondeterminism errors`,
  );
}
