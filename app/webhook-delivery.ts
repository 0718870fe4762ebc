/** Starting and waking the per-subscription delivery workflows (workflows/webhooks.ts). */
import type { Client } from '@temporalio/client';
import type { Db } from '../db/database.js';
import { subscriptionsWithPending } from '../db/webhooks.js';
import { deliveriesDue, deliveryWorkflowId, type webhookDelivery } from '../workflows/webhooks.js';

export type WakeDeliveries = (subscriptionIds: string[]) => Promise<void>;

/**
 * Signal-with-start: wakes the subscription's delivery workflow, starting it when none runs.
 * Wakes are coalesced per subscription: every projection of every case wakes the same few
 * workflows, and a burst of concurrent signals to one workflow queues on its lock in the server
 * and gives it a workflow task each (seen as case workflow tasks over 5 s in the chaos runs). One
 * signal at a time is enough, as long as a wake asked for while one is in flight is answered by a
 * signal that starts after it (the asker's rows are committed by then).
 */
export function deliveryWaker(client: Client, taskQueue: string): WakeDeliveries {
  const wakeOne = coalesced((subscriptionId: string) =>
    client.workflow
      .signalWithStart<typeof webhookDelivery, []>('webhookDelivery', {
        workflowId: deliveryWorkflowId(subscriptionId),
        taskQueue,
        args: [{ subscriptionId }],
        signal: deliveriesDue,
        signalArgs: [],
      })
      .then(() => undefined),
  );
  return async (subscriptionIds) => {
    await Promise.all(subscriptionIds.map(wakeOne));
  };
}

/**
 * At most one `send(key)` in flight per key; a call made meanwhile shares the one next send, which
 * starts once the current one has settled. So every call is answered by a send that began after
 * it was made, and a burst of N calls costs two sends, not N.
 */
export function coalesced(send: (key: string) => Promise<void>): (key: string) => Promise<void> {
  const inFlight = new Map<string, Promise<void>>();
  const next = new Map<string, Promise<void>>();
  const start = (key: string): Promise<void> => {
    const p = send(key).finally(() => {
      if (inFlight.get(key) === p) inFlight.delete(key);
    });
    inFlight.set(key, p);
    return p;
  };
  return (key) => {
    const queued = next.get(key);
    if (queued) return queued;
    const current = inFlight.get(key);
    if (!current) return start(key);
    const after = current
      .catch(() => undefined)
      .then(() => {
        next.delete(key);
        return start(key);
      });
    next.set(key, after);
    return after;
  };
}

/** At worker start: every subscription with something pending gets its workflow (belt and braces). */
export async function wakePendingDeliveries(db: Db, wake: WakeDeliveries): Promise<number> {
  const ids = await subscriptionsWithPending(db);
  await wake(ids);
  return ids.length;
}
