/** Waking the mail outbox's sender workflow (workflows/mail.ts): after a projection queued messages, and at worker start. */
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import type { WakeMail } from '../activities/case.js';
import type { Db } from '../db/database.js';
import { pendingMail } from '../db/mail-outbox.js';
import { mailDue, mailOutboxWorkflowId, mailWorkflowId, type mailDelivery } from '../workflows/mail.js';
import { coalesced } from './webhook-delivery.js';

/**
 * Signal-with-start of the task queue's sender workflow, coalesced like the webhook wakes: every
 * case's projection asks, one signal in flight answers them all.
 */
export function mailWaker(client: Client, taskQueue: string): WakeMail {
  const wake = coalesced((queue: string) =>
    client.workflow
      .signalWithStart('mailOutbox', {
        workflowId: mailOutboxWorkflowId(queue),
        taskQueue: queue,
        args: [],
        signal: mailDue,
        signalArgs: [],
      })
      .then(() => undefined),
  );
  return () => wake(taskQueue);
}

/**
 * At worker start (belt and braces): the sender workflow runs if anything is pending, and every
 * message an earlier release queued (no attempt time) has its own workflow, as that release sent it.
 */
export async function wakePendingMail(
  db: Db,
  client: Client,
  taskQueue: string,
  retryForMs: number,
): Promise<number> {
  const rows = await pendingMail(db, taskQueue);
  if (rows.some((r) => r.next_attempt_at !== null)) await mailWaker(client, taskQueue)();
  const legacy = rows.filter((r) => r.next_attempt_at === null);
  await Promise.all(
    legacy.map(async ({ id }) => {
      try {
        await client.workflow.start<typeof mailDelivery>('mailDelivery', {
          workflowId: mailWorkflowId(id),
          taskQueue,
          args: [{ id, retryForMs }],
        });
      } catch (err) {
        // Already sending it: that run does the job.
        if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
      }
    }),
  );
  return rows.length;
}
