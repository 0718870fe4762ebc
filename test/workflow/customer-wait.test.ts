/**
 * The wait for the customer's durable timers on the real time-skipping test server: the reminder
 * and the automatic close are counted on the case's calendar (a weekend does not count), fire once
 * each, and a case that was already waiting when the worker was upgraded replays without them.
 */
import { randomUUID } from 'node:crypto';
import type { WorkflowHandle } from '@temporalio/client';
import proto from '@temporalio/proto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BusinessCalendar } from '../../domain/calendar/index.js';
import type { CaseCommand } from '../../domain/case/commands.js';
import type { CaseProjection } from '../../domain/case/projection.js';
import type { CaseEvent, SlaSnapshot } from '../../domain/case/types.js';
import { caseWorkflow } from '../../workflows/case.js';
import { actionUpdates, viewQuery } from '../../workflows/case-updates.js';
import { bundleCaseWorkflows, createTimeSkippingEnv } from '../support/time-skipping.js';
import { bundleBeforePatches, plainCaseInput, runReplayingWorker } from '../support/workflow-cases.js';

const EventType = proto.temporal.api.enums.v1.EventType;
const M = 60_000;
const H = 60 * M;
const D = 24 * H;

const DAY: [string, string][] = [['09:00', '18:00']];
/** Monday to Friday, 09:00–18:00 in Shanghai; weekends off. */
const WEEKDAYS: BusinessCalendar = {
  name: 'weekdays',
  timeZone: 'Asia/Shanghai',
  week: { mon: DAY, tue: DAY, wed: DAY, thu: DAY, fri: DAY, sat: [], sun: [] },
  holidays: [],
};
const POLICY: SlaSnapshot = {
  name: 'wait-weekdays',
  calendar: WEEKDAYS,
  respondWithin: 'P5D',
  resolveWithin: 'P10D',
  callbackWithin: 'P5D',
  rateWithin: 'P5D',
  remindCustomerAfter: 'P1D',
  closeWithoutReplyAfter: 'P2D',
};

let env: TestWorkflowEnvironment;
const taskQueue = `customer-wait-${randomUUID().slice(0, 8)}`;
const events = new Map<string, CaseEvent[]>();
const activities = {
  async projectCase(p: CaseProjection) {
    events.set(p.view.id, [...(events.get(p.view.id) ?? []), ...structuredClone(p.events)]);
    return { deliveries: 0 };
  },
  async chooseAssignee() {
    return null;
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

type Handle = WorkflowHandle<typeof caseWorkflow>;
const act = (h: Handle, command: CaseCommand) =>
  h.executeUpdate(actionUpdates[command.action], { args: [{ actor: 'agent:test', command }] });

async function open(id: string, sla: SlaSnapshot): Promise<Handle> {
  const input = { ...plainCaseInput(id, await env.currentTimeMs()), sla };
  return env.client.workflow.start(caseWorkflow, {
    args: [{ open: input }],
    workflowId: `case:${id}`,
    taskQueue,
  });
}

/** The next Friday 15:00 in Shanghai (07:00 UTC), at least an hour ahead. */
function nextFridayAfternoon(now: number): number {
  const d = new Date(now + H);
  d.setUTCHours(7, 0, 0, 0);
  while (d.getUTCDay() !== 5 || d.getTime() <= now + H) d.setTime(d.getTime() + D);
  return d.getTime();
}

describe('waiting on the customer, by durable timers on the case calendar', () => {
  it('a wait begun on Friday afternoon reminds on Monday and withdraws on Tuesday, once each', async () => {
    const id = `wait-${randomUUID()}`;
    const bundle = await bundleCaseWorkflows();
    await runWorker(bundle, async () => {
      const h = await open(id, POLICY);
      await act(h, { action: 'accept', assignee: 'agent.li' });
      await env.sleep(nextFridayAfternoon(await env.currentTimeMs()) - (await env.currentTimeMs()));
      const waiting = await act(h, { action: 'wait-for-customer', question: 'serial number?' });
      const since = Date.parse(waiting.customerWait!.since);
      // One working day from Friday 15:00 is Monday 15:00; two is Tuesday 15:00.
      expect(Date.parse(waiting.customerWait!.remindAt!) - since).toBe(3 * D);
      expect(Date.parse(waiting.customerWait!.closeAt!) - since).toBe(4 * D);
      const types = () => (events.get(id) ?? []).map((e) => e.type);

      await env.sleep(D + H); // Saturday afternoon: a wall-clock day has passed, no working time
      expect(types()).not.toContain('case.customer_reminded');
      await env.sleep(2 * D); // Monday 16:00
      expect(types().filter((t) => t === 'case.customer_reminded')).toHaveLength(1);
      const reminded = events.get(id)!.find((e) => e.type === 'case.customer_reminded')!;
      expect(Date.parse(reminded.at) - (since + 3 * D)).toBeLessThan(M);
      expect(reminded.actor).toBe('system');
      expect((await h.query(viewQuery)).customerWait?.reminded).toBe(true);

      const final = await h.result(); // the test server skips to Tuesday 15:00
      expect(final.status).toBe('withdrawn');
      expect(Date.parse(final.closedAt!) - (since + 4 * D)).toBeLessThan(M);
      const withdrawn = events.get(id)!.find((e) => e.type === 'case.withdrawn')!;
      expect(withdrawn).toMatchObject({ actor: 'system', data: { reason: 'no reply from the customer' } });
      expect(types().filter((t) => t === 'case.customer_reminded')).toHaveLength(1);
      const history = await h.fetchHistory();
      expect(history.events!.map((e) => e.eventType)).not.toContain(
        EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED,
      );
    });
  }, 120_000);

  it('a case already waiting when the worker is upgraded keeps waiting without the timers, and replays', async () => {
    const id = `wait-old-${randomUUID()}`;
    const h = await runWorker(await bundleBeforePatches(), async () => {
      const handle = await open(id, POLICY);
      await act(handle, { action: 'accept', assignee: 'agent.li' });
      await act(handle, { action: 'wait-for-customer', question: 'serial number?' });
      return handle;
    });
    await runWorker(await bundleCaseWorkflows(), async () => {
      await env.sleep(10 * D);
      const view = await h.query(viewQuery);
      expect(view.status).toBe('pending_customer');
      expect(view.customerWait).toBeUndefined();
      expect((events.get(id) ?? []).map((e) => e.type)).not.toContain('case.customer_reminded');
      await act(h, { action: 'customer-reply', message: 'SN-1' });
      await act(h, { action: 'withdraw', reason: 'done' });
      await h.result();
    });
    const history = await h.fetchHistory();
    expect(history.events!.map((e) => e.eventType)).not.toContain(EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED);
  }, 120_000);
});
