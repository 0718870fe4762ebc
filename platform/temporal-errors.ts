/** What a Temporal client's error means for the caller. */
import { WorkflowNotFoundError } from '@temporalio/client';

/** The workflow is not there to take a message: it never was, or it has already completed. */
export const isWorkflowGone = (err: unknown): boolean =>
  err instanceof WorkflowNotFoundError || /workflow execution already completed/i.test(String(err));
