/**
 * The fault scenarios. Each runs N case lifecycles concurrently through the API, breaks one part of
 * the service in the middle of them, brings it back, lets every lifecycle finish (retrying with
 * its Idempotency-Keys), then checks every case: closed, no event lost, none doubled, one case and
 * one workflow per key, every webhook delivered.
 */
import { randomBytes } from 'node:crypto';
import { createDb } from '../../db/database.js';
import { viewQuery } from '../../workflows/case-updates.js';
import { Cluster, startWebhookReceiver } from './cluster.js';
import {
  DEFAULT_RETRY,
  HttpStats,
  Integrator,
  newLifecycles,
  Progress,
  runLifecycle,
  STEPS_PER_LIFECYCLE,
  caseBody,
  type Lifecycle,
  type RetryPolicy,
} from './driver.js';
import { runIncidentScenario, type IncidentChaosResult } from './incident.js';
import { emptyFigures, verifyReadModel, verifySettled, type Figures } from './verify.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export const SCENARIOS = [
  'worker-kill',
  'temporal-restart',
  'postgres-outage',
  'api-restart',
  'dead-subscriber',
  'receiver-down',
  'incident-fanout',
] as const;
/** Run order: the scenarios whose webhooks take longest to catch up first, so that their catching
 *  up overlaps the later scenarios. */
const RUN_ORDER: readonly ScenarioName[] = [
  'receiver-down',
  'postgres-outage',
  'dead-subscriber',
  'worker-kill',
  'temporal-restart',
  'api-restart',
  'incident-fanout',
];
export type ScenarioName = (typeof SCENARIOS)[number];

export interface Profile {
  name: string;
  /** Concurrent lifecycles per scenario. */
  cases: number;
  scenarios: readonly ScenarioName[];
  /** The fault comes when this share of all lifecycle steps is done. */
  faultAt: number;
  workerDownMs: number;
  temporalDownMs: number;
  postgresDownMs: number;
  apiDownMs: number;
  /** Cases linked to the incident in `incident-fanout`. */
  incidentCases: number;
  /** How long verification waits for projections, workflows and webhooks to catch up. */
  catchUpMs: number;
  retry: RetryPolicy;
  /** Self-test of the checks: after the lifecycles, open a second case for one key's customer and
   *  delete one event from another case's timeline; the run must then fail. */
  sabotage?: boolean;
}

export const PROFILES: Record<'quick' | 'full' | 'reduced', Profile> = {
  quick: {
    name: 'quick',
    cases: 12,
    scenarios: RUN_ORDER,
    faultAt: 0.3,
    workerDownMs: 1000,
    // Longer than the API's update timeout (UPDATE_TIMEOUT_MS, 15 s): requests then get their 503.
    temporalDownMs: 17_000,
    postgresDownMs: 8000,
    apiDownMs: 500,
    incidentCases: 100,
    catchUpMs: 180_000,
    retry: { ...DEFAULT_RETRY, deadlineMs: 120_000 },
  },
  /** What `npm test` runs (test/chaos/chaos.test.ts): the two process kills, 8 cases each. */
  reduced: {
    name: 'reduced',
    cases: 8,
    scenarios: ['worker-kill', 'api-restart'],
    faultAt: 0.3,
    workerDownMs: 1000,
    temporalDownMs: 5000,
    postgresDownMs: 8000,
    apiDownMs: 500,
    incidentCases: 20,
    catchUpMs: 180_000,
    retry: { ...DEFAULT_RETRY, deadlineMs: 120_000 },
  },
  full: {
    name: 'full',
    cases: 50,
    scenarios: RUN_ORDER,
    faultAt: 0.3,
    workerDownMs: 3000,
    temporalDownMs: 20_000,
    postgresDownMs: 30_000,
    apiDownMs: 2000,
    incidentCases: 500,
    catchUpMs: 360_000,
    retry: { ...DEFAULT_RETRY, deadlineMs: 240_000 },
  },
};

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

interface FaultContext {
  cluster: Cluster;
  api: Integrator;
  progress: Progress;
  lifecycles: Lifecycle[];
  profile: Profile;
  totalSteps: number;
  note: (line: string) => void;
  problem: (line: string) => void;
}

const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** Waits until the fault point (a share of all steps), bounded. */
const faultPoint = (c: FaultContext, share = c.profile.faultAt) =>
  c.progress.until(Math.ceil(c.totalSteps * share), 60_000);

/** While PostgreSQL is down: 503 (problem+json, Retry-After) where the API needs it; the
 *  workflows still answer queries from their own state. */
