/**
 * The case workflow's SLA clocks on the real time-skipping test server (Java test server), with the
 * activities mocked so only the workflow is under test: `projectCase` records every projection it is
 * given (and reports no webhooks to deliver), `chooseAssignee` returns a fixed agent for service
 * requests and nobody otherwise.
 */
import { randomUUID } from 'node:crypto';
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import proto from '@temporalio/proto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CALENDAR_24X7 } from '../../domain/calendar/index.js';
import type { CaseCommand } from '../../domain/case/commands.js';
import { SA } from '../../domain/case/contract.js';
import type { CaseProjection } from '../../domain/case/projection.js';
import type { CaseEvent, CaseView, OpenCaseInput, SlaSnapshot } from '../../domain/case/types.js';
import { caseWorkflow } from '../../workflows/case.js';
import { bundleCaseWorkflows, createTimeSkippingEnv } from '../support/time-skipping.js';
import { actionUpdates, viewQuery } from '../../workflows/case-updates.js';
import { iso } from '../../domain/time.js';

const { temporal } = proto;
const EventType = temporal.api.enums.v1.EventType;

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;
const ms = (iso: string | null | undefined): number => {
  if (!iso) throw new Error('expected a time, got null');
  return Date.parse(iso);
};

const POLICY: SlaSnapshot = {
  name: 'wf-24x7',
  calendar: CALENDAR_24X7,
  respondWithin: 'PT2H',
  resolveWithin: 'PT4H',
  callbackWithin: 'PT24H',
  rateWithin: 'P7D',
};

let env: TestWorkflowEnvironment;
let worker: Worker;
let running: Promise<void>;
const taskQueue = `case-clocks-${randomUUID().slice(0, 8)}`;
/** Every projection the workflow made, by case id, in the order the activity received them. */
const projections = new Map<string, CaseProjection[]>();

beforeAll(async () => {
  env = await createTimeSkippingEnv();
  const workflowBundle = await bundleCaseWorkflows();
  worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle,
    activities: {
      async projectCase(p: CaseProjection): Promise<{ deliveries: number }> {
        const list = projections.get(p.view.id) ?? [];
        list.push(structuredClone(p));
        projections.set(p.view.id, list);
        return { deliveries: 0 }; // no webhook subscribers: only the clocks are under test
      },
      async chooseAssignee(input: { type: string; level: number }): Promise<string | null> {
        return input.type === 'service_request' ? 'agent.auto' : null;
      },
    },
  });
  running = worker.run();
});

afterAll(async () => {
  if (worker) {
    worker.shutdown();
    await running;
  }
  await env?.teardown();
});

let caseId: string;
beforeEach(() => {
  caseId = `wf-${randomUUID()}`;
});

function openInput(over: Partial<OpenCaseInput> = {}): OpenCaseInput {
  return {
    id: caseId,
    number: `CS-2026-${caseId.slice(3, 9)}`,
    type: 'fault_report',
    channel: 'api',
    subject: 'Mill trips after ten minutes',
    description: 'Breaker trips.',
    customer: { id: 'cust-1', name: 'Li Wei', tier: 'standard' },
    classification: { priority: 'normal', level: 1, reasons: ['test'] },
    sla: POLICY,
    openedBy: 'integrator:erp',
    receivedAt: new Date().toISOString(),
    ...over,
  };
}

async function start(over: Partial<OpenCaseInput> = {}) {
  // The API stamps receivedAt with the time now; here "now" is the test server's skipped-ahead clock.
  const input = openInput({ receivedAt: new Date(await env.currentTimeMs()).toISOString(), ...over });
  const handle = await env.client.workflow.start(caseWorkflow, {
    args: [{ open: input }],
    workflowId: `case:${input.id}`,
    taskQueue,
  });
  const view = await handle.query(viewQuery);
  return { handle, view, created: ms(view.createdAt) };
}

type Handle = WorkflowHandle<typeof caseWorkflow>;

function act(
  handle: Handle,
  command: CaseCommand,
  actor = 'agent.zhang',
  updateId?: string,
): Promise<CaseView> {
  return handle.executeUpdate(actionUpdates[command.action], { args: [{ actor, command }], updateId });
}

/** Every event projected for the current case, in the order the read model received them. */
function projected(): CaseEvent[] {
  return (projections.get(caseId) ?? []).flatMap((p) => p.events);
}
const projectedTypes = () => projected().map((e) => e.type);
const count = (type: string) => projectedTypes().filter((t) => t === type).length;

/** The read model saw every event exactly once, numbered 1..n, and each projection's seq is its last event. */
function expectCompleteProjection(): void {
  const list = projections.get(caseId) ?? [];
  const events = list.flatMap((p) => p.events);
  expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
  let last = 0;
  for (const p of list) {
    expect(p.seq).toBeGreaterThanOrEqual(last);
    if (p.events.length > 0) expect(p.seq).toBe(p.events.at(-1)!.seq);
    last = p.seq;
  }
}

async function sleep(d: number): Promise<void> {
  await env.sleep(d);
}

