/**
 * Replays the committed histories of representative cases (test/histories/*.json, recorded by
 * `npx tsx scripts/record-histories.ts`) against today's workflow code, in the very bundle the
 * compiled worker ships. A failure here means a change would break cases in flight: guard it with
 * `patched()` instead of re-recording.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import proto from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { DeterminismViolationError } from '@temporalio/workflow';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../platform/project-root.js';
import { historyFromJSON, replayBundle, type History } from '../support/history-json.js';

const DIR = path.join(PROJECT_ROOT, 'test', 'histories');
const FILES = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .sort();

function load(file: string): { workflowId: string; history: History } {
  const history = historyFromJSON(JSON.parse(readFileSync(path.join(DIR, file), 'utf8')));
  const started = history.events?.[0]?.workflowExecutionStartedEventAttributes;
  const input = proto.temporal.api.common.v1.Payload.create(started?.input?.payloads?.[0] ?? {});
  const open = JSON.parse(Buffer.from(input.data ?? []).toString('utf8')) as { open: { id: string } };
  return { workflowId: `case:${open.open.id}`, history };
}

let workflowBundle: { codePath: string };
beforeAll(async () => {
  workflowBundle = await replayBundle();
});

describe('replaying committed case histories', () => {
  it('has a history for every status path', () => {
    expect(FILES).toEqual(
      expect.arrayContaining([
        'happy-path-closed.json',
        'costly-remedy-approval-reject-then-approve.json',
        'wait-for-customer-and-reply.json',
        'callback-not-solved-reopens.json',
        'poor-rating-reopens-then-closes.json',
        'rejected.json',
        'withdrawn.json',
        'breaches-escalation-extension-priority.json',
        'rating-expired.json',
        'customer-wait-reminded-then-withdrawn.json',
        'escalations-before-team-routing.json',
        'transfers-and-escalation-routes.json',
      ]),
    );
  });

  it.each(FILES)('%s replays without a determinism error', async (file) => {
    const { workflowId, history } = load(file);
    const EventType = proto.temporal.api.enums.v1.EventType;
    // a complete case: the replay covers every decision up to the end
    expect(history.events?.at(-1)?.eventType).toBe(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED);
    const results = [];
    for await (const r of Worker.runReplayHistories({ workflowBundle }, [{ workflowId, history }]))
      results.push(r);
    expect(results).toHaveLength(1);
    expect(results[0]!.workflowId).toBe(workflowId);
    expect(results[0]!.error).toBeUndefined();
  });

  it('would notice a history the code cannot reproduce (the replay is not vacuous)', async () => {
    const { workflowId, history } = load('rejected.json');
    const EventType = proto.temporal.api.enums.v1.EventType;
    // Where the workflow upserted its search attributes, pretend it had started a timer instead.
    const i = history.events!.findIndex(
      (e) => e.eventType === EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES,
    );
    expect(i).toBeGreaterThan(0);
    const original = history.events![i]!;
    const tampered: History = {
      events: history.events!.map((e, j) =>
        j === i
          ? {
              eventId: original.eventId,
              eventTime: original.eventTime,
              eventType: EventType.EVENT_TYPE_TIMER_STARTED,
              timerStartedEventAttributes: {
                timerId: '1',
                startToFireTimeout: proto.google.protobuf.Duration.fromObject({ seconds: 60 }),
                workflowTaskCompletedEventId:
                  original.upsertWorkflowSearchAttributesEventAttributes?.workflowTaskCompletedEventId,
              },
            }
          : e,
      ),
    };
    const results = [];
    for await (const r of Worker.runReplayHistories({ workflowBundle }, [{ workflowId, history: tampered }]))
      results.push(r);
    expect(results[0]!.error).toBeInstanceOf(DeterminismViolationError);
  });
});
