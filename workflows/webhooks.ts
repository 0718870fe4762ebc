/**
 * One delivery workflow per webhook subscription (`webhooks:<subscription id>`), on its own task
 * queue: it sends what the subscription has due, case by case in sequence order, and sleeps until
 * the next retry or until a projection queues more (the `deliveriesDue` signal, sent with
 * signal-with-start). A dead receiver therefore delays only its own subscription, and no case
 * workflow ever waits for a receiver. Idle for 10 minutes, it completes; the next event starts it.
 */
import { continueAsNew, defineSignal, proxyActivities } from '@temporalio/workflow';
import type { DeliveryActivities } from '../activities/webhooks.js';
import { drainOutbox } from './outbox.js';

export const deliveriesDue = defineSignal('deliveriesDue');
export const deliveryWorkflowId = (subscriptionId: string) => `webhooks:${subscriptionId}`;

const { deliverDue } = proxyActivities<DeliveryActivities>({
  // Each pass stops taking new rows after 30 s; a delivery's POST times out after 10 s.
  startToCloseTimeout: '2 minutes',
  heartbeatTimeout: '20 seconds',
  // Only a database or worker failure gets here (a receiver's failure is a row's backoff). A
  // short cap: a signal cannot cut a retry's wait short, so once PostgreSQL is back every
  // subscription resumes within seconds, not a minute later. Retries add no history events.
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '5 seconds' },
});

export async function webhookDelivery(input: { subscriptionId: string }): Promise<void> {
  // Deleted or paused: the pass says stop; nothing more until it is resumed (a new run).
  await drainOutbox(
    deliveriesDue,
    () => deliverDue(input),
    () => continueAsNew<typeof webhookDelivery>(input),
  );
}
