/**
 * The loop of an outbox's sender workflow (webhook deliveries, customer mail): a pass sends what
 * is due and says when the next retry is due; the workflow sleeps until then or until a wake
 * signal says more was queued. Idle for 10 minutes, it completes; the next wake starts it again
 * (signal-with-start). Its history stays short: it continues as new when the server suggests.
 */
import { condition, setHandler, workflowInfo, type SignalDefinition } from '@temporalio/workflow';

export interface Pass {
  /** When the next retry is due (epoch ms), or null when nothing waits. */
  nextAt: number | null;
  /** Nothing more to send until something restarts the workflow. */
  stop: boolean;
}

const IDLE_MS = 10 * 60_000;

export async function drainOutbox(
  wake: SignalDefinition<[]>,
  pass: () => Promise<Pass>,
  continueAsNew: () => Promise<never>,
): Promise<void> {
  let due = true;
  setHandler(wake, () => void (due = true));
  for (;;) {
    due = false;
    const { nextAt, stop } = await pass();
    if (stop) return;
    if (workflowInfo().continueAsNewSuggested) await continueAsNew();
    if (due) continue;
    const wait = nextAt === null ? IDLE_MS : Math.max(1, nextAt - Date.now());
    const woken = await condition(() => due, wait);
    if (!woken && nextAt === null) return;
  }
}
