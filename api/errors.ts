/** Maps failures of dependencies to problems: a dependency down is a 503, never a 500. */
import {
  isGrpcDeadlineError,
  isGrpcServiceError,
  ServiceError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';
import { problem, type HttpProblem } from './problem.js';

const PG_UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  '57P01', // admin_shutdown
  '57P02',
  '57P03', // cannot_connect_now
  '08000',
  '08001',
  '08003',
  '08006',
  '53300', // too_many_connections
]);

export function isDatabaseUnavailable(err: unknown): boolean {
  const e = err as { code?: string; message?: string } | undefined;
  if (!e) return false;
  if (e.code && PG_UNAVAILABLE_CODES.has(e.code)) return true;
  const m = e.message ?? '';
  return /Connection terminated|timeout exceeded when trying to connect|Query read timeout|connect ECONNREFUSED|Client has encountered a connection error/i.test(
    m,
  );
}

const WORKFLOW_TASK_FAILED = /Workflow Task in failed state/i;

export function isTemporalUnavailable(err: unknown): boolean {
  if (isGrpcDeadlineError(err) || err instanceof WorkflowUpdateRPCTimeoutOrCancelledError) return true;
  if (isGrpcServiceError(err)) {
    // DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED, UNAVAILABLE; and FAILED_PRECONDITION for an update sent
    // while the case's last workflow task failed or timed out (an overloaded or restarted worker):
    // the server refuses updates until the next attempt completes, which a retry soon finds.
    return [4, 8, 14].includes(err.code) || (err.code === 9 && WORKFLOW_TASK_FAILED.test(err.details));
  }
  if (err instanceof ServiceError && err.cause) return isTemporalUnavailable(err.cause);
  return /UNAVAILABLE|DEADLINE_EXCEEDED|Connection refused|transport error/i.test(
    String((err as Error)?.message ?? ''),
  );
}

export function dependencyProblem(err: unknown): HttpProblem | undefined {
  if (isDatabaseUnavailable(err)) return problem.unavailable('the database is unavailable; retry shortly');
  if (isTemporalUnavailable(err)) {
    return problem.unavailable(
      'the workflow service is unavailable or did not answer in time; retry shortly (with the same Idempotency-Key to be safe)',
    );
  }
  return undefined;
}