async function probeDatabaseOutage(c: FaultContext): Promise<void> {
  const sample = c.lifecycles.filter((l) => l.caseId).slice(0, 5);
  const probes: [string, () => Promise<{ status: number; headers: Headers; body: any }>][] = [
    ['GET /v1/cases/{id}', () => c.api.once('agent', 'GET', `/v1/cases/${sample[0]?.caseId ?? 'x'}`)],
    ['GET /v1/cases', () => c.api.once('agent', 'GET', '/v1/cases?limit=5')],
    [
      'POST /v1/cases',
      () =>
        c.api.once(
          'integrator',
          'POST',
          '/v1/cases',
          caseBody(`probe-${randomBytes(4).toString('hex')}`, 0),
          {
            'Idempotency-Key': `probe-${randomBytes(8).toString('hex')}`,
          },
        ),
    ],
  ];
  for (const [what, probe] of probes) {
    const a = await probe();
    const type = a.headers.get('content-type') ?? '';
    if (a.status !== 503 || !(Number(a.headers.get('retry-after')) > 0) || !type.includes('problem+json')) {
      c.problem(`PostgreSQL down: ${what} answered ${a.status} (${type}) ${JSON.stringify(a.body)}`);
    }
  }
  const ready = await c.api.once(null, 'GET', '/readyz');
  if (ready.status !== 503 || !/unavailable/.test(String(ready.body?.checks?.database))) {
    c.problem(`PostgreSQL down: /readyz answered ${ready.status} ${JSON.stringify(ready.body)}`);
  }
  // A workflow whose projection (a local activity) is retrying holds its workflow task open, and
  // a query waits for that task to end (the worker heartbeats it every ~8 s): allow 20 s.
  const t0 = Date.now();
  let answered = 0;
  const client = c.cluster.client;
  await Promise.all(
    sample.map(async (lc) => {
      try {
        const view = await client.connection.withDeadline(Date.now() + 20_000, () =>
          client.workflow.getHandle(`case:${lc.caseId}`).query(viewQuery),
        );
        if (view.id === lc.caseId) answered += 1;
        else c.problem(`PostgreSQL down: query of ${lc.caseId} answered case ${view.id}`);
      } catch (err) {
        c.problem(`PostgreSQL down: query of case:${lc.caseId} failed: ${(err as Error).message}`);
      }
    }),
  );
  c.note(
    `PostgreSQL down: ${answered}/${sample.length} workflows answered queries (within ${secs(Date.now() - t0)})`,
  );
}

/** The case ids of the lifecycles once all of them are done (bounded). */
async function allDone(c: FaultContext): Promise<string[]> {
  await c.progress.until(c.totalSteps, c.profile.retry.deadlineMs + 60_000);
  for (let i = 0; i < 600 && c.lifecycles.some((l) => !l.finished && !l.failure); i++) await sleep(100);
  return c.lifecycles.flatMap((l) => (l.caseId ? [l.caseId] : []));
}

/** Every case workflow completed, each within `withinMs` from now; problems otherwise. */
async function expectCompleted(c: FaultContext, caseIds: string[], withinMs: number): Promise<number> {
  const t0 = Date.now();
  let slowest = 0;
  await Promise.all(
    caseIds.map(async (id) => {
      const h = c.cluster.client.workflow.getHandle(`case:${id}`);
      for (;;) {
        const d = await h.describe().catch(() => undefined);
        if (d && d.status.name !== 'RUNNING') {
          slowest = Math.max(slowest, Date.now() - t0);
          return;
        }
        if (Date.now() - t0 > withinMs)
          return void c.problem(`case ${id}: workflow still running ${secs(withinMs)} after its lifecycle`);
        await sleep(200);
      }
    }),
  );
  return slowest;
}

