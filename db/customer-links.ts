/** Revocation of customers' signed case links (the links themselves: platform/customer-links.ts). */
import type { CustomerLinks, LinkCheck } from '../platform/customer-links.js';
import type { Db } from './database.js';

/** verify, then the case's revocation: a link issued at or before it no longer opens the page. */
export async function checkLink(
  db: Db,
  links: CustomerLinks,
  token: string,
  now = Date.now(),
): Promise<LinkCheck> {
  const v = links.verify(token, now);
  if (!v.ok) return v;
  const r = await db
    .selectFrom('customer_link_revocations')
    .select('revoked_before')
    .where('case_id', '=', v.caseId)
    .executeTakeFirst();
  if (r && v.issuedAt <= new Date(r.revoked_before).getTime()) return { ok: false, reason: 'revoked' };
  return v;
}

/** Revokes every link of the case issued until now. */
export async function revokeLinks(db: Db, caseId: string, now = new Date()): Promise<void> {
  await db
    .insertInto('customer_link_revocations')
    .values({ case_id: caseId, revoked_before: now })
    .onConflict((oc) => oc.column('case_id').doUpdateSet({ revoked_before: now }))
    .execute();
}
