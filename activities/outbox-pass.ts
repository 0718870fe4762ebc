/**
 * One pass of an outbox sender (webhook deliveries, customer mail): claim what is due, send it,
 * and look again, until nothing is due or the pass's budget is spent. While a receiver takes what
 * it is sent, the pass stays a moment for the next: sent from here, without a signal, a workflow
 * task and an activity task in between (seconds each on a busy server). After a failure it does
 * not linger: the next attempt's time is known, and the sender workflow sleeps until then.
 */
import { Context } from '@temporalio/activity';

/** How long a pass waits for more after its last send, and how often it looks meanwhile. */
const LINGER_MS = 3000;
const LINGER_POLL_MS = 200;

/** 1 s doubling to 5 min: the backoff after the n-th failed attempt. */
export const backoffMs = (attempts: number) => Math.min(300_000, 1000 * 2 ** Math.min(attempts - 1, 20));

export interface PassSteps<Row> {
  budgetMs: number;
  /** Claims the rows due now (each claim lapses, so a dead sender's rows are taken again). */
  claim(): Promise<Row[]>;
  /** Sends the rows, starting none past the deadline; answers how many were sent. */
  send(rows: Row[], deadline: number): Promise<number>;
  /** Whether to go on after a batch (a deleted or paused subscription stops at once). */
  going?(): Promise<boolean>;
}

export async function runPass<Row>(steps: PassSteps<Row>): Promise<void> {
  const deadline = Date.now() + steps.budgetMs;
  let lastSent = 0;
  for (;;) {
    const rows = await steps.claim();
    if (rows.length === 0) {
      if (Date.now() - lastSent > LINGER_MS || Date.now() > deadline || cancelled()) return;
      heartbeatIfActivity('waiting for more');
      await new Promise((r) => setTimeout(r, LINGER_POLL_MS));
      continue;
    }
    if ((await steps.send(rows, deadline)) > 0) lastSent = Date.now();
    if (Date.now() > deadline || cancelled() || (steps.going && !(await steps.going()))) return;
  }
}

export function cancelled(): boolean {
  try {
    return Context.current().cancellationSignal.aborted;
  } catch {
    return false; // called outside an activity (tests of the sending itself)
  }
}

export function heartbeatIfActivity(progress?: string): void {
  try {
    Context.current().heartbeat(progress);
  } catch {
    // called outside an activity
  }
}

export function cancellationSignal(): AbortSignal | undefined {
  try {
    return Context.current().cancellationSignal;
  } catch {
    return undefined;
  }
}