const FAULTS: Record<Exclude<ScenarioName, 'incident-fanout'>, (c: FaultContext) => Promise<void>> = {
  /** A second subscriber whose receiver never answers: the live receiver must not notice. */
  async 'dead-subscriber'(c) {
    const dead = await startWebhookReceiver();
    dead.mode = 'hang';
    const sub = await c.cluster.subscribe(dead.url);
    c.note('subscribed a receiver that never answers, beside the live one');
    try {
      const ids = await allDone(c);
      // Every event of these cases reaches the live receiver within seconds of being queued for it
      // (its outbox row, written with the projection). From happening to arriving is reported too,
      // but 50 lifecycles at once on a small machine delay that with or without a dead receiver
      // (24 s with a healthy second one in a control run): it measures load, not isolation.
      const db = createDb(c.cluster.pg.url, 1);
      const queuedAt = new Map(
        (
          await db
            .selectFrom('outbox')
            .select(['event_id', 'created_at'])
            .where('case_id', 'in', ids)
            .execute()
        ).map((r) => [r.event_id, new Date(r.created_at).getTime()]),
      );
      await db.destroy();
      let worst = 0;
      let worstQueued = 0;
      let missing = 0;
      for (const id of ids) {
        const tl = await c.api.call('agent', 'GET', `/v1/cases/${id}/timeline`);
        for (const e of (tl.body?.items ?? []) as { seq: number; at: string }[]) {
          const key = `${id}:${e.seq}`;
          for (let i = 0; i < 100 && !c.cluster.webhooks.firstAt.has(key); i++) await sleep(100);
          const at = c.cluster.webhooks.firstAt.get(key);
          if (at === undefined) missing += 1;
          else {
            worst = Math.max(worst, at - Date.parse(e.at));
            worstQueued = Math.max(worstQueued, at - (queuedAt.get(key) ?? Date.parse(e.at)));
          }
        }
      }
      c.note(
        `live receiver: slowest event arrived ${secs(worstQueued)} after it was queued, ${secs(worst)} after it happened; ${missing} missing`,
      );
      if (missing > 0 || worstQueued > 5000)
        c.problem(
          `live receiver delayed by the dead one: slowest ${secs(worstQueued)} after queued, ${missing} missing`,
        );
      const slowest = await expectCompleted(c, ids, 10_000);
      c.note(`every case workflow completed (the last ${secs(slowest)} after the lifecycles)`);
    } finally {
      await c.cluster.unsubscribe(sub).catch((e) => c.problem(`unsubscribe: ${(e as Error).message}`));
      await dead.close();
    }
  },

  /** The only receiver is down for the whole scenario: cases still complete; deliveries come later. */
  async 'receiver-down'(c) {
    c.cluster.webhooks.mode = 'down';
    c.note('webhook receiver down (503) for the whole scenario');
    try {
      const ids = await allDone(c);
      const slowest = await expectCompleted(c, ids, 10_000);
      c.note(
        `every case workflow completed with the receiver down (the last ${secs(slowest)} after the lifecycles)`,
      );
      const early = ids.filter((id) =>
        [...c.cluster.webhooks.received.keys()].some((k) => k.startsWith(`${id}:`)),
      );
      if (early.length) c.problem(`the receiver was down, yet ${early.length} cases' events were recorded`);
    } finally {
      c.cluster.webhooks.mode = 'up';
      c.note('webhook receiver back up');
    }
  },

  /** kill -9 the worker mid-run, restart it after a moment. */
  async 'worker-kill'(c) {
    await faultPoint(c);
    c.note(`SIGKILL ${c.cluster.worker?.name} at ${c.progress.stepsDone}/${c.totalSteps} steps`);
    await c.cluster.killWorker();
    const before503 = c.api.stats.get('503');
    await sleep(c.profile.workerDownMs);
    const t = Date.now();
    await c.cluster.startWorker();
    c.note(
      `worker down ${secs(c.profile.workerDownMs + Date.now() - t)} (restart incl.); 503s meanwhile: ${c.api.stats.get('503') - before503}`,
    );
  },

  /** Stop the Temporal dev server (persistent SQLite), start it again on the same port and file. */
  async 'temporal-restart'(c) {
    await faultPoint(c);
    const t0 = Date.now();
    const before503 = c.api.stats.get('503');
    c.note(`stopping Temporal at ${c.progress.stepsDone}/${c.totalSteps} steps`);
    await c.cluster.stopTemporal();
    // While it is down: readiness says so, and the API answers 503 (the lifecycles see those).
    const ready = await c.api.once(null, 'GET', '/readyz');
    if (ready.status !== 503 || !/unavailable/.test(String(ready.body?.checks?.temporal))) {
      c.problem(`Temporal down: /readyz answered ${ready.status} ${JSON.stringify(ready.body)}`);
    }
    // An action that can change nothing (accepting an accepted case) goes to Temporal: after the
    // API's update timeout it must answer 503 — or 409, if Temporal came back first; never a 500.
    const accepted = c.lifecycles.find((l) => l.stepsDone >= 2);
    const probe = accepted
      ? c.api
          .once('agent', 'POST', `/v1/cases/${accepted.caseId}/accept`, {})
          .then((a) => {
            c.note(`Temporal down: a probe action answered ${a.status} after ${secs(Date.now() - t0)}`);
            if (a.status !== 503 && a.status !== 409) {
              c.problem(`Temporal down: a probe action answered ${a.status} ${JSON.stringify(a.body)}`);
            }
          })
          .catch((err) => c.problem(`Temporal down: a probe action failed: ${(err as Error).message}`))
      : Promise.resolve();
    await sleep(Math.max(0, c.profile.temporalDownMs - (Date.now() - t0)));
    await c.cluster.startTemporal();
    await probe;
    c.note(`Temporal down ${secs(Date.now() - t0)}; 503s meanwhile: ${c.api.stats.get('503') - before503}`);
  },

  /** Stop PostgreSQL for a while: 503 where the API needs it, workflows keep their state. */
  async 'postgres-outage'(c) {
    await faultPoint(c);
    const t0 = Date.now();
    const before503 = c.api.stats.get('503');
    c.note(`stopping PostgreSQL at ${c.progress.stepsDone}/${c.totalSteps} steps`);
    c.cluster.pg.pause();
    try {
      // The probes run while the outage lasts (it lasts at least postgresDownMs, longer if they do).
      await Promise.all([probeDatabaseOutage(c), sleep(c.profile.postgresDownMs)]);
    } finally {
      c.cluster.pg.resume();
    }
    c.note(`PostgreSQL down ${secs(Date.now() - t0)}; 503s meanwhile: ${c.api.stats.get('503') - before503}`);
  },

  /** SIGKILL the API while the opens are in flight; again in the middle of the actions. */
  async 'api-restart'(c) {
    const want = Math.min(c.lifecycles.length, 20);
    for (let i = 0; i < 100 && c.progress.opensInFlight < want; i++) await sleep(20);
    // Let the API get into them: keys claimed, workflows starting.
    await sleep(150);
    const inFlight = c.progress.opensInFlight;
    const answered = c.progress.opensAnswered;
    await c.cluster.killApi();
    c.note(`SIGKILL ${c.cluster.api?.name} with ${inFlight} opens in flight (${answered} answered)`);
    if (inFlight < want) c.problem(`only ${inFlight} opens were in flight at the kill (wanted ${want})`);
    await sleep(c.profile.apiDownMs);
    await c.cluster.startApi();
    await faultPoint(c, 0.55);
    c.note(`SIGKILL ${c.cluster.api?.name} at ${c.progress.stepsDone}/${c.totalSteps} steps`);
    await c.cluster.killApi();
    await sleep(c.profile.apiDownMs);
    await c.cluster.startApi();
  },
};

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

