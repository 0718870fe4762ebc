/**
 * Idempotency-Key for every POST that makes or changes something: the same key and body always
 * give the same case (or incident, or action); the same key with another body is refused (422).
 */
import { createHash } from 'node:crypto';
import type { Db } from '../db/database.js';
import { claimIdempotencyKey } from '../db/idempotency.js';
import { type Principal } from './auth.js';
import { problem } from './problem.js';

const canonical = (v: unknown): string =>
  JSON.stringify(v, (_k, val) =>
    val && typeof val === 'object' && !Array.isArray(val)
      ? Object.fromEntries(Object.entries(val).sort(([a], [b]) => a.localeCompare(b)))
      : val,
  );
export const requestHash = (v: unknown) => createHash('sha256').update(canonical(v)).digest('hex');

/** Claims `key` for this request; `fresh` false: a retry, and `caseId` is what the first one made. */
export async function claimKey(
  db: Db,
  principal: Principal,
  key: string,
  operation: string,
  body: unknown,
  caseId: string,
): Promise<{ caseId: string; fresh: boolean }> {
  const claim = await claimIdempotencyKey(db, {
    scope: principal.keyId,
    key,
    requestHash: requestHash({ operation, body }),
    caseId,
  });
  if (!claim.sameRequest) {
    throw problem.unprocessable(
      `Idempotency-Key '${key}' was already used with a different request; use a new key for a new request`,
    );
  }
  return { caseId: claim.caseId, fresh: claim.fresh };
}
