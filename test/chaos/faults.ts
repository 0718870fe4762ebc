/**
 * The faults themselves, one per scenario: each waits for its fault point in the lifecycles, breaks
 * one part of the service (worker, Temporal, PostgreSQL, API, a webhook receiver), checks how the
 * service answers meanwhile, and brings it back.
 */
import { randomBytes } from 'node:crypto';
import { createDb } from '../../db/database.js';
import { viewQuery } from '../../workflows/case-updates.js';
import { Cluster, startWebhookReceiver } from './cluster.js';
import { Integrator, Progress, caseBody, type Lifecycle } from './driver.js';
import type { Profile, ScenarioName } from './profiles.js';
import { secs } from './report.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface FaultContext {
  cluster: Cluster;
  api: Integrator;
  progress: Progress;
  lifecycles: Lifecycle[];
  profile: Profile;
  totalSteps: number;
  note: (line: string) => void;
  problem: (line: string) => void;
}

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

export const FAULTS: Record<Exclude<ScenarioName, 'incident-fanout'>, (c: FaultContext) => Promise<void>> = {
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
