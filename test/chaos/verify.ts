/**
 * After a scenario: what the integrator, the read model, Temporal and the webhook receiver hold for
 * every lifecycle. Lost = an expected event type missing, a gap in seq, or an event never sent to
 * the webhook receiver; doubled = an event type more often than the lifecycle allows, a duplicate
 * seq, or a second case (or case workflow) for one Idempotency-Key.
 */
import type { WorkflowHandle } from '@temporalio/client';
import proto from '@temporalio/proto';
import { viewQuery } from '../../workflows/case-updates.js';
import type { Cluster } from './cluster.js';
import { EXPECTED_EVENTS, type Integrator, type Lifecycle } from './driver.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface Figures {
  cases: number;
  /** Lifecycles that ran every step to an answer. */
  finished: number;
  /** Cases whose read model says `closed`. */
  closed: number;
  /** Events in the read-model timelines. */
  events: number;
  lost: number;
  doubled: number;
  /** Event types a plain lifecycle never produces. */
  unexpected: number;
  /** Of doubled: extra cases in the read model, extra case workflows in Temporal. */
  extraCases: number;
  extraWorkflows: number;
  workflowsCompleted: number;
  /** From the end of the lifecycles until the last case workflow completed (webhooks drained). */
  settledMs: number;
  /** Webhooks: `outOfOrder` counts cases whose events first arrived out of seq order (at-least-once,
   *  receivers de-duplicate by X-Event-Id; order across cases is not promised — reported, not judged). */
  webhooks: { expected: number; delivered: number; lost: number; redelivered: number; outOfOrder: number };
  problems: string[];
}

async function pool<T>(items: T[], width: number, fn: (t: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: Math.min(width, queue.length) }, async () => {
      for (let t = queue.shift(); t !== undefined; t = queue.shift()) await fn(t);
    }),
  );
}

export interface TimelineItem {
  seq: number;
  type: string;
}

/**
 * Judges one timeline against the lifecycle. One missing event shows both as a seq gap and as a
 * missing type, so each side is counted on its own and the larger count is taken (the same for
 * doubles): a lost `case.closed` at the end has no gap, a lost event of an unexpected type no
 * missing type, and both still count.
 */
export function judgeTimeline(items: TimelineItem[]): {
  lost: number;
  doubled: number;
  unexpected: string[];
  detail: string[];
} {
  const detail: string[] = [];
  let gaps = 0;
  let dupSeqs = 0;
  const seqs = new Map<number, number>();
  for (const e of items) seqs.set(e.seq, (seqs.get(e.seq) ?? 0) + 1);
  const maxSeq = Math.max(0, ...seqs.keys());
  for (let s = 1; s <= maxSeq; s++) {
    const n = seqs.get(s) ?? 0;
    if (n === 0) {
      gaps += 1;
      detail.push(`seq ${s} missing`);
    } else if (n > 1) {
      dupSeqs += n - 1;
      detail.push(`seq ${s} ×${n}`);
    }
  }
  let missingTypes = 0;
  let extraTypes = 0;
  const types = new Map<string, number>();
  for (const e of items) types.set(e.type, (types.get(e.type) ?? 0) + 1);
  for (const [type, want] of Object.entries(EXPECTED_EVENTS)) {
    const got = types.get(type) ?? 0;
    if (got < want) {
      missingTypes += want - got;
      detail.push(`${type} missing (${got}/${want})`);
    } else if (got > want) {
      extraTypes += got - want;
      detail.push(`${type} ×${got} (allowed ${want})`);
    }
  }
  const unexpected = [...types.keys()].filter((t) => !(t in EXPECTED_EVENTS));
  for (const t of unexpected) detail.push(`unexpected ${t} ×${types.get(t)}`);
  return { lost: Math.max(gaps, missingTypes), doubled: Math.max(dupSeqs, extraTypes), unexpected, detail };
}

