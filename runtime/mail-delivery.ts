/** Starting the mail workflows (workflows/mail.ts): after a projection queued messages, and at worker start. */
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import type { Db } from '../db/database.js';
import { mailWorkflowId, type mailDelivery } from '../workflows/mail.js';

export type StartMail = (messageIds: string[]) => Promise<void>;

export function mailStarter(client: Client, taskQueue: string, retryForMs: number): StartMail {
  return async (ids) => {
    await Promise.all(
      ids.map(async (id) => {
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
  };
}

/** Belt and braces at worker start: every message still pending has its workflow. */
export async function startPendingMail(db: Db, start: StartMail): Promise<number> {
  const rows = await db.selectFrom('mail_messages').select('id').where('status', '=', 'pending').execute();
  await start(rows.map((r) => r.id));
  return rows.length;
}
