/**
 * Incident fan-out: one public update reaching N linked case timelines (N = 100 and 2 000 in the
 * full run), timed from the API's answer to the moment the last timeline in the read model has the
 * message; and the incident workflow's history (events, bytes) after linking and telling them.
 */
import { sql } from 'kysely';
import type { BenchContext } from './run.js';
import { caseBody, newIdempotencyKey } from './lib/api.js';

export interface IncidentFanOut {
  linkedCases: number;
  /** Opening the cases and linking them (in batches of 100), seconds. */
  linkSeconds: number;
  /** POST /updates: the API's answer (the message recorded, the fan-out queued). */
  postMs: number;
  /** From the API's answer to the last linked timeline showing the message. */
  fanOutSeconds: number;
  casesPerSecond: number;
  /** When half of the timelines had it. */
  halfSeconds: number;
  history: { events: number; bytes: number };
}

async function pool<T>(items: T[], n: number, fn: (t: T) => Promise<void>): Promise<void> {
  let i = 0;
  const lane = async () => {
    while (i < items.length) await fn(items[i++]!);
  };
  await Promise.all(Array.from({ length: n }, lane));
}

export async function incidentFanOut(ctx: BenchContext, n: number): Promise<IncidentFanOut> {
  const { api, db, progress } = ctx;
  progress.start(`incident: open and link ${n} cases`, n);
  const t0 = Date.now();
  const inc = await api.expect([201], 'supervisor', 'POST', '/v1/incidents', {
    title: `Bench outage (${n} cases)`,
    description: 'bench',
    kind: 'outage',
    severity: 'major',
  });
  const ids: string[] = [];
  await pool([...Array(n).keys()], 16, async (i) => {
    const c = await api.expect([201], 'integrator', 'POST', '/v1/cases', caseBody(i), {
      'Idempotency-Key': newIdempotencyKey(),
    });
    ids.push(c.id);
    progress.update(ids.length);
  });
  for (let i = 0; i < ids.length; i += 100) {
    await api.expect([200], 'agent', 'POST', `/v1/incidents/${inc.id}/cases`, {
      caseIds: ids.slice(i, i + 100),
    });
  }
  const linkSeconds = (Date.now() - t0) / 1000;
  progress.end(`${n} cases linked in ${linkSeconds.toFixed(1)} s`);

  progress.start(`incident: one update to ${n} linked timelines`, n);
  const tPost = Date.now();
  const posted = await api.expect([201], 'agent', 'POST', `/v1/incidents/${inc.id}/updates`, {
    message: 'Engineers are on site; service should be back within two hours.',
  });
  const answered = Date.now();
  const updateId = posted.messages[0].id as string;
  let half = 0;
  for (;;) {
    const { told } = (
      await sql<{ told: number }>`SELECT count(*)::int AS told FROM case_events
        WHERE type = 'case.incident_update' AND data->>'updateId' = ${updateId}`.execute(db)
    ).rows[0]!;
    progress.update(told);
    if (!half && told >= n / 2) half = Date.now();
    if (told >= n) break;
    if (Date.now() - answered > 30 * 60_000)
      throw new Error(`fan-out to ${n} cases did not finish in 30 min`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const done = Date.now();
  const fanOutSeconds = (done - answered) / 1000;
  const history = await ctx.client.workflow.getHandle(`incident:${inc.id}`).fetchHistory();
  const result: IncidentFanOut = {
    linkedCases: n,
    linkSeconds: round1(linkSeconds),
    postMs: answered - tPost,
    fanOutSeconds: round1(fanOutSeconds),
    casesPerSecond: round1(n / fanOutSeconds),
    halfSeconds: round1((half - answered) / 1000),
    history: { events: history.events?.length ?? 0, bytes: JSON.stringify(history).length },
  };
  progress.end(
    `${n} timelines in ${result.fanOutSeconds} s (${result.casesPerSecond}/s); incident history ${result.history.events} events`,
  );
  return result;
}

const round1 = (v: number) => Math.round(v * 10) / 10;
