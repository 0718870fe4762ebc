/**
 * Deploys: a case started by the worker as it was before the patches keeps running, on the
 * current worker, to its end — no nondeterminism, the old behaviour kept for that case.
 */
import { randomUUID } from 'node:crypto';
import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import proto from '@temporalio/proto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseCommand } from '../../domain/case/commands.js';
import type { CaseProjection } from '../../domain/case/projection.js';
import { caseWorkflow } from '../../workflows/case.js';
import { actionUpdates } from '../../workflows/case-updates.js';
import { COVERED_BY_RELEASE_2026_11, PATCHES, RELEASE_2026_11 } from '../../workflows/patches.js';
import { bundleCaseWorkflows, createTimeSkippingEnv } from '../support/time-skipping.js';
import { bundleBeforePatches, plainCaseInput, runReplayingWorker } from '../support/workflow-cases.js';

const { temporal } = proto;
const EventType = temporal.api.enums.v1.EventType;

let env: TestWorkflowEnvironment;
const taskQueue = `patching-${randomUUID().slice(0, 8)}`;
const projections: CaseProjection[] = [];
const activities = {
  async projectCase(p: CaseProjection) {
    projections.push(structuredClone(p));
    return { deliveries: 1 }; // a subscriber exists: the webhook path is exercised too
  },
  async chooseAssignee() {
    return null;
  },
  async deliverWebhooks() {
    return { delivered: 1 };
  },
};

beforeAll(async () => {
  env = await createTimeSkippingEnv();
});
afterAll(async () => {
  await env?.teardown();
});

const runWorker = <T>(bundle: Awaited<ReturnType<typeof bundleCaseWorkflows>>, fn: () => Promise<T>) =>
  runReplayingWorker(env, taskQueue, activities, bundle, fn);

describe('a patched workflow change', () => {
  it('keeps a case started before the patch running to its end on the new worker', async () => {
    const before = await bundleBeforePatches();
    const current = await bundleCaseWorkflows();
    const now = await env.currentTimeMs();
    const id = `patch-${randomUUID()}`;
    // received a minute before the worker first ran it: the patch would start the clocks here
    const input = plainCaseInput(id, now - 60_000);
    const act = (handle: WorkflowHandle<typeof caseWorkflow>, command: CaseCommand) =>
      handle.executeUpdate(actionUpdates[command.action], { args: [{ actor: 'agent:test', command }] });

    // 1. The old worker opens the case and takes it half way.
    const handle = await runWorker(before, async () => {
      const h = await env.client.workflow.start(caseWorkflow, {
        args: [{ open: input }],
        workflowId: `case:${id}`,
        taskQueue,
      });
      await act(h, { action: 'accept' });
      await act(h, { action: 'findings', summary: 'f' });
      return h;
    });
    const opened = projections.find((p) => p.view.id === id)!;
    expect(Date.parse(opened.view.createdAt)).toBeGreaterThan(Date.parse(input.receivedAt)); // old behaviour

    // 2. Deploy: the current worker takes over the same task queue and finishes the case.
    const final = await runWorker(current, async () => {
      await act(handle, { action: 'resolution', summary: 'r', remedy: 'guidance' });
      await act(handle, { action: 'callback', reached: true, solved: true });
      await act(handle, { action: 'rating', score: 5 });
      return handle.result();
    });
    expect(final.status).toBe('closed');
    expect(final.createdAt).toBe(opened.view.createdAt); // the in-flight case kept its old clock start

    const history = await handle.fetchHistory();
    const types = history.events!.map((e) => e.eventType);
    expect(types).not.toContain(EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED);
    expect(types.at(-1)).toBe(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED);
    // The old case never took the clock patch (decided when it opened). Code it reaches for the
    // first time on the new worker does take new branches, and records their markers.
    const patchesTaken = (h: typeof history) =>
      h
        .events!.filter((e) => e.markerRecordedEventAttributes?.markerName === 'core_patch')
        .flatMap((e) => Object.values(e.markerRecordedEventAttributes!.details ?? {}))
        .flatMap((d) => d.payloads ?? [])
        .map((p) => new TextDecoder().decode(p.data!));
    expect(patchesTaken(history).join()).not.toContain(PATCHES.clockFromReceivedAt);

    // 3. A case opened on the current worker takes the new branches (and records the markers).
    const fresh = await runWorker(current, async () => {
      const t = await env.currentTimeMs();
      const h = await env.client.workflow.start(caseWorkflow, {
        args: [{ open: { ...input, id: `${id}-new`, receivedAt: new Date(t - 60_000).toISOString() } }],
        workflowId: `case:${id}-new`,
        taskQueue,
      });
      await act(h, { action: 'accept' });
      await act(h, { action: 'notes', text: 'n', visibility: 'internal' });
      return { h, t };
    });
    const newOpened = projections.find((p) => p.view.id === `${id}-new`)!;
    expect(Date.parse(newOpened.view.createdAt)).toBe(fresh.t - 60_000);
    const freshHistory = await fresh.h.fetchHistory();
    // One marker for the whole release rather than one per patch.
    expect(patchesTaken(freshHistory).join()).toContain(RELEASE_2026_11);
    expect(patchesTaken(freshHistory).join()).not.toContain(PATCHES.clockFromReceivedAt);
    expect(patchesTaken(freshHistory).join()).not.toContain(PATCHES.onlyChangedOpsUpdates);
    // A patch added after the release is not covered by its marker: it is asked, and recorded, on its own.
    expect(COVERED_BY_RELEASE_2026_11.has(PATCHES.deliveriesOutsideCase)).toBe(false);
    expect(patchesTaken(freshHistory).join()).toContain(PATCHES.deliveriesOutsideCase);
    // The accept moved the next threshold (respond → resolve) and replaced the timer; the note did not.
    const count = (type: number) => freshHistory.events!.filter((e) => e.eventType === type).length;
    expect(count(EventType.EVENT_TYPE_TIMER_CANCELED)).toBe(1);
    expect(count(EventType.EVENT_TYPE_TIMER_STARTED)).toBe(2);
    // Search attributes went out at opening and at the accept (status); the note changed none of them.
    const caseUpserts = freshHistory.events!.filter(
      (e) => e.upsertWorkflowSearchAttributesEventAttributes?.searchAttributes?.indexedFields?.CaseStatus,
    );
    expect(caseUpserts).toHaveLength(2);
    await fresh.h.terminate('test done');
  }, 120_000);
});