export function emptyFigures(lifecycles: Lifecycle[]): Figures {
  return {
    cases: lifecycles.length,
    finished: lifecycles.filter((l) => l.finished).length,
    closed: 0,
    events: 0,
    lost: 0,
    doubled: 0,
    unexpected: 0,
    extraCases: 0,
    extraWorkflows: 0,
    workflowsCompleted: 0,
    settledMs: 0,
    webhooks: { expected: 0, delivered: 0, lost: 0, redelivered: 0, outOfOrder: 0 },
    problems: [],
  };
}

const getter = (api: Integrator) => async (path: string) => {
  const a = await api.call('agent', 'GET', path);
  if (a.status !== 200) throw new Error(`GET ${path}: ${a.status} ${JSON.stringify(a.body)}`);
  return a.body;
};

/**
 * Right after the lifecycles: the read model. One case per key, every event once, closed.
 * Fills `lc.caseId` for a lifecycle whose open was applied but never answered.
 */
export async function verifyReadModel(
  api: Integrator,
  lifecycles: Lifecycle[],
  f: Figures,
  catchUpMs: number,
): Promise<void> {
  const deadline = Date.now() + catchUpMs;
  const get = getter(api);
  await pool(lifecycles, 6, async (lc) => {
    const label = `#${lc.index}${lc.caseId ? ` ${lc.caseId}` : ''}`;
    try {
      if (!lc.finished) f.problems.push(`${label}: unfinished after ${lc.stepsDone} steps: ${lc.failure}`);

      // Exactly one case per Idempotency-Key (each lifecycle has its own customer id).
      const listed = (await get(`/v1/cases?customerId=${encodeURIComponent(lc.customerId)}&limit=200`))
        .items as { id: string }[];
      lc.extraCases = Math.max(0, listed.length - 1);
      if (listed.length > 1) {
        f.extraCases += listed.length - 1;
        f.doubled += listed.length - 1;
        f.problems.push(`${label}: ${listed.length} cases for one Idempotency-Key`);
      }
      lc.caseId ??= listed[0]?.id;
      const caseId = lc.caseId;
      if (!caseId) {
        f.problems.push(`#${lc.index}: no case was opened`);
        return;
      }

      // The read model catches up (projections retry after an outage): every event, then closed.
      let items: TimelineItem[] = [];
      for (;;) {
        items = (await get(`/v1/cases/${caseId}/timeline`)).items;
        if (items.some((e) => e.type === 'case.closed') || Date.now() > deadline) break;
        await sleep(500);
      }
      lc.events = items.map((e) => e.seq);
      f.events += items.length;
      const t = judgeTimeline(items);
      f.lost += t.lost;
      f.doubled += t.doubled;
      f.unexpected += t.unexpected.length;
      if (t.detail.length) f.problems.push(`${label}: ${t.detail.join(', ')}`);

      const view = await get(`/v1/cases/${caseId}`);
      if (view.status === 'closed') f.closed += 1;
      else f.problems.push(`${label}: status '${view.status}', expected 'closed'`);
      if (view.rating?.score !== 5) f.problems.push(`${label}: rating ${JSON.stringify(view.rating)}`);
    } catch (err) {
      f.problems.push(`${label}: verification failed: ${(err as Error).message}`);
    }
  });
  if (f.events === 0) f.problems.push('no events at all');
}

