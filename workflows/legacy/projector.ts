/**
 * The read model of a case started before `deliveries-outside-case` (workflows/patches.ts): every
 * write is one local activity retried for as long as it takes, and the case hands its webhooks to
 * the `deliverWebhooks` activity itself after each write that queued some. Kept, unchanged, for
 * such cases still running; removed with the patch (see the ledger in workflows/patches.ts).
 */
import { proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { CaseActivities } from '../../activities/case.js';
import { toProjection } from '../../domain/case/projection.js';
import type { CaseEvent } from '../../domain/case/types.js';
import { isPatched, PATCHES } from '../patches.js';
import type { CaseProjector, ProjectorOptions } from '../projector.js';

const retriedForever = proxyLocalActivities<CaseActivities>({
  startToCloseTimeout: '30s',
  localRetryThreshold: '10s',
  retry: { initialInterval: '200ms', backoffCoefficient: 2, maximumInterval: '30s' },
});

// A regular activity, now only a hand-off to the delivery workflows.
const { deliverWebhooks } = proxyActivities<CaseActivities>({
  startToCloseTimeout: '2 minutes',
  heartbeatTimeout: '15 seconds',
  scheduleToCloseTimeout: '3 days',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

export class LegacyProjector implements CaseProjector {
  pending: CaseEvent[];
  /** A write is retried inside its activity: the read model is never recorded as behind. */
  readonly lag = undefined;
  readonly lagChanges = 0;
  private chain: Promise<void> = Promise.resolve();
  private deliveries = new Set<Promise<void>>();
  private target = 0;
  private loop: Promise<void> | undefined;

  constructor(private readonly o: ProjectorOptions) {
    this.pending = [...o.unprojected];
  }

  push(events: CaseEvent[]): void {
    this.pending.push(...events);
  }

  project(): Promise<void> {
    const events = this.pending;
    this.pending = [];
    const snapshot = toProjection(this.o.state(), events);
    this.chain = this.chain.then(async () => {
      const result = await retriedForever.projectCase(snapshot);
      if (result?.deliveries) this.deliver(snapshot.view.id, snapshot.seq);
    });
    return this.chain;
  }

  retryIfDue(): void {}

  retryAt(): undefined {
    return undefined;
  }

  idle(): boolean {
    return true;
  }

  /** Before the run completes: everything is in the read model and the webhooks went out. */
  async drain(): Promise<void> {
    await this.chain;
    await Promise.all([...this.deliveries]);
    while (this.loop) await this.loop;
  }

  /** One delivery activity at a time per case (before `serial-webhook-delivery`: concurrent). */
  private deliver(caseId: string, upToSeq: number): void {
    if (!isPatched(PATCHES.serialWebhookDelivery)) {
      const delivery: Promise<void> = deliverWebhooks({ caseId, upToSeq }).then(
        () => void this.deliveries.delete(delivery),
        () => void this.deliveries.delete(delivery),
      );
      this.deliveries.add(delivery);
      return;
    }
    this.target = Math.max(this.target, upToSeq);
    this.loop ??= (async () => {
      for (let done = 0; done < this.target;) {
        const target = this.target;
        await deliverWebhooks({ caseId, upToSeq: target }).catch(() => undefined);
        done = target;
      }
      this.loop = undefined;
    })();
  }
}
