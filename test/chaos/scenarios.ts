/**
 * The fault scenarios. Each runs N case lifecycles concurrently through the API, breaks one part of
 * the service in the middle of them, brings it back, lets every lifecycle finish (retrying with
 * its Idempotency-Keys), then checks every case: closed, no event lost, none doubled, one case and
 * one workflow per key, every webhook delivered. The faults are in faults.ts, the profiles in
 * profiles.ts, the log lines and summary table in report.ts.
 */
import { randomBytes } from 'node:crypto';
import { createDb } from '../../db/database.js';
import { Cluster } from './cluster.js';
import {
  HttpStats,
  Integrator,
  newLifecycles,
  Progress,
  runLifecycle,
  STEPS_PER_LIFECYCLE,
  caseBody,
  type Lifecycle,
} from './driver.js';
import { runIncidentScenario, type IncidentChaosResult } from './incident.js';
import { emptyFigures, verifyReadModel, verifySettled, type Figures } from './verify.js';
import { FAULTS } from './faults.js';
import { PROFILES, SCENARIOS, type Profile, type ScenarioName } from './profiles.js';
import { formatFigures, logProblems, secs, summaryTable } from './report.js';

export { formatFigures, PROFILES, SCENARIOS, summaryTable, type Profile, type ScenarioName };

export interface ScenarioResult {
  name: ScenarioName;
  ok: boolean;
  figures: Figures;
  /** The scenario (lifecycles, fault, read-model checks); the lifecycles alone. */
  ms: number;
  lifecyclesMs: number;
  http: string;
  unavailable: number;
  serverErrors: number;
  notes: string[];
  problems: string[];
  lifecycles: Lifecycle[];
  /** When its lifecycles were done: settlement is measured from here. */
  endedAt: number;
}

export async function runScenario(
  cluster: Cluster,
  name: Exclude<ScenarioName, 'incident-fanout'>,
  profile: Profile,
  runTag: string,
  log: (line: string) => void = () => {},
): Promise<ScenarioResult> {
  const t0 = Date.now();
  const stats = new HttpStats();
  const api = new Integrator(cluster.apiUrl, stats, profile.retry);
  const lifecycles = newLifecycles(runTag, name, profile.cases);
  const progress = new Progress();
  const notes: string[] = [];
  const problems: string[] = [];
  const note = (line: string) => {
    notes.push(line);
    cluster.note(`[${name}] ${line}`);
    log(`  [${name}] ${line}`);
  };
  log(`[${name}] ${lifecycles.length} lifecycles…`);
  const crashesBefore = cluster.crashes.length;
  const running = Promise.all(lifecycles.map((lc) => runLifecycle(api, lc, progress)));
  try {
    await FAULTS[name]({
      cluster,
      api,
      progress,
      lifecycles,
      profile,
      totalSteps: lifecycles.length * STEPS_PER_LIFECYCLE,
      note,
      problem: (line) => problems.push(line),
    });
  } catch (err) {
    problems.push(`the fault itself failed: ${(err as Error).message}`);
    await cluster.heal().catch((e) => problems.push(`could not heal the cluster: ${(e as Error).message}`));
  }
  await running;
  const lifecyclesMs = Date.now() - t0;
  if (profile.sabotage) await sabotage(cluster, api, lifecycles, note);
  note(`lifecycles done in ${secs(lifecyclesMs)}; checking the read model…`);
  const figures = emptyFigures(lifecycles);
  await verifyReadModel(api, lifecycles, figures, profile.catchUpMs);
  problems.push(...cluster.crashes.slice(crashesBefore), ...stats.errors);
  const result: ScenarioResult = {
    name,
    ok: false,
    figures,
    ms: Date.now() - t0,
    lifecyclesMs,
    http: stats.summary(),
    unavailable: stats.get('503'),
    serverErrors: stats.get('500'),
    notes,
    problems,
    lifecycles,
    endedAt: t0 + lifecyclesMs,
  };
  judge(result, false);
  log(formatFigures(result, 'read model'));
  return result;
}