export function formatFigures(r: ScenarioResult, stage: 'read model' | 'settled'): string {
  const f = r.figures;
  const settled =
    stage === 'settled'
      ? ` | workflows completed ${f.workflowsCompleted}/${f.cases}, the last ${secs(f.settledMs)} after the lifecycles` +
        ` | webhooks ${f.webhooks.delivered}/${f.webhooks.expected} (redelivered ${f.webhooks.redelivered}, cases out of order ${f.webhooks.outOfOrder})`
      : '';
  return (
    `  [${r.name}] ${stage}: ${r.ok ? 'OK' : 'FAILED'}: cases ${f.cases}, closed ${f.closed}, events ${f.events}, ` +
    `lost ${f.lost}, doubled ${f.doubled}, unfinished ${f.cases - f.finished}, time ${secs(r.ms)}` +
    ` | HTTP ${r.http}${settled}`
  );
}

function logProblems(r: ScenarioResult, log: (line: string) => void): void {
  const all = [...r.problems, ...r.figures.problems];
  for (const p of all.slice(0, 20)) log(`    ! ${p}`);
  if (all.length > 20) log(`    ! … and ${all.length - 20} more`);
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

export function summaryTable(run: ChaosRun): string {
  const head = [
    'scenario',
    'cases',
    'closed',
    'events',
    'lost',
    'doubled',
    'unfinished',
    '503s',
    '500s',
    'webhooks',
    'settled',
    'time',
    'result',
  ];
  const rows = run.results.map((r) => [
    r.name,
    String(r.figures.cases),
    String(r.figures.closed),
    String(r.figures.events),
    String(r.figures.lost),
    String(r.figures.doubled),
    String(r.figures.cases - r.figures.finished),
    String(r.unavailable),
    String(r.serverErrors),
    `${r.figures.webhooks.delivered}/${r.figures.webhooks.expected}`,
    r.figures.workflowsCompleted === r.figures.cases ? `+${secs(r.figures.settledMs)}` : 'no',
    secs(r.ms),
    r.ok ? 'ok' : 'FAILED',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  return [
    line(head),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...rows.map(line),
    '',
    'lost/doubled: events missing or extra in a timeline (by type and seq), webhooks never delivered, ' +
      'extra cases or workflows for one Idempotency-Key; settled: when the last case workflow completed ' +
      '(projections and webhooks drained), after the lifecycles; time: lifecycles + fault + read-model checks',
    ...(run.incident ? [incidentLine(run.incident)] : []),
    `profile ${run.profile.name}: ${run.results.filter((r) => r.ok).length}/${run.results.length} scenarios ok, total ${secs(run.ms)}${run.ok ? '' : ' — FAILED'}`,
  ].join('\n');
}

function incidentLine(r: IncidentChaosResult): string {
  const w = r.webhooks;
  return (
    `incident-fanout: ${r.cases} linked cases, 2 updates, worker killed mid fan-out: lost ${r.lost}, doubled ${r.doubled}, ` +
    `webhooks ${w.delivered}/${w.expected} (redelivered ${w.redelivered}), ${secs(r.ms)} — ${r.ok ? 'ok' : 'FAILED'}`
  );
}
