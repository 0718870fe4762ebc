/**
 * The incident fan-out under a worker kill: N cases (≥ 500 in the full profile) linked to one
 * incident, two public updates, and the worker SIGKILLed while the first one is being told to the
 * cases. Afterwards every case has each update exactly once (by incident update id), and every
 * webhook event id (one per case per update, plus one incident-level event per update) arrived
 * exactly once. The subscription is paused (events queued, none sent) while the fan-out and the
 * kill happen, so that a delivery POST on the wire at the kill (delivery is at least once; receivers
 * dedupe by X-Event-Id) cannot blur what is checked here: that the fan-out never tells a case twice
 * or forgets one, and that each event is queued once.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { createDb } from '../../db/database.js';
import type { Cluster } from './cluster.js';
import { caseBody, DEFAULT_RETRY, HttpStats, Integrator } from './driver.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export interface IncidentChaosResult {
  ok: boolean;
  cases: number;
  /** Cases missing an update, and updates a case has more than once. */
  lost: number;
  doubled: number;
  webhooks: { expected: number; delivered: number; redelivered: number };
  notes: string[];
  problems: string[];
  ms: number;
  http: string;
}

async function pool<T>(items: T[], n: number, fn: (t: T) => Promise<void>): Promise<void> {
  let i = 0;
  const lane = async () => {
    while (i < items.length) await fn(items[i++]!);
  };
  await Promise.all(Array.from({ length: n }, lane));
}