describe('the case workflow on the time-skipping test server', () => {
  it('a missed deadline raises the level and records the breach at the deadline, by a durable timer', async () => {
    const { handle, view, created } = await start({ type: 'service_request' });
    expect(view).toMatchObject({ status: 'new', level: 1, assignee: 'agent.auto', breaches: [] });
    const respondBy = ms(view.deadlines.respondBy);
    expect(respondBy).toBe(created + 2 * H);
    expect(projectedTypes()).toEqual(['case.opened', 'case.classified', 'case.assigned']);

    await sleep(2 * H - M);
    expect(count('sla.breached')).toBe(0);
    await sleep(2 * M);

    // The read model was told by the workflow itself; nobody had to look first.
    const breached = projected().find((e) => e.type === 'sla.breached')!;
    expect(breached).toBeDefined();
    expect(breached.data).toMatchObject({ clock: 'respond', at: iso(respondBy) });
    expect(ms(breached.at) - respondBy).toBeGreaterThanOrEqual(0);
    expect(ms(breached.at) - respondBy).toBeLessThan(5 * S);
    expect(projectedTypes().slice(3)).toEqual(['sla.breached', 'supervisor.notified', 'case.escalated']);
    const last = projections.get(caseId)!.at(-1)!;
    expect(last.breached).toBe(true);
    expect(last.view).toMatchObject({ level: 2, breaches: [{ clock: 'respond', at: iso(respondBy) }] });

    const now = await handle.query(viewQuery);
    expect(now).toMatchObject({
      level: 2,
      status: 'new',
      breaches: [{ clock: 'respond', at: iso(respondBy) }],
    });
    const desc = await handle.describe();
    expect(desc.typedSearchAttributes.get(SA.breached)).toBe(true);
    expect(desc.typedSearchAttributes.get(SA.level)).toBe(2);

    // once only, however long it stays missed
    await sleep(10 * M);
    expect(count('sla.breached')).toBe(1);
    expectCompleteProjection();
  });

  it('warns before the deadline (policy warnBefore), then breaches, each once', async () => {
    const { view, created } = await start({ sla: { ...POLICY, warnBefore: 'PT30M' } });
    const respondBy = ms(view.deadlines.respondBy);
    await sleep(90 * M - M);
    expect(count('sla.warning')).toBe(0);
    await sleep(2 * M);
    expect(count('sla.warning')).toBe(1);
    expect(count('sla.breached')).toBe(0);
    const warning = projected().find((e) => e.type === 'sla.warning')!;
    expect(warning.data).toEqual({ clock: 'respond', dueAt: iso(respondBy) });
    expect(ms(warning.at) - (created + 90 * M)).toBeLessThan(5 * S);

    await sleep(30 * M);
    expect(count('sla.warning')).toBe(1);
    expect(count('sla.breached')).toBe(1);
    expect(projectedTypes().indexOf('sla.warning')).toBeLessThan(projectedTypes().indexOf('sla.breached'));
    expectCompleteProjection();
  });

  it('a pause over a pending resolve warning: nothing fires while paused, the warning fires once after the reply', async () => {
    const { handle } = await start({ sla: { ...POLICY, warnBefore: 'PT1H' } });
    const accepted = await act(handle, { action: 'accept', assignee: 'agent.wang' });
    expect(accepted.status).toBe('investigating');
    const resolveBy = ms(accepted.deadlines.resolveBy); // warning at resolveBy - 1 h

    await sleep(2 * H + 30 * M);
    const waiting = await act(handle, { action: 'wait-for-customer', question: 'firmware version?' });
    expect(waiting.status).toBe('pending_customer');
    await sleep(2 * H); // past the original warning and the original deadline
    expect(count('sla.warning')).toBe(0);
    expect(count('sla.breached')).toBe(0);

    const replied = await act(handle, { action: 'customer-reply', message: 'v2.3.1' }, 'integrator:erp');
    expect(replied.status).toBe('investigating');
    const pausedAt = ms(projected().find((e) => e.type === 'case.waiting_for_customer')!.at);
    const resumedAt = ms(projected().find((e) => e.type === 'case.customer_replied')!.at);
    const newResolveBy = ms(replied.deadlines.resolveBy);
    expect(newResolveBy - resolveBy).toBe(resumedAt - pausedAt);
    expect(resumedAt - pausedAt).toBeGreaterThanOrEqual(2 * H);

    // the re-evaluated warning: resolveBy' - 1 h, which is still ahead (about 30 minutes)
    await sleep(newResolveBy - H - resumedAt - M);
    expect(count('sla.warning')).toBe(0);
    await sleep(2 * M);
    expect(count('sla.warning')).toBe(1);
    expect(projected().find((e) => e.type === 'sla.warning')!.data).toEqual({
      clock: 'resolve',
      dueAt: iso(newResolveBy),
    });
    await sleep(H);
    expect(count('sla.warning')).toBe(1);
    expect(count('sla.breached')).toBe(1);
    expect(projected().find((e) => e.type === 'sla.breached')!.data).toMatchObject({
      clock: 'resolve',
      at: iso(newResolveBy),
    });
    expectCompleteProjection();
  });

  it('a priority change mid-clock re-targets the clock and keeps the elapsed time (byPriority)', async () => {
    const sla: SlaSnapshot = {
      ...POLICY,
      resolveWithin: 'PT48H',
      byPriority: { urgent: { resolveWithin: 'PT8H' } },
    };
    const { handle, created } = await start({ sla });
    const accepted = await act(handle, { action: 'accept', assignee: 'agent.wang' });
    expect(ms(accepted.deadlines.resolveBy)).toBe(created + 48 * H);

    await sleep(3 * H);
    const changed = await act(handle, { action: 'priority', priority: 'urgent', reason: 'line stopped' });
    expect(changed.priority).toBe('urgent');
    // 8 h from the clock's start, not from the change
    expect(ms(changed.deadlines.resolveBy)).toBe(created + 8 * H);
    expect((await handle.describe()).typedSearchAttributes.get(SA.priority)).toBe('urgent');

    await sleep(5 * H - 2 * M); // just before created + 8 h
    expect(count('sla.breached')).toBe(0);
    await sleep(4 * M);
    expect(count('sla.breached')).toBe(1);
    const view = await handle.query(viewQuery);
    expect(view.breaches).toEqual([{ clock: 'resolve', at: iso(created + 8 * H) }]);
    expect(view.level).toBe(2);
    expectCompleteProjection();
  });

  it('no rating by rateBy: the workflow completes by itself, closed, with no rating', async () => {
    const { handle } = await start();
    await act(handle, { action: 'accept', assignee: 'agent.wang' });
    await act(handle, { action: 'findings', summary: 'worn bearing' });
    const resolved = await act(handle, { action: 'resolution', summary: 'lubricate', remedy: 'guidance' });
    expect(resolved.status).toBe('resolved');
    const awaiting = await act(handle, { action: 'callback', reached: true, solved: true });
    expect(awaiting.status).toBe('awaiting_rating');
    const rateBy = ms(awaiting.deadlines.rateBy);
    expect(rateBy - ms(awaiting.updatedAt)).toBe(7 * D);

    const result = await handle.result(); // the test server skips the 7 days
    expect(result).toMatchObject({ status: 'closed', rating: null, breaches: [] });
    // closed by the timer at rateBy (the test server's clock may run a few ms past it)
    expect(ms(result.closedAt) - rateBy).toBeGreaterThanOrEqual(0);
    expect(ms(result.closedAt) - rateBy).toBeLessThan(5 * S);
    expect(projected().find((e) => e.type === 'sla.rating_expired')!.data).toEqual({ dueAt: iso(rateBy) });
    expect(result.deadlines).toEqual({ respondBy: null, resolveBy: null, callbackBy: null, rateBy: null });
    expect(projectedTypes().slice(-2)).toEqual(['sla.rating_expired', 'case.closed']);
    expect(projections.get(caseId)!.at(-1)!.view.status).toBe('closed');
    expectCompleteProjection();
  });

  it('an action not allowed is rejected by the validator, without touching history', async () => {
    const { handle } = await start();
    await act(handle, { action: 'accept', assignee: 'agent.wang' }, 'agent.wang', 'accept-1');
    const before = (await handle.fetchHistory()).events ?? [];
    const projectedBefore = projected().length;

    const err = await act(handle, { action: 'accept' }, 'agent.li', 'accept-2').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
    const cause = (err as WorkflowUpdateFailedError).cause;
    expect(cause).toBeInstanceOf(ApplicationFailure);
    expect((cause as ApplicationFailure).type).toBe('ActionNotAllowed');
    expect((cause as ApplicationFailure).details?.[0]).toEqual({ status: 'investigating', action: 'accept' });

    // A refusal in the handler would have left an accepted update (and a projection) behind.
    const after = (await handle.fetchHistory()).events ?? [];
    const updates = (events: typeof after) =>
      events.filter(
        (e) =>
          e.eventType === EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED ||
          e.eventType === EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_REJECTED ||
          e.eventType === EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED,
      );
    expect(updates(after)).toHaveLength(updates(before).length);
    const acceptedIds = after
      .filter((e) => e.eventType === EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED)
      .map((e) => e.workflowExecutionUpdateAcceptedEventAttributes?.protocolInstanceId);
    expect(acceptedIds).toEqual(['accept-1']);
    // Nothing the workflow does (markers for local activities, search attributes, timers) was added.
    const effects = new Set([
      EventType.EVENT_TYPE_MARKER_RECORDED,
      EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES,
      EventType.EVENT_TYPE_TIMER_STARTED,
      EventType.EVENT_TYPE_TIMER_CANCELED,
      EventType.EVENT_TYPE_WORKFLOW_PROPERTIES_MODIFIED,
    ]);
    expect(after.slice(before.length).filter((e) => effects.has(e.eventType!))).toEqual([]);
    expect(projected().length).toBe(projectedBefore);
    expect((await handle.query(viewQuery)).assignee).toBe('agent.wang');
    expectCompleteProjection();
  });
});
