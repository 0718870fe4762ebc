/**
 * One delivery workflow per webhook subscription (`webhooks:<subscription id>`), on its own task
 * queue: it sends what the subscription has due, case by case in sequence order, and sleeps until
 * the next retry or until a projection queues more (the `deliveriesDue` signal, sent with
 * signal-with-start). A dead receiver therefore delays only its own subscription, and no case
 * workflow ever waits for a receiver. Idle for 10 minutes, it completes; the next event starts it.
 */
import {
  condition,
  continueAsNew,
  defineSignal,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { DeliveryActivities } from '../activities/webhooks.js';

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

const IDLE_MS = 10 * 60_000;

export async function webhookDelivery(input: { subscriptionId: string }): Promise<void> {
  let due = true;
  setHandler(deliveriesDue, () => void (due = true));
  for (;;) {
    due = false;
    const { nextAt, stop } = await deliverDue(input);
    // Deleted or paused: nothing more to send until it is resumed (which starts a new run).
    if (stop) return;
    if (workflowInfo().continueAsNewSuggested) await continueAsNew<typeof webhookDelivery>(input);
    if (due) continue;
    const wait = nextAt === null ? IDLE_MS : Math.max(1, nextAt - Date.now());
    const woken = await condition(() => due, wait);
    if (!woken && nextAt === null) return;
  }
}
