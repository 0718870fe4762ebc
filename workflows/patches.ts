/**
 * Every workflow change that would alter the commands of a case already in flight goes behind a
 * patch id (see docs/operations.md, "Upgrade"). Remove a patch only once no case that started
 * before it can still be running, and replay tests over the committed histories say so.
 */
import { patched } from '@temporalio/workflow';

export const PATCHES = {
  /** 2026-11: clocks start when the API received the case, not at the workflow's first task. */
  clockFromReceivedAt: 'clock-from-received-at',
  /** 2026-11: one webhook delivery activity at a time per case, so receivers get events in order. */
  serialWebhookDelivery: 'serial-webhook-delivery',
  /** 2026-11: the retention sweep also drops idempotency keys older than their lifetime. */
  purgeIdempotencyKeys: 'purge-idempotency-keys',
  /**
   * 2026-11: what ops see changes only when it changed: the SLA timer is replaced only when the next
   * threshold moves, and search attributes are upserted only when one of their values differs.
   */
  onlyChangedOpsUpdates: 'only-changed-ops-updates',
  /**
   * 2026-11, after the release marker: the case never waits for webhook receivers (delivery
   * workflows on their own task queue send them), a projection or an assignment that keeps failing
   * is retried on the case's own backoff timer instead of forever inside one local activity, and
   * continue-as-new carries unprojected events and applied update ids into the next run.
   */
  deliveriesOutsideCase: 'deliveries-outside-case',
  /**
   * 2026-11, after the release marker: a case takes its incident's notices (link, public message,
   * resolution, unlink) and keeps the CaseIncidentId search attribute on the link.
   */
  incidentLinks: 'incident-links',
  /**
   * 2026-11, after the release marker: waiting for the customer arms the policy's reminder and
   * automatic close (durable moments on the case's timer). Asked when a case starts waiting.
   */
  customerWait: 'notify-customer-wait',
  /** 2026-12: the retention sweep also deletes audit log entries past AUDIT_RETENTION_DAYS. */
  pruneAuditLog: 'prune-audit-log',
} as const;

export type PatchId = (typeof PATCHES)[keyof typeof PATCHES];

/**
 * Cases started from this release on take the patches it names at once and record one marker for
 * them (each marker is two history events), instead of one per patch. Cases started before still
 * answer patch by patch, as recorded. The list is fixed forever: a case that recorded this marker
 * took exactly these, so a patch added later is asked on its own (until a newer release id names it).
 */
export const RELEASE_2026_11 = 'release-2026-11';
export const COVERED_BY_RELEASE_2026_11: ReadonlySet<PatchId> = new Set<PatchId>([
  'clock-from-received-at',
  'serial-webhook-delivery',
  'purge-idempotency-keys',
  'only-changed-ops-updates',
]);

/** The one place the workflow asks; tests build the pre-patch worker by replacing this module. */
export function isPatched(id: PatchId): boolean {
  return (COVERED_BY_RELEASE_2026_11.has(id) && patched(RELEASE_2026_11)) || patched(id);
}
