/**
 * What a case started before `deliveries-outside-case` (workflows/patches.ts) still does its own
 * way, as it did when it started: it projects with workflows/legacy/projector.ts (and delivers its
 * webhooks itself), retries first-contact assignment for as long as it takes, and continues as new
 * only after every write and webhook, carrying neither the read model's lag nor applied update ids.
 * Kept for such cases still running; removed with the patch (see the ledger in workflows/patches.ts).
 */
import { allHandlersFinished, condition, continueAsNew, proxyLocalActivities } from '@temporalio/workflow';
import type { CaseActivities } from '../../activities/case.js';
import type { CaseState } from '../../domain/case/types.js';
import type { caseWorkflow } from '../case.js';
import type { CaseProjector, ProjectorOptions } from '../projector.js';
import { LegacyProjector } from './projector.js';

const assignment = proxyLocalActivities<CaseActivities>({
  startToCloseTimeout: '30s',
  localRetryThreshold: '10s',
  retry: { initialInterval: '200ms', backoffCoefficient: 2, maximumInterval: '30s' },
});

export const legacyCase = {
  projector: (o: ProjectorOptions): CaseProjector => new LegacyProjector(o),

  /** First-contact assignment by workload, retried for as long as it takes. */
  chooseAssignee: (q: { type: CaseState['type']; level: number }): Promise<string | null> =>
    assignment.chooseAssignee(q),

  /** Waits for in-flight work, webhooks included, then continues with the state and what is unwritten. */
  async continueAsNew(
    state: CaseState,
    projector: CaseProjector,
    sleepUntil: (at: number) => Promise<void>,
  ): Promise<never> {
    await condition(allHandlersFinished);
    await projector.drain(sleepUntil);
    return continueAsNew<typeof caseWorkflow>({ resume: { state, unprojected: projector.pending } });
  },
};
