/**
 * Retention sweep, started by a Temporal Schedule: personal data of long-closed cases is erased,
 * and idempotency keys past their promised lifetime are dropped.
 */
import { proxyActivities } from '@temporalio/workflow';
import type { CaseActivities } from '../activities/case.js';
import { isPatched, PATCHES } from './patches.js';

const { eraseExpiredPersonalData, purgeIdempotencyKeys } = proxyActivities<CaseActivities>({
  startToCloseTimeout: '1 hour',
  heartbeatTimeout: '2 minutes',
  retry: { maximumInterval: '10 minutes' },
});

export async function retentionSweep(input: {
  olderThanDays: number;
  idempotencyKeyHours?: number;
}): Promise<{ erased: number; purgedIdempotencyKeys?: number }> {
  const { erased } = await eraseExpiredPersonalData({ olderThanDays: input.olderThanDays });
  if (!isPatched(PATCHES.purgeIdempotencyKeys)) return { erased };
  const { purged } = await purgeIdempotencyKeys({ olderThanHours: input.idempotencyKeyHours ?? 72 });
  return { erased, purgedIdempotencyKeys: purged };
}
