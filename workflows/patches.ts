/**
 * Every workflow change that would alter the commands of a case already in flight goes behind a
 * patch id (see docs/operations.md, "Upgrade"). This file is the ledger of those patches: what each
 * guards, since when, and when it may go.
 *
 * The walk of a patch: (1) `isPatched(id)` with the old branch kept (today, for all of them);
 * (2) once no case *run* started before the patch is still open (cases close by `rateBy` at the
 * latest; a run that continued as new asked afresh and took it) and closed ones older than that
 * have passed the namespace's retention (a query replays them), ask `deprecatePatch(id)` instead
 * and delete the old branch, with the histories in test/histories that took the old branch;
 * (3) once no run that asked `patched(id)` is open or retained, remove `deprecatePatch(id)` too.
 * For step (2), this must list nothing:
 *   temporal workflow list --query "WorkflowType='caseWorkflow' AND ExecutionStatus='Running' AND StartTime < '<since>'"
 * with <since> the day the patch reached the last worker (no earlier than its commit, below).
 * A patch in COVERED_BY_RELEASE_2026_11 is also answered by the release marker: deprecate the
 * marker's patches together, after the release's own date.
 *
 * | patch                    | since (commit)       | guards (its old branch)                                              | may be deprecated                              |
 * | ------------------------ | -------------------- | -------------------------------------------------------------------- | ---------------------------------------------- |
 * | release-2026-11 (marker) | 2026-11-23 (3088ee7) | answers the four patches below it at once, for runs started since    | no open run started before its deploy          |
 * | clock-from-received-at   | 2026-11-23 (55b666c) | workflows/case.ts, opening: clocks start at the first workflow task  | with the release marker                        |
 * | serial-webhook-delivery  | 2026-11-23 (e1bc152) | workflows/legacy/projector.ts: concurrent webhook delivery activities | with deliveries-outside-case (only legacy runs ask) |
 * | purge-idempotency-keys   | 2026-11-23 (1b26a9d) | workflows/retention.ts: the sweep erases but keeps idempotency keys  | with the release marker (ask of retention runs) |
 * | only-changed-ops-updates | 2026-11-23 (f2ea092) | workflows/case.ts: upserts and a new timer on every change           | with the release marker                        |
 * | deliveries-outside-case  | 2026-11-30 (17ff7ab) | workflows/legacy/ (case.ts, projector.ts); activities/case.ts `deliverWebhooks` and `projectCase`'s count | no open run started before its deploy |
 * | incident-links           | 2026-11-30 (931fca9) | workflows/case-incident.ts: a link upserts no CaseIncidentId         | no open run started before its deploy          |
 * | notify-customer-wait     | 2026-11-30 (d9e77de) | workflows/case.ts: a wait for the customer arms no reminder or close | no open run started before its deploy          |
 * | prune-audit-log          | 2026-12-06 (1cf944a) | workflows/retention.ts: the sweep leaves the audit log alone         | no retention run started before its deploy (runs last minutes) |
 * | per-clock-sla            | 2026-12-07 (171ed98) | domain/case/clocks.ts (`sla.perClock` absent): one warnBefore, days as 24 h, warnings at a clock's start; every clock on the policy's calendar | no open run started before its deploy |
 * | escalation-routes        | 2026-12-07 (1cbb4b5) | workflows/case.ts: a raised level moves the case to no other team    | no open run started before its deploy          |
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
  /**
   * 2026-12: a case opened since marks its SLA snapshot `perClock`: each clock may count on its own
   * calendar (urgent first contact round the clock) and warns by its own rule, never at its start,
   * days of a lead as working days. Asked once, when the case opens.
   */
  perClockSla: 'per-clock-sla',
  /**
   * 2026-12: a raised level (on demand, on a breach, on a reopen) asks the escalation rules for the
   * team that takes it and moves the case there (`case.team_changed`). Asked at each escalation.
   */
  escalationRoutes: 'escalation-routes',
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
