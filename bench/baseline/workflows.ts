/**
 * The hand-written baseline: what a team would write for a durable case on Temporal.
 * The case is recorded in PostgreSQL by one activity, then the workflow waits on one timer (its
 * respond deadline). It takes the standard lifecycle's actions as Workflow Updates whose handlers
 * record each in PostgreSQL with a local activity (answered once written, as ours are); accepting
 * moves the timer from the respond deadline to the resolve deadline. It ends when the case is
 * rated. Its worker keeps as many workflows cached as ours (WORKER_MAX_CACHED_WORKFLOWS), so an
 * action on an evicted case replays here as it does in ours: the fair action baseline.
 *
 * Also here, for context, on their own task queue with the SDK's default cache: an empty workflow
 * (the raw start ceiling) and a trivial workflow that answers an update without doing anything
 * (the raw update floor, always cached).
 */
import {
  condition,
  defineUpdate,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  allHandlersFinished,
} from '@temporalio/workflow';
import type { BaselineActivities } from './activities.js';

/** The baseline cases. */
export const BASELINE_TASK_QUEUE = 'bench-baseline';
/** The empty and trivial workflows (the raw ceiling and floor). */
export const RAW_TASK_QUEUE = 'bench-raw';

export interface BaselineCaseInput {
  id: string;
  subject: string;
  customerId: string;
  /** Client time (ms) just before the start call: recorded latency = recorded_at − this. */
  requestedAt: number;
  /** The timer until accepted: the respond deadline. */
  respondWithinMs: number;
  /** The timer once accepted: the resolve deadline. */
  resolveWithinMs: number;
}

export type BaselineAction = 'accept' | 'findings' | 'resolution' | 'approval' | 'callback' | 'rating';

/** Status after each action of the standard lifecycle (a hand-written, happy-path state machine). */
const NEXT_STATUS: Record<BaselineAction, string> = {
  accept: 'investigating',
  findings: 'investigating',
  resolution: 'pending_approval',
  approval: 'resolved',
  callback: 'awaiting_rating',
  rating: 'closed',
};

export const baselineActUpdate = defineUpdate<string, [{ action: BaselineAction; data?: unknown }]>('act');
export const trivialUpdate = defineUpdate<number, [number]>('ping');
export const finishUpdate = defineUpdate<void>('finish');

const { recordCase } = proxyActivities<BaselineActivities>({ startToCloseTimeout: '30s' });
const { recordAction } = proxyLocalActivities<BaselineActivities>({ startToCloseTimeout: '30s' });

export async function baselineCaseWorkflow(input: BaselineCaseInput): Promise<string> {
  let status = 'new';
  // The one timer: due at deadlineAt (none once breached, until an action moves it).
  let deadlineAt: number | undefined = Date.now() + input.respondWithinMs;
  let timerMoved = false;
  setHandler(baselineActUpdate, async ({ action, data }) => {
    const next = NEXT_STATUS[action];
    await recordAction({ id: input.id, action, status: next, data });
    status = next;
    if (action === 'accept') {
      deadlineAt = Date.now() + input.resolveWithinMs;
      timerMoved = true;
    }
    return status;
  });
  await recordCase(input);
  while (status !== 'closed') {
    timerMoved = false;
    const woken = () => status === 'closed' || timerMoved;
    if (deadlineAt === undefined) {
      await condition(woken);
    } else if (!(await condition(woken, Math.max(1, deadlineAt - Date.now())))) {
      await recordAction({ id: input.id, action: 'breach', status, data: null });
      deadlineAt = undefined;
    }
  }
  await condition(allHandlersFinished);
  return status;
}

export async function emptyWorkflow(): Promise<void> {}

export async function trivialUpdateWorkflow(): Promise<number> {
  let n = 0;
  let done = false;
  setHandler(trivialUpdate, (x: number) => (n += x));
  setHandler(finishUpdate, () => void (done = true));
  await condition(() => done);
  return n;
}
