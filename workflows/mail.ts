/**
 * One workflow per customer notification (`mail:<event id>`), on the mail task queue: it sends the
 * message through a retried activity for as long as the deployment allows (MAIL_RETRY_SECONDS),
 * then records the failure on the case's timeline. No case ever waits for it.
 */
import { ActivityFailure, ApplicationFailure, proxyActivities } from '@temporalio/workflow';
import type { MailActivities } from '../activities/mail.js';

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
