/**
 * Idempotency keys: a key, within its scope (the API key's id), maps to one request (by hash) and
 * the case or incident it made. The first claim wins; a retry finds what the first one stored.
 */
import type { Db } from './database.js';

export interface IdempotencyClaim {
  scope: string;
  key: string;
  requestHash: string;
  /** The id the request would make if the key is new. */
  caseId: string;
}

/**
 * Claims the key for this request. `fresh`: the key was new and now maps to `claim.caseId`;
 * otherwise `caseId` is what it mapped to, and `sameRequest` whether the stored hash matches.
 */
export async function claimIdempotencyKey(
  db: Db,
  claim: IdempotencyClaim,
): Promise<{ caseId: string; fresh: boolean; sameRequest: boolean }> {
  const inserted = await db
    .insertInto('idempotency_keys')
    .values({ scope: claim.scope, key: claim.key, request_hash: claim.requestHash, case_id: claim.caseId })
    .onConflict((oc) => oc.columns(['scope', 'key']).doNothing())
    .returning('case_id')
    .executeTakeFirst();
  if (inserted) return { caseId: claim.caseId, fresh: true, sameRequest: true };
  const existing = await db
    .selectFrom('idempotency_keys')
    .select(['request_hash', 'case_id'])
    .where('scope', '=', claim.scope)
    .where('key', '=', claim.key)
    .executeTakeFirstOrThrow();
  return {
    caseId: existing.case_id!,
    fresh: false,
    sameRequest: existing.request_hash === claim.requestHash,
  };
}
