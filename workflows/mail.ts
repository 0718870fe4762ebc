/**
 * Customer notifications on the mail task queue. The outbox (`mail_messages`) is drained by one
 * sender workflow per task queue (`mail-outbox:<task queue>`), woken when a projection queues
 * messages: each message is retried with its own backoff for as long as the deployment allows
 * (MAIL_RETRY_SECONDS), then recorded as failed on the case's timeline. No case ever waits for it.
 *
 * `mailDelivery`, one workflow per message, is how an earlier release sent them: it stays so that
 * the messages it queued are still sent during and after an upgrade.
 */
import {
  ActivityFailure,
  ApplicationFailure,
  continueAsNew,
  defineSignal,
  proxyActivities,
} from '@temporalio/workflow';
import type { MailActivities } from '../activities/mail-sender.js';
import { drainOutbox } from './outbox.js';

export const mailDue = defineSignal('mailDue');
export const mailOutboxWorkflowId = (taskQueue: string) => `mail-outbox:${taskQueue}`;

const { sendDueMail } = proxyActivities<MailActivities>({
  // A pass stops taking new messages after 30 s; one SMTP dialogue is bounded to well under a minute.
  startToCloseTimeout: '2 minutes',
  heartbeatTimeout: '20 seconds',
  // Only a database or worker failure gets here (a server's refusal is the message's backoff).
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '5 seconds' },
});

export async function mailOutbox(): Promise<void> {
  await drainOutbox(
    mailDue,
    () => sendDueMail(),
    () => continueAsNew<typeof mailOutbox>(),
  );
}

export const mailWorkflowId = (messageId: string) => `mail:${messageId}`;

export interface MailDeliveryInput {
  id: string;
  /** How long the message is retried before it counts as failed. */
  retryForMs: number;
}

export async function mailDelivery(input: MailDeliveryInput): Promise<string> {
  const { sendMail } = proxyActivities<MailActivities>({
    startToCloseTimeout: '1 minute',
    // The activity heartbeats while it talks to the server: a dead worker's send is retried soon.
    heartbeatTimeout: '10 seconds',
    scheduleToCloseTimeout: input.retryForMs,
    retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '5 minutes' },
  });
  const { recordMailFailure } = proxyActivities<MailActivities>({
    startToCloseTimeout: '1 minute',
    retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '1 minute' },
  });
  try {
    return (await sendMail({ id: input.id })).status;
  } catch (err) {
    await recordMailFailure({ id: input.id, error: reasonOf(err) });
    return 'failed';
  }
}

function reasonOf(err: unknown): string {
  const cause = err instanceof ActivityFailure ? err.cause : err;
  if (cause instanceof ApplicationFailure) return cause.message.replace(/^notification \S+ not sent: /, '');
  return cause instanceof Error ? cause.message.slice(0, 200) : 'send failed';
}
