/** What a refused or failed Workflow Update on a case means for the caller: 409, 400, or the error. */
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { CaseStatus } from '../domain/case/contract.js';
import { FAILURE } from '../workflows/case-updates.js';
import { problem } from './problem.js';

/** The workflow has completed (or never ran): no update can reach it. */
export const isWorkflowGone = (err: unknown) =>
  err instanceof WorkflowNotFoundError || /workflow execution already completed/i.test(String(err));

export function notAllowed(action: string, status: CaseStatus) {
  return problem.conflict(`'${action}' is not allowed: the case is '${status}'`, {
    currentStatus: status,
    action,
  });
}

/** The problem to answer for `err`; `statusNow` reads the case's status when the workflow has gone. */
export async function explainUpdateFailure(
  err: unknown,
  action: string,
  statusNow: () => Promise<CaseStatus>,
): Promise<unknown> {
  if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
    const f = err.cause;
    if (f.type === FAILURE.notAllowed) {
      // The facts that refused it (level, assignee, priority) come along: `{ level: 3 }`.
      const {
        status,
        action: _,
        ...current
      } = (f.details?.[0] ?? {}) as { status?: CaseStatus; action?: string };
      return problem.conflict(f.message, { ...current, currentStatus: status, action });
    }
    if (f.type === FAILURE.invalid) return problem.badRequest(f.message);
  }
  // The workflow finished between our read and the update: answer with its final status.
  if (isWorkflowGone(err)) return notAllowed(action, await statusNow());
  return err;
}
