/** The case workflow's updates and query (its messages, in Temporal's words), defined once for the workflow and its clients. */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { CaseAction, CaseCommand } from '../domain/case/commands.js';
import { CASE_ACTIONS } from '../domain/case/commands.js';
import { MSG } from '../domain/case/contract.js';
import type { CaseView } from '../domain/case/types.js';

export interface ActionRequest {
  actor: string;
  command: CaseCommand;
  /** The deployment's four-eyes rule (APPROVAL_FOUR_EYES); absent in requests made before it. */
  fourEyes?: boolean;
}

/** Answers once the new case is in the read model (update-with-start gives read-your-writes). */
export const openedUpdate = defineUpdate<CaseView>(MSG.open);
export const viewQuery = defineQuery<CaseView>(MSG.view);
export const actionUpdates = Object.fromEntries(
  CASE_ACTIONS.map((a) => [a, defineUpdate<CaseView, [ActionRequest]>(a)]),
) as Record<CaseAction, ReturnType<typeof defineUpdate<CaseView, [ActionRequest]>>>;

/** ApplicationFailure types the API maps to HTTP statuses. */
export const FAILURE = { notAllowed: 'ActionNotAllowed', invalid: 'InvalidCommand' } as const;
