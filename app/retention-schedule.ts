/** The retention sweep runs on a Temporal Schedule (visible and pausable in the Web UI), not a cron. */
import { ScheduleAlreadyRunning, ScheduleOverlapPolicy, type Client } from '@temporalio/client';
import { retentionSweep } from '../workflows/retention.js';

/** One schedule per task queue, so deployments sharing a namespace keep their own. */
export const retentionScheduleId = (taskQueue: string) => `case-retention:${taskQueue}`;

export async function ensureRetentionSchedule(
  client: Client,
  opts: {
    taskQueue: string;
    olderThanDays: number;
    every: string;
    idempotencyKeyHours: number;
    auditLogDays: number;
  },
): Promise<void> {
  const action = {
    type: 'startWorkflow' as const,
    workflowType: retentionSweep,
    args: [
      {
        olderThanDays: opts.olderThanDays,
        idempotencyKeyHours: opts.idempotencyKeyHours,
        auditLogDays: opts.auditLogDays,
      },
    ] as [{ olderThanDays: number; idempotencyKeyHours: number; auditLogDays: number }],
    taskQueue: opts.taskQueue,
    workflowId: `case-retention-sweep:${opts.taskQueue}`,
  };
  try {
    await client.schedule.create({
      scheduleId: retentionScheduleId(opts.taskQueue),
      spec: { intervals: [{ every: opts.every as `${number}h` }] },
      action,
      policies: { overlap: ScheduleOverlapPolicy.SKIP },
      memo: { purpose: `erase personal data of cases closed more than ${opts.olderThanDays} days ago` },
    });
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
    // Configuration may have changed since the schedule was made: keep it in line.
    await client.schedule.getHandle(retentionScheduleId(opts.taskQueue)).update((prev) => ({
      ...prev,
      spec: { intervals: [{ every: opts.every as `${number}h` }] },
      action,
    }));
  }
}