async function sabotage(
  cluster: Cluster,
  api: Integrator,
  lifecycles: Lifecycle[],
  note: (line: string) => void,
): Promise<void> {
  const [a, b] = lifecycles;
  if (a) {
    const again = await api.call(
      'integrator',
      'POST',
      '/v1/cases',
      caseBody(a.customerId, a.index),
      `${a.tag}:lost-key`,
    );
    note(
      `sabotage: opened a second case (${again.status}) for lifecycle #${a.index}'s customer with a new key`,
    );
  }
  if (b?.caseId) {
    const db = createDb(cluster.pg.url, 1);
    try {
      await db.deleteFrom('case_events').where('case_id', '=', b.caseId).where('seq', '=', 5).execute();
    } finally {
      await db.destroy();
    }
    note(`sabotage: deleted seq 5 from the timeline of lifecycle #${b.index}`);
  }
}

/** Waits (bounded) for every case workflow to complete and every webhook to arrive, then judges. */
export async function settle(cluster: Cluster, results: ScenarioResult[], deadline: number): Promise<void> {
  await Promise.all(results.map((r) => verifySettled(cluster, r.lifecycles, r.figures, r.endedAt, deadline)));
  for (const r of results) {
    // Nothing was killed in these: every event id must have arrived exactly once.
    const onceEach = r.name === 'dead-subscriber' || r.name === 'receiver-down';
    if (onceEach && r.figures.webhooks.redelivered > 0)
      r.problems.push(`${r.figures.webhooks.redelivered} webhook events arrived more than once`);
    judge(r);
  }
}

function judge(r: ScenarioResult, settled = true): void {
  const f = r.figures;
  r.ok =
    f.lost === 0 &&
    f.doubled === 0 &&
    f.unexpected === 0 &&
    f.finished === f.cases &&
    f.closed === f.cases &&
    (!settled || f.workflowsCompleted === f.cases) &&
    f.problems.length === 0 &&
    r.problems.length === 0;
}

export interface ChaosRun {
  profile: Profile;
  results: ScenarioResult[];
  /** The incident fan-out scenario, when it ran (test/chaos/incident.ts). */
  incident?: IncidentChaosResult;
  ms: number;
  /** Startup or teardown failures outside any scenario. */
  problems: string[];
  ok: boolean;
}

/** Starts a cluster, runs the profile's scenarios one after another on it, tears it all down. */
export async function runChaos(
  profile: Profile,
  opts: {
    log?: (line: string) => void;
    scenarios?: readonly ScenarioName[];
    cluster?: (c: Cluster) => void;
  } = {},
): Promise<ChaosRun> {
  const log = opts.log ?? (() => {});
  const t0 = Date.now();
  const runTag = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  const cluster = new Cluster({ log });
  opts.cluster?.(cluster);
  const results: ScenarioResult[] = [];
  const problems: string[] = [];
  let incident: IncidentChaosResult | undefined;
  try {
    await cluster.start();
    for (const name of opts.scenarios ?? profile.scenarios) {
      await cluster.heal();
      if (name === 'incident-fanout') {
        log(`[incident-fanout] ${profile.incidentCases} cases linked to one incident…`);
        incident = await runIncidentScenario(cluster, {
          cases: profile.incidentCases,
          workerDownMs: profile.workerDownMs,
          catchUpMs: profile.catchUpMs,
          log,
        });
        for (const p of incident.problems) log(`    ! ${p}`);
        continue;
      }
      const r = await runScenario(cluster, name, profile, runTag, log);
      logProblems(r, log);
      results.push(r);
    }
    // Webhooks and workflow completion catch up in the background while later scenarios run.
    await cluster.heal();
    log(`waiting for every case workflow to complete and every webhook to arrive…`);
    const crashesBefore = cluster.crashes.length;
    await settle(cluster, results, Date.now() + profile.catchUpMs);
    problems.push(...cluster.crashes.slice(crashesBefore));
    for (const r of results) {
      log(formatFigures(r, 'settled'));
      logProblems(r, log);
    }
  } catch (err) {
    problems.push(`chaos run aborted: ${(err as Error).stack ?? err}`);
    log(`chaos run aborted: ${(err as Error).message}`);
  } finally {
    const failed = problems.length > 0 || results.some((r) => !r.ok);
    await cluster.stop(failed).catch((err) => problems.push(`teardown: ${(err as Error).message}`));
    if (failed) log(`logs of the run: ${cluster.dir}`);
  }
  const chosen = opts.scenarios ?? profile.scenarios;
  const wanted = chosen.filter((n) => n !== 'incident-fanout').length;
  const incidentOk = !chosen.includes('incident-fanout') || incident?.ok === true;
  return {
    profile,
    results,
    incident,
    ms: Date.now() - t0,
    problems,
    ok: problems.length === 0 && results.length === wanted && results.every((r) => r.ok) && incidentOk,
  };
}
