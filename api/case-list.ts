/**
 * The case list's query: filters, text search and the three orders (newest first, soonest deadline
 * first, least recently updated first), each with keyset paging over an index (migrations 001, 011
 * and 015).
 */
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Db } from '../db/database.js';
import { type Principal } from './auth.js';
import { actorOf } from '../domain/people.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { caseOpenedBy, scopeOf } from './scope.js';
import type { ListQuery } from './schemas.js';
import type { z } from './zod.js';

type Query = z.infer<typeof ListQuery>;

/** What `q` searches: subject, description and customer name, lower-cased (a column of migration 011). */
export const SEARCH_TEXT = sql<string>`search_text`;
/** Cases with no deadline ahead sort last; a cursor after one of them says so. */
const NO_DEADLINE = 'none';
export const DEADLINE_KEY = sql<Date>`coalesce(next_deadline, 'infinity'::timestamptz)`;

/** `%` and `_` a user types are literal, not wildcards. */
const containing = (text: string) => `%${text.toLowerCase().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;

export async function listCases(db: Db, q: Query, principal: Principal) {
  let sel = db.selectFrom('cases').select(['id', 'created_at', 'updated_at', 'next_deadline', 'view']);
  // A scoped integrator's filters and search run inside its own cases only.
  const scope = scopeOf(principal);
  if (scope) sel = sel.where(caseOpenedBy(scope));
  if (q.status) sel = sel.where('status', 'in', q.status);
  if (q.type) sel = sel.where('type', 'in', q.type);
  if (q.priority) sel = sel.where('priority', 'in', q.priority);
  if (q.level) sel = sel.where('level', 'in', q.level);
  if (q.customerId) sel = sel.where('customer_id', '=', q.customerId);
  if (q.assignee) sel = sel.where('assignee', '=', q.assignee);
  if (q.unassigned) sel = sel.where('assignee', q.unassigned === 'true' ? 'is' : 'is not', null);
  if (q.mine === 'true') sel = sel.where('assignee', 'in', [principal.name, actorOf(principal)]);
  if (q.team) {
    const team = q.team;
    sel = sel.where('assignee', 'in', (eb) => eb.selectFrom('agents').select('id').where('team', '=', team));
  }
  if (q.breached) sel = sel.where('breached', '=', q.breached === 'true');
  if (q.externalRef) sel = sel.where('external_ref', '=', q.externalRef);
  if (q.updatedSince) sel = sel.where('updated_at', '>=', new Date(q.updatedSince));
  for (const word of q.q?.split(/\s+/).filter(Boolean) ?? []) {
    sel = sel.where(sql<SqlBool>`${SEARCH_TEXT} like ${containing(word)}`);
  }
  const sort = q.sort ?? (q.updatedSince ? 'updatedAt' : 'createdAt');
  const byDeadline = sort === 'nextDeadline';
  // Oldest change first, as an incremental export: a case changed again moves behind the cursor.
  const byUpdate = sort === 'updatedAt';
  if (q.cursor) {
    // `c` is the last row's sort key: created_at, updated_at, or its deadline ('none' for none).
    const c = decodeCursor(
      q.cursor,
      ['c', 'i'],
      (c) => !Number.isNaN(Date.parse(c.c)) || (byDeadline && c.c === NO_DEADLINE),
    );
    const key = c.c === NO_DEADLINE ? sql`'infinity'::timestamptz` : new Date(c.c);
    const after: Expression<SqlBool> = byDeadline
      ? sql<SqlBool>`(${DEADLINE_KEY}, id) > (${key}, ${c.i})`
      : byUpdate
        ? sql<SqlBool>`(updated_at, id) > (${key}, ${c.i})`
        : sql<SqlBool>`(created_at, id) < (${key}, ${c.i})`;
    sel = sel.where(after);
  }
  sel = byDeadline
    ? sel.orderBy(DEADLINE_KEY, 'asc').orderBy('id', 'asc')
    : byUpdate
      ? sel.orderBy('updated_at', 'asc').orderBy('id', 'asc')
      : sel.orderBy('created_at', 'desc').orderBy('id', 'desc');
  const rows = await sel.limit(q.limit + 1).execute();
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  let nextCursor: string | null = null;
  if (rows.length > q.limit && last) {
    const key = byDeadline ? last.next_deadline : byUpdate ? last.updated_at : last.created_at;
    nextCursor = encodeCursor({ c: key === null ? NO_DEADLINE : new Date(key).toISOString(), i: last.id });
  }
  return { items: page.map((r) => r.view), nextCursor };
}
