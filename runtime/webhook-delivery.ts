/** Starting and waking the per-subscription delivery workflows (workflows/webhooks.ts). */
import type { Client } from '@temporalio/client';
import type { Db } from '../db/database.js';
import { deliveriesDue, deliveryWorkflowId, type webhookDelivery } from '../workflows/webhooks.js';

export type WakeDeliveries = (subscriptionIds: string[]) => Promise<void>;

/** Signal-with-start: wakes the subscription's delivery workflow, starting it when none runs. */
export function deliveryWaker(client: Client, taskQueue: string): WakeDeliveries {
  return async (subscriptionIds) => {
    await Promise.all(
      subscriptionIds.map((subscriptionId) =>
        client.workflow.signalWithStart<typeof webhookDelivery, []>('webhookDelivery', {
          workflowId: deliveryWorkflowId(subscriptionId),
          taskQueue,
          args: [{ subscriptionId }],
          signal: deliveriesDue,
          signalArgs: [],
        }),
      ),
    );
  };
}

/** At worker start: every subscription with something pending gets its workflow (belt and braces). */
export async function wakePendingDeliveries(db: Db, wake: WakeDeliveries): Promise<number> {
  const rows = await db
    .selectFrom('webhook_deliveries as d')
    .innerJoin('webhook_subscriptions as s', 's.id', 'd.subscription_id')
    .select('d.subscription_id')
    .distinct()
    .where('d.status', '=', 'pending')
    .where('s.active', '=', true)
    .where('s.paused', '=', false)
    .execute();
  await wake(rows.map((r) => r.subscription_id));
  return rows.length;
}
