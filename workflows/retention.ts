/**
 * Retention sweep, started by a Temporal Schedule: personal data of long-closed cases is erased,
 * idempotency keys past their promised lifetime are dropped, and so are audit log entries past
 * theirs (AUDIT_RETENTION_DAYS, never under the table's own floor of 365 days).
 */
import { proxyActivities } from '@temporalio/workflow';
import type { CaseActivities } from '../activities/case.js';
import { isPatched, PATCHES } from './patches.js';

const { eraseExpiredPersonalData, purgeIdempotencyKeys, pruneAuditLog } = proxyActivities<CaseActivities>({
  startToCloseTimeout: '1 hour',
  heartbeatTimeout: '2 minutes',
  retry: { maximumInterval: '10 minutes' },
});

export async function retentionSweep(input: {
  olderThanDays: number;
  idempotencyKeyHours?: number;
  /** AUDIT_RETENTION_DAYS; schedules made before it was passed keep the default. */
  auditLogDays?: number;
}): Promise<{ erased: number; purgedIdempotencyKeys?: number; prunedAuditEntries?: number }> {
  const { erased } = await eraseExpiredPersonalData({ olderThanDays: input.olderThanDays });
  if (!isPatched(PATCHES.purgeIdempotencyKeys)) return { erased };
  const { purged } = await purgeIdempotencyKeys({ olderThanHours: input.idempotencyKeyHours ?? 72 });
  if (!isPatched(PATCHES.pruneAuditLog)) return { erased, purgedIdempotencyKeys: purged };
  const { pruned } = await pruneAuditLog({ olderThanDays: input.auditLogDays ?? 1095 });
  return { erased, purgedIdempotencyKeys: purged, prunedAuditEntries: pruned };
}
