/**
 * The case list's query: filters, text search and the two orders (newest first, soonest deadline
 * first), each with keyset paging over an index (migrations 001 and 011).
 */
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Db } from '../db/database.js';
import type { Principal } from './auth.js';
import { actorOf } from './case-service.js';
import { problem } from './problem.js';
import type { ListQuery } from './schemas.js';
import type { z } from './zod.js';

type Query = z.infer<typeof ListQuery>;

/** What `q` searches: subject, description and customer name, lower-cased (a column of migration 011). */
export const SEARCH_TEXT = sql<string>`search_text`;
/** Cases with no deadline ahead sort last. */
export const DEADLINE_KEY = sql<Date>`coalesce(next_deadline, 'infinity'::timestamptz)`;

interface Cursor {
  /** createdAt order: created_at; nextDeadline order: the deadline, or null for none. */
  c: string | null;
  i: string;
}
const encodeCursor = (c: Cursor) => Buffer.from(JSON.stringify(c)).toString('base64url');
function decodeCursor(raw: string, sort: Query['sort']): Cursor {
  try {
    const c = JSON.parse(Buffer.from(raw, 'base64url').toString()) as Cursor;
    const validTime = typeof c.c === 'string' && !Number.isNaN(Date.parse(c.c));
    if (typeof c.i !== 'string' || !(validTime || (sort === 'nextDeadline' && c.c === null)))
      throw new Error();
    return c;
  } catch {
    throw problem.badRequest('cursor is not one this API gave out', [{ path: 'cursor', message: 'invalid' }]);
  }
}

/** `%` and `_` a user types are literal, not wildcards. */
const containing = (text: string) => `%${text.toLowerCase().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;

export async function listCases(db: Db, q: Query, principal: Principal) {
  let sel = db.selectFrom('cases').select(['id', 'created_at', 'next_deadline', 'view']);
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
  for (const word of q.q?.split(/\s+/).filter(Boolean) ?? []) {
    sel = sel.where(sql<SqlBool>`${SEARCH_TEXT} like ${containing(word)}`);
  }
  const byDeadline = q.sort === 'nextDeadline';
  if (q.cursor) {
    const c = decodeCursor(q.cursor, q.sort);
    const after: Expression<SqlBool> = byDeadline
      ? sql<SqlBool>`(${DEADLINE_KEY}, id) > (${c.c === null ? sql`'infinity'::timestamptz` : new Date(c.c)}, ${c.i})`
      : sql<SqlBool>`(created_at, id) < (${new Date(c.c!)}, ${c.i})`;
    sel = sel.where(after);
  }
  sel = byDeadline
    ? sel.orderBy(DEADLINE_KEY, 'asc').orderBy('id', 'asc')
    : sel.orderBy('created_at', 'desc').orderBy('id', 'desc');
  const rows = await sel.limit(q.limit + 1).execute();
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  let nextCursor: string | null = null;
  if (rows.length > q.limit && last) {
    const key = byDeadline ? last.next_deadline : last.created_at;
    nextCursor = encodeCursor({ c: key === null ? null : new Date(key).toISOString(), i: last.id });
  }
  return { items: page.map((r) => r.view), nextCursor };
}
