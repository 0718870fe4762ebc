/**
 * Replays the committed histories of the outbox sender workflows (test/histories/outbox, recorded
 * by `npx tsx scripts/record-outbox-histories.ts`) against the bundle the compiled worker ships:
 * a sender asleep until its next retry when a worker is upgraded must carry on. webhookDelivery's
 * history was recorded by the release before its loop moved to workflows/outbox.ts.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import proto from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { DeterminismViolationError } from '@temporalio/workflow';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../platform/project-root.js';
import { historyFromJSON, replayBundle, type History } from '../support/history-json.js';

const DIR = path.join(PROJECT_ROOT, 'test', 'histories', 'outbox');
const EventType = proto.temporal.api.enums.v1.EventType;
const load = (name: string) =>
  historyFromJSON(JSON.parse(readFileSync(path.join(DIR, `${name}.json`), 'utf8')));

let workflowBundle: { codePath: string };
beforeAll(async () => {
  workflowBundle = await replayBundle();
});

async function replay(name: string, history: History) {
  const results = [];
  for await (const r of Worker.runReplayHistories({ workflowBundle }, [
    { workflowId: `outbox-replay-${name}`, history },
  ]))
    results.push(r);
  expect(results).toHaveLength(1);
  return results[0]!.error;
}

describe('replaying committed outbox sender histories', () => {
  it.each(['webhookDelivery', 'mailOutbox'])('%s replays without a determinism error', async (name) => {
    const history = load(name);
    const types = history.events!.map((e) => e.eventType);
    // Complete, with two passes, a timer for the retry and the wake signal in between.
    expect(types.at(-1)).toBe(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED);
    expect(types.filter((t) => t === EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)).toHaveLength(2);
    expect(types).toContain(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED);
    expect(types).toContain(EventType.EVENT_TYPE_TIMER_STARTED);
    expect(await replay(name, history)).toBeUndefined();
  });

  it('would notice a history the code cannot reproduce (the replay is not vacuous)', async () => {
    const history = load('mailOutbox');
    // Drop the second pass: the code, woken by the signal, schedules it; the history says otherwise.
    const second = history.events!.filter(
      (e) => e.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED,
    )[1]!;
    const tampered: History = {
      events: history.events!.map((e) =>
        e === second
          ? {
              eventId: e.eventId,
              eventTime: e.eventTime,
              eventType: EventType.EVENT_TYPE_TIMER_STARTED,
              timerStartedEventAttributes: {
                timerId: '99',
                startToFireTimeout: proto.google.protobuf.Duration.fromObject({ seconds: 60 }),
                workflowTaskCompletedEventId:
                  e.activityTaskScheduledEventAttributes?.workflowTaskCompletedEventId,
              },
            }
          : e,
      ),
    };
    expect(await replay('mailOutbox', tampered)).toBeInstanceOf(DeterminismViolationError);
  });
});
