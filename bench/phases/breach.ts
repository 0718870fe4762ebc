import { cdfPoints, r1, runLoad, sleep, summarize, waitFor, type LatencySummary } from '../lib/stats.js';
import type { BenchContext } from '../run.js';
import { BREACH_POLICY, openCase, perOp } from './common.js';

export interface BreachResult {
  cases: number;
  respondWithin: string;
  /** sla.breached data.detectedAt − data.at (the deadline), ms: when the workflow noticed. */
  detectedLateMs: LatencySummary;
  detectedCdf: number[];
  /** First GET that showed the breach − the deadline, ms (polled every 100 ms per case). */
  visibleLateMs: LatencySummary;
  visibleCdf: number[];
  missing: number;
  /** The cases' deadlines spread over this many ms (they were opened at the creation concurrency). */
  deadlineSpreadMs: number;
  /** Time to open the M cases, and how long after the last one answered the first deadline came. */
  openedInMs: number;
  firstDeadlineAfterLastOpenMs: number;
  /** Breaches per second while they fired: M ÷ the deadlines' spread. */
  breachesPerSecond: number;
  /** CPU from the first deadline until every breach was seen (includes the API answering the polls). */
  cpuSeconds: Record<string, number> | null;
  cpuMsPerBreach: Record<string, number> | null;
  otherTop: string[];
}

/**
 * M cases whose respond deadline passes a few seconds after they open. The deadline is long enough
 * (at least `breachAfter`, else the time the creation phase needs for M cases plus 3 s) that every
 * case is open before the first one breaches: the breaches are measured on their own, not queued
 * behind a creation burst that saturates the worker (that case is described in BENCHMARKS.md).
 */
export async function breaches(ctx: BenchContext, createdPerSecond: number): Promise<BreachResult> {
  const { opts, progress, api } = ctx;
  const M = opts.breachCases;
  const seconds = Math.max(opts.breachAfterMs / 1000, Math.ceil(M / Math.max(1, createdPerSecond)) + 3);
  const respondWithin = `PT${seconds}S`;
  await api.expect([200], 'admin', 'PUT', `/v1/sla-policies/${BREACH_POLICY}`, {
    calendar: '24x7',
    respondWithin,
    resolveWithin: 'PT1H',
    callbackWithin: 'PT1H',
    rateWithin: 'P7D',
  });
  progress.start(`breach: ${M} cases with respondWithin ${respondWithin}`, M);
  const cases: { id: string; due: number }[] = [];
  const openStart = Date.now();
  await runLoad(M, opts.concurrency, async (i) => {
    const view = await openCase(ctx, i, { slaPolicy: BREACH_POLICY });
    cases.push({ id: view.id, due: Date.parse(view.deadlines.respondBy) });
  });
  const lastOpened = Date.now();
  const dues = cases.map((c) => c.due);
  const lastDue = Math.max(...dues);
  const seen = new Map<string, number>();
  const lastPoll = new Map<string, number>();
  const inFlight = new Set<string>();
  const MAX_IN_FLIGHT = 8;
  const POLL_EVERY_MS = 100;
  const giveUpAt = lastDue + 30_000;
  progress.note('breach: polling GET /v1/cases/{id} after each deadline');
  // Bounded: stops when every breach was seen or 30 s after the last deadline.
  const firstDue = Math.min(...dues);
  let cpuAtFirstDeadline: ReturnType<typeof ctx.cpu.snapshot> | undefined;
  while (seen.size < cases.length && Date.now() < giveUpAt) {
    const now = Date.now();
    if (!cpuAtFirstDeadline && now >= firstDue) cpuAtFirstDeadline = ctx.cpu.snapshot();
    for (const c of cases) {
      if (inFlight.size >= MAX_IN_FLIGHT) break;
      if (seen.has(c.id) || inFlight.has(c.id) || c.due > now) continue;
      if ((lastPoll.get(c.id) ?? 0) + POLL_EVERY_MS > now) continue;
      lastPoll.set(c.id, now);
      inFlight.add(c.id);
      void api
        .call('supervisor', 'GET', `/v1/cases/${c.id}`)
        .then((r) => {
          if (r.status === 200 && r.body.breaches?.length > 0 && !seen.has(c.id)) {
            seen.set(c.id, Date.now());
            progress.update(seen.size);
          }
        })
        .catch(() => {})
        .finally(() => inFlight.delete(c.id));
    }
    await sleep(5);
  }
  await waitFor(async () => inFlight.size === 0, 10_000, 10);
  const cpu = cpuAtFirstDeadline ? ctx.cpu.diff(cpuAtFirstDeadline, ctx.cpu.snapshot()) : undefined;

  progress.note('breach: reading sla.breached from the timelines');
  const detected: number[] = [];
  const visible: number[] = [];
  let missing = 0;
  for (const c of cases) {
    const tl = await api.expect([200], 'supervisor', 'GET', `/v1/cases/${c.id}/timeline`);
    const ev = (tl.items as { type: string; data: any }[]).find(
      (e) => e.type === 'sla.breached' && e.data?.clock === 'respond',
    );
    const seenAt = seen.get(c.id);
    if (!ev || seenAt === undefined) {
      missing += 1;
      continue;
    }
    detected.push(Date.parse(ev.data.detectedAt) - Date.parse(ev.data.at));
    visible.push(seenAt - Date.parse(ev.data.at));
  }
  const result: BreachResult = {
    cases: M,
    respondWithin,
    detectedLateMs: summarize(detected),
    detectedCdf: cdfPoints(detected),
    visibleLateMs: summarize(visible),
    visibleCdf: cdfPoints(visible),
    missing,
    deadlineSpreadMs: lastDue - Math.min(...dues),
    openedInMs: lastOpened - openStart,
    firstDeadlineAfterLastOpenMs: firstDue - lastOpened,
    breachesPerSecond: r1(M / Math.max(0.001, (lastDue - firstDue) / 1000)),
    cpuSeconds: cpu?.seconds ?? null,
    cpuMsPerBreach: cpu ? perOp(cpu.seconds, M) : null,
    otherTop: cpu?.otherTop ?? [],
  };
  progress.end(
    `detected p50 ${result.detectedLateMs.p50} ms p99 ${result.detectedLateMs.p99} ms; visible p99 ${result.visibleLateMs.p99} ms${missing ? `; ${missing} MISSING` : ''}`,
  );
  return result;
}
