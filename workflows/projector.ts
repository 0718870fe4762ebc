/**
 * Keeps the read model in step with one case. Every change is written by the `projectCase` local
 * activity, one write after another so the read model sees events in sequence order.
 *
 * A write gets 20 s of local tries (no timer in history); if it still fails the events stay
 * pending, the case records the lag for ops (current details, log) and tries again on its own
 * backoff timer (30 s doubling to 30 min), while it keeps taking actions and firing its clocks.
 * Webhooks are not its business: the projection queues them and wakes the subscription's delivery
 * workflow. (Cases started before `deliveries-outside-case` project as workflows/legacy/projector.ts says.)
 */
import { log, proxyLocalActivities } from '@temporalio/workflow';
import type { CaseActivities } from '../activities/case.js';
import { toProjection } from '../domain/case/projection.js';
import type { CaseEvent, CaseState } from '../domain/case/types.js';
import { iso } from '../domain/time.js';

// Every try stays local (the schedule-to-close is below the local retry threshold): a failing write
// adds one marker to the history, not a timer per retry.
const bounded = proxyLocalActivities<CaseActivities>({
  startToCloseTimeout: '10s',
  scheduleToCloseTimeout: '20s',
  localRetryThreshold: '1 minute',
  retry: { initialInterval: '200ms', backoffCoefficient: 2, maximumInterval: '5s' },
});

const RETRY_FIRST_MS = 30_000;
const RETRY_MAX_MS = 30 * 60_000;

/** A read model that is behind: how long, why, and when the case tries again. */
export interface ProjectionLag {
  failures: number;
  since: string;
  error: string;
  retryAt: number;
}

export interface ProjectorOptions {
  state: () => CaseState;
  unprojected: CaseEvent[];
  lag?: ProjectionLag;
  /** Called when the read model falls behind or catches up (ops see it in current details). */
  onLagChange: () => void;
}

/** What the case workflow asks of its projector: this one, or a legacy case's (legacy/projector.ts). */
export interface CaseProjector {
  /** Events decided but not yet in the read model. */
  readonly pending: CaseEvent[];
  readonly lag: ProjectionLag | undefined;
  /** Counts falls behind and catch-ups, so the main loop notices a new retry time. */
  readonly lagChanges: number;
  push(events: CaseEvent[]): void;
  project(): Promise<void>;
  retryIfDue(now: number): void;
  retryAt(): number | undefined;
  idle(): boolean;
  drain(sleepUntil: (at: number) => Promise<void>): Promise<void>;
}

export class Projector implements CaseProjector {
  pending: CaseEvent[];
  lag: ProjectionLag | undefined;
  lagChanges = 0;
  private running = 0;
  private chain: Promise<void> = Promise.resolve();

  constructor(private readonly o: ProjectorOptions) {
    this.pending = [...o.unprojected];
    this.lag = o.lag;
  }

  push(events: CaseEvent[]): void {
    this.pending.push(...events);
  }

  /** Writes what is pending. While the read model is behind, only the retry timer writes. */
  project(): Promise<void> {
    if (this.lag) return this.chain;
    return this.enqueue();
  }

  /** The retry of a read model that is behind, when its time has come. */
  retryIfDue(now: number): void {
    if (this.lag && this.running === 0 && now >= this.lag.retryAt) void this.enqueue();
  }

  /** When the main loop must wake to retry, if it must. */
  retryAt(): number | undefined {
    return this.lag && this.running === 0 ? this.lag.retryAt : undefined;
  }

  idle(): boolean {
    return this.running === 0;
  }

  /** Before the run completes: everything is in the read model. */
  async drain(sleepUntil: (at: number) => Promise<void>): Promise<void> {
    await this.chain;
    while (this.pending.length > 0) {
      if (this.lag) await sleepUntil(this.lag.retryAt);
      await this.enqueue();
    }
  }

  private enqueue(): Promise<void> {
    this.running += 1;
    this.chain = this.chain.then(async () => {
      try {
        await this.writePending();
      } finally {
        this.running -= 1;
      }
    });
    return this.chain;
  }

  private async writePending(): Promise<void> {
    const events = this.pending.slice();
    if (events.length === 0) return;
    const state = this.o.state();
    try {
      await bounded.projectCase(toProjection(state, events));
    } catch (err) {
      this.fellBehind(state.id, err);
      return;
    }
    this.pending.splice(0, events.length);
    if (this.lag) {
      log.info('read model caught up', { caseId: state.id, failures: this.lag.failures });
      this.lag = undefined;
      this.lagChanges += 1;
      this.o.onLagChange();
    }
  }

  private fellBehind(caseId: string, err: unknown): void {
    const failures = (this.lag?.failures ?? 0) + 1;
    const now = Date.now();
    const delay = Math.min(RETRY_MAX_MS, RETRY_FIRST_MS * 2 ** Math.min(failures - 1, 16));
    const error = errorMessage(err);
    this.lag = {
      failures,
      since: this.lag?.since ?? iso(now),
      error,
      retryAt: now + delay,
    };
    this.lagChanges += 1;
    log.warn('read model behind: projection failed', { caseId, failures, error, retryInMs: delay });
    this.o.onLagChange();
  }
}

/**
 * Part of the workflow's current details, which ops read without a codec session: counts and times
 * only. The error's text stays out (a database error may quote the data it refused); it is in the
 * failed projection activity of the history and in the worker's log.
 */
export function lagDetails(lag: ProjectionLag | undefined): string {
  if (!lag) return '';
  return (
    `\n\n**read model behind** since ${lag.since}: ${lag.failures} failed projection(s), ` +
    `next try ${iso(lag.retryAt)} (the error: see the failed projection activity)`
  );
}

function errorMessage(err: unknown): string {
  const e = err as { cause?: { message?: string }; message?: string };
  return String(e?.cause?.message ?? e?.message ?? err).slice(0, 300);
}