export async function runIncidentScenario(
  cluster: Cluster,
  opts: { cases: number; workerDownMs: number; catchUpMs: number; log: (line: string) => void },
): Promise<IncidentChaosResult> {
  const t0 = Date.now();
  const stats = new HttpStats();
  const api = new Integrator(cluster.apiUrl, stats, { ...DEFAULT_RETRY, deadlineMs: 240_000 });
  const tag = randomBytes(4).toString('hex');
  const notes: string[] = [];
  const problems: string[] = [];
  const note = (line: string) => {
    notes.push(line);
    cluster.note(`[incident-fanout] ${line}`);
    opts.log(`  [incident-fanout] ${line}`);
  };
  const must = async (what: string, p: Promise<{ status: number; body: any }>, ok = [200, 201]) => {
    const a = await p;
    if (!ok.includes(a.status))
      throw new Error(`${what}: HTTP ${a.status} ${JSON.stringify(a.body)?.slice(0, 300)}`);
    return a.body;
  };
  const db = createDb(cluster.pg.url, 2);
  try {
    const inc = await must(
      'open incident',
      api.call(
        'supervisor',
        'POST',
        '/v1/incidents',
        {
          title: `Chaos outage ${tag}`,
          description: 'internal: chaos run',
          kind: 'outage',
          severity: 'major',
        },
        `inc-${tag}`,
      ),
    );
    const ids: string[] = [];
    await pool([...Array(opts.cases).keys()], 12, async (i) => {
      const c = await must(
        'open case',
        api.call('integrator', 'POST', '/v1/cases', caseBody(`inc-${tag}-${i}`, i), `inc-${tag}-case-${i}`),
      );
      ids.push(c.id);
    });
    for (let i = 0; i < ids.length; i += 100) {
      const r = await must(
        'link',
        api.call(
          'agent',
          'POST',
          `/v1/incidents/${inc.id}/cases`,
          { caseIds: ids.slice(i, i + 100) },
          `inc-${tag}-link-${i}`,
        ),
      );
      const refused = (r.items as { outcome: string }[]).filter((o) => o.outcome !== 'linked');
      if (refused.length)
        problems.push(`${refused.length} cases refused the link: ${JSON.stringify(refused[0])}`);
    }
    note(`${ids.length} cases opened and linked in ${secs(Date.now() - t0)}`);

    // Deliveries are paused (queued, not sent) while the fan-out and the kill happen.
    const subs = await must('list webhooks', api.call('admin', 'GET', '/v1/webhooks'));
    const sub = (subs.items as { id: string; url: string }[]).find((x) => x.url === cluster.webhooks.url);
    if (!sub) throw new Error('the cluster webhook subscription is missing');
    const pause = (paused: boolean) =>
      must(`pause=${paused}`, api.call('admin', 'PATCH', `/v1/webhooks/${sub.id}`, { paused }));
    await pause(true);
    const told = async (seq: number) =>
      Number(
        (
          await sql<{ n: number }>`SELECT count(*)::int AS n FROM incident_cases
            WHERE incident_id = ${inc.id} AND unlinked_at IS NULL AND last_message_seq >= ${seq}`.execute(db)
        ).rows[0]!.n,
      );
    const tFan = Date.now();
    const u1 = await must(
      'update 1',
      api.call(
        'agent',
        'POST',
        `/v1/incidents/${inc.id}/updates`,
        { message: 'We know about the outage.' },
        `inc-${tag}-u1`,
      ),
    );
    // Kill the worker once a fifth of the cases have been told.
    for (let i = 0; i < 600 && (await told(1)) < ids.length / 5; i++) await sleep(50);
    const before = await told(1);
    await cluster.killWorker();
    note(`SIGKILL the worker with ${before}/${ids.length} cases told update 1`);
    await sleep(opts.workerDownMs);
    await cluster.startWorker();
    const u2 = await must(
      'update 2',
      api.call(
        'agent',
        'POST',
        `/v1/incidents/${inc.id}/updates`,
        { message: 'Service is coming back.', status: 'monitoring' },
        `inc-${tag}-u2`,
      ),
    );
    const deadline = Date.now() + opts.catchUpMs;
    while ((await told(2)) < ids.length && Date.now() < deadline) await sleep(250);
    note(
      `both updates told to ${await told(2)}/${ids.length} cases ${secs(Date.now() - tFan)} after update 1`,
    );
    await pause(false);
    const messageIds = [u1.messages[0].id as string, u2.messages[1].id as string];

    // Each case: each update exactly once, in its timeline (the read model the API serves).
    const rows = await sql<{ case_id: string; update_id: string; n: number; seqs: number[] }>`
      SELECT case_id, data->>'updateId' AS update_id, count(*)::int AS n, array_agg(seq) AS seqs
      FROM case_events WHERE type = 'case.incident_update' AND case_id = ANY(${ids}) GROUP BY 1, 2`.execute(
      db,
    );
    const byCase = new Map<string, Map<string, number>>();
    const eventIds: string[] = [];
    for (const r of rows.rows) {
      byCase.set(r.case_id, (byCase.get(r.case_id) ?? new Map()).set(r.update_id, r.n));
      for (const seq of r.seqs) eventIds.push(`${r.case_id}:${seq}`);
    }
    let lost = 0;
    let doubled = 0;
    for (const id of ids) {
      for (const m of messageIds) {
        const n = byCase.get(id)?.get(m) ?? 0;
        if (n === 0) lost += 1;
        if (n > 1) doubled += n - 1;
      }
    }
    // Webhooks: one per case per update, plus the incident's own two events, each id once.
    const incidentEvents = await sql<{ event_id: string }>`
      SELECT event_id FROM outbox WHERE case_id = ${`incident:${inc.id}`} AND type = 'incident.updated'`.execute(
      db,
    );
    eventIds.push(...incidentEvents.rows.map((r) => r.event_id));
    if (incidentEvents.rows.length !== 2)
      problems.push(`${incidentEvents.rows.length} incident.updated events, want 2`);
    // Resumed, the queue goes out in order.
    const webhookDeadline = Date.now() + opts.catchUpMs;
    while (eventIds.some((e) => !cluster.webhooks.received.has(e)) && Date.now() < webhookDeadline) {
      await sleep(250);
    }
    const delivered = eventIds.filter((e) => cluster.webhooks.received.has(e)).length;
    const redelivered = eventIds.reduce(
      (a, e) => a + Math.max(0, (cluster.webhooks.received.get(e) ?? 0) - 1),
      0,
    );
    note(`webhooks: ${delivered}/${eventIds.length} event ids arrived, ${redelivered} more than once`);
    if (delivered < eventIds.length)
      problems.push(`${eventIds.length - delivered} webhook events never arrived`);
    if (redelivered > 0) problems.push(`${redelivered} webhook events arrived more than once`);
    if (lost) problems.push(`${lost} (case, update) pairs missing`);
    if (doubled) problems.push(`${doubled} updates doubled in a case`);
    const hist = await cluster.client.workflow.getHandle(`incident:${inc.id}`).fetchHistory();
    note(
      `incident workflow history: ${hist.events?.length ?? 0} events for ${ids.length} cases and 2 updates`,
    );
    problems.push(...stats.errors);
    return {
      ok: problems.length === 0,
      cases: ids.length,
      lost,
      doubled,
      webhooks: { expected: eventIds.length, delivered, redelivered },
      notes,
      problems,
      ms: Date.now() - t0,
      http: stats.summary(),
    };
  } catch (err) {
    problems.push(`incident scenario failed: ${(err as Error).message}`);
    return {
      ok: false,
      cases: 0,
      lost: 0,
      doubled: 0,
      webhooks: { expected: 0, delivered: 0, redelivered: 0 },
      notes,
      problems,
      ms: Date.now() - t0,
      http: stats.summary(),
    };
  } finally {
    await db.destroy();
  }
}
