/** Retention sweep, started by a Temporal Schedule: personal data of long-closed cases is erased. */
import { proxyActivities } from '@temporalio/workflow';
import type { CaseActivities } from '../activities/index.js';

const { eraseExpiredPersonalData } = proxyActivities<CaseActivities>({
  startToCloseTimeout: '1 hour',
  heartbeatTimeout: '2 minutes',
  retry: { maximumInterval: '10 minutes' },
});

export async function retentionSweep(input: { olderThanDays: number }): Promise<{ erased: number }> {
  return eraseExpiredPersonalData({ olderThanDays: input.olderThanDays });
}
