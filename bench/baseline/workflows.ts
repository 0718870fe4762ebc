/**
 * The hand-written baseline: the least a team would write for a durable case on Temporal.
 * The case is recorded in PostgreSQL by one activity, then the workflow waits on one timer (its
 * respond deadline). For the history comparison it also takes the standard lifecycle's actions as
 * Workflow Updates, each recorded by the same kind of activity, and ends when the case is rated.
 *
 * Also here, for context: an empty workflow (the raw start ceiling) and a trivial workflow that
 * answers an update without doing anything (the raw update ceiling).
 */
import {
  condition,
  defineUpdate,
  proxyActivities,
  setHandler,
  allHandlersFinished,
} from '@temporalio/workflow';
import type { BaselineActivities } from './activities.js';

export const BASELINE_TASK_QUEUE = 'bench-baseline';

export interface BaselineCaseInput {
  id: string;
  subject: string;
  customerId: string;
  /** Client time (ms) just before the start call: recorded latency = recorded_at − this. */
  requestedAt: number;
  /** The one timer: the respond deadline. */
  respondWithinMs: number;
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

const { recordCase, recordAction } = proxyActivities<BaselineActivities>({
  startToCloseTimeout: '30s',
});

export async function baselineCaseWorkflow(input: BaselineCaseInput): Promise<string> {
  let status = 'new';
  setHandler(baselineActUpdate, async ({ action, data }) => {
    const next = NEXT_STATUS[action];
    await recordAction({ id: input.id, action, status: next, data });
    status = next;
    return status;
  });
  await recordCase(input);
  const closedInTime = await condition(() => status === 'closed', input.respondWithinMs);
  if (!closedInTime) {
    await recordAction({ id: input.id, action: 'breach', status, data: null });
    await condition(() => status === 'closed');
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