/** What a workflow that did not complete is waiting for: pending work and its last history events. */
async function stuckWorkflow(
  lc: Lifecycle,
  handle: WorkflowHandle,
  described: Awaited<ReturnType<WorkflowHandle['describe']>>,
): Promise<string> {
  const raw = described.raw;
  const parts: string[] = [];
  for (const a of raw.pendingActivities ?? []) {
    parts.push(
      `pending ${a.activityType?.name} attempt ${a.attempt} state ${a.state}` +
        `${a.lastFailure?.message ? ` (${a.lastFailure.message.slice(0, 120)})` : ''}`,
    );
  }
  // The workflow's own idea of the case, against the read model's.
  try {
    const view = await handle.client.connection.withDeadline(Date.now() + 10_000, () =>
      handle.query(viewQuery),
    );
    parts.push(`the workflow says the case is '${view.status}' (the API last answered '${lc.status}')`);
  } catch (err) {
    parts.push(`query failed: ${(err as Error).message}`);
  }
  if (raw.pendingWorkflowTask) {
    parts.push(
      `pending workflow task state ${raw.pendingWorkflowTask.state} attempt ${raw.pendingWorkflowTask.attempt}`,
    );
  }
  try {
    const history = await handle.fetchHistory();
    const events = history.events ?? [];
    const names = events.slice(-12).map((e) => {
      const type = String(proto.temporal.api.enums.v1.EventType[e.eventType ?? 0] ?? e.eventType).replace(
        /^EVENT_TYPE_/,
        '',
      );
      const failure =
        e.workflowTaskFailedEventAttributes?.failure?.message ??
        e.activityTaskTimedOutEventAttributes?.failure?.message;
      return `${e.eventId} ${type}${failure ? ` (${failure.slice(0, 160)})` : ''}`;
    });
    parts.push(`${events.length} history events, the last: ${names.join(', ')}`);
  } catch (err) {
    parts.push(`history unavailable: ${(err as Error).message}`);
  }
  return parts.join('; ');
}

/**
 * Later (other scenarios may run meanwhile): every case workflow completed — which it does only
 * once its projections and webhooks are all done —, one workflow per key, every event delivered.
 */
export async function verifySettled(
  cluster: Pick<Cluster, 'client' | 'webhooks'>,
  lifecycles: Lifecycle[],
  f: Figures,
  since: number,
  deadline: number,
): Promise<void> {
  await pool(
    lifecycles.filter((lc) => lc.caseId),
    6,
    async (lc) => {
      const caseId = lc.caseId!;
      const label = `#${lc.index} ${caseId}`;
      try {
        const handle = cluster.client.workflow.getHandle(`case:${caseId}`);
        let described = await handle.describe();
        while (described.status.name === 'RUNNING' && Date.now() < deadline) {
          await sleep(500);
          described = await handle.describe();
        }
        if (described.status.name === 'COMPLETED') {
          f.workflowsCompleted += 1;
          f.settledMs = Math.max(f.settledMs, Date.now() - since);
        } else {
          f.problems.push(
            `${label}: workflow ${described.status.name}; ${await stuckWorkflow(lc, handle, described)}`,
          );
        }

        let workflows = 0;
        for await (const _ of cluster.client.workflow.list({
          query: `CaseCustomerId = '${lc.customerId}'`,
        })) {
          workflows += 1;
          if (workflows > 20) break;
        }
        if (workflows > 1) {
          f.extraWorkflows += workflows - 1;
          // A second case is a second workflow too: count the double once.
          f.doubled += Math.max(0, workflows - 1 - (lc.extraCases ?? 0));
          f.problems.push(`${label}: ${workflows} case workflows for one Idempotency-Key`);
        }

        // Webhooks: every event of the timeline reached the receiver (at least once).
        const ids = [...new Set((lc.events ?? []).map((seq) => `${caseId}:${seq}`))];
        f.webhooks.expected += ids.length;
        const missing = () => ids.filter((id) => !cluster.webhooks.received.has(id));
        while (missing().length > 0 && Date.now() < deadline) await sleep(500);
        const lostHooks = missing();
        f.webhooks.lost += lostHooks.length;
        f.lost += lostHooks.length;
        f.webhooks.delivered += ids.length - lostHooks.length;
        for (const id of ids)
          f.webhooks.redelivered += Math.max(0, (cluster.webhooks.received.get(id) ?? 0) - 1);
        const firstArrivals = cluster.webhooks.order.get(caseId) ?? [];
        if (firstArrivals.some((seq, i) => i > 0 && seq < firstArrivals[i - 1]!)) f.webhooks.outOfOrder += 1;
        if (lostHooks.length) f.problems.push(`${label}: webhooks never delivered: ${lostHooks.join(', ')}`);
      } catch (err) {
        f.problems.push(`${label}: verification failed: ${(err as Error).message}`);
      }
    },
  );
}
