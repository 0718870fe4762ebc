/** Domain refusals as failures the client can read (type → HTTP status), for every workflow. */
import { ApplicationFailure } from '@temporalio/workflow';
import { ActionNotAllowed, InvalidCommand } from '../domain/case/commands.js';
import { FAILURE } from './case-updates.js';

/** Runs a decision of a domain machine; a refusal it throws leaves as a non-retryable failure. */
export function refusalsAsFailures<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof ActionNotAllowed) {
      throw ApplicationFailure.create({
        type: FAILURE.notAllowed,
        message: err.message,
        details: [{ ...err.current, status: err.status, action: err.action }],
        nonRetryable: true,
      });
    }
    if (err instanceof InvalidCommand) {
      throw ApplicationFailure.create({ type: FAILURE.invalid, message: err.message, nonRetryable: true });
    }
    throw err;
  }
}
