/** A dependency down, or a case's workflow task retrying, is a 503 to retry, never a 500. */
import { ServiceError } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import { dependencyProblem } from '../../api/errors.js';

const grpcError = (code: number, details: string) =>
  Object.assign(new Error(`${code} ${details}`), { code, details, metadata: {} });

describe('dependencyProblem', () => {
  it('answers 503 for an update refused while the workflow task is in failed state', () => {
    const err = new ServiceError('Workflow Update failed', {
      cause: grpcError(
        9,
        'Unable to perform workflow execution update due to Workflow Task in failed state.',
      ),
    });
    const p = dependencyProblem(err);
    expect(p?.status).toBe(503);
    expect(p?.headers['Retry-After']).toBeDefined();
  });

  it('leaves other failed preconditions to the caller', () => {
    const err = new ServiceError('Workflow Update failed', {
      cause: grpcError(9, 'workflow execution already completed'),
    });
    expect(dependencyProblem(err)).toBeUndefined();
  });

  it('answers 503 for an unavailable server', () => {
    expect(
      dependencyProblem(new ServiceError('x', { cause: grpcError(14, 'connection refused') }))?.status,
    ).toBe(503);
  });
});
