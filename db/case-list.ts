/**
 * The case list's query: filters, text search and the four orders (newest first, soonest deadline
 * first, least recently updated first, urgent first), each with keyset paging over an index
 * (migrations 001, 011, 016 and 020).
 */
import { sql, type Expression, type SqlBool } from 'kysely';
import type { CaseView } from '../domain/case/types.js';
import type { Db } from './database.js';
import { caseOpenedBy, likeContaining } from './scope.js';

/** What `q` searches: subject, description and customer name, lower-cased (a column of migration 011). */
export const SEARCH_TEXT = sql<string>`search_text`;
export const DEADLINE_KEY = sql<Date>`coalesce(next_deadline, 'infinity'::timestamptz)`;
/** Urgent first: the order of `sort=priority`, indexed with the deadline by migration 020. */
export const PRIORITY_RANK = sql<number>`(CASE priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'normal' THEN 2 ELSE 3 END)`;

export interface CaseListFilter {
  /** A scoped integration's actor: its filters and search run inside its own cases only. */
  scope?: string;
  status?: string[];
  type?: string[];
  priority?: string[];
  level?: number[];
  customerId?: string;
  assignee?: string;
  /** true: nobody assigned; false: someone is. */
  unassigned?: boolean;
  /** Assigned to any of these (the caller by name or as actor). */
  assigneeIn?: string[];
  /** The team is responsible for it (a department it was transferred to), or one of its agents has it. */
  team?: string;
  breached?: boolean;
  /** The integrator's own reference, exactly. */
  externalRef?: string;
  /** Updated at or after this instant (an incremental export). */
  updatedSince?: Date;
  /** Words that must all occur in the search text. */
  words?: string[];
  /** `priority`: urgent first, then soonest deadline (none last) within a priority. */
  sort: 'createdAt' | 'nextDeadline' | 'updatedAt' | 'priority';
  /**
   * The last row of the previous page: its sort key (null: a case without a deadline) and id, and
   * for `priority` its rank (0 urgent … 3 low).
   */
  after?: CaseListKey;
  limit: number;
}

export interface CaseListKey {
  key: Date | null;
  id: string;
  rank?: number;
}

export interface CaseListPage {
  items: CaseView[];
  /** The last row's sort key and id when there are more rows, for the next page's `after`. */
  next: CaseListKey | null;
}

const sortKey = (d: Date | string | null) => (d === null ? null : new Date(d));

export async function listCases(db: Db, f: CaseListFilter): Promise<CaseListPage> {
  let sel = db
    .selectFrom('cases')
    .select(['id', 'created_at', 'updated_at', 'next_deadline', 'view', PRIORITY_RANK.as('rank')]);
  if (f.scope) sel = sel.where(caseOpenedBy(f.scope));
  if (f.status) sel = sel.where('status', 'in', f.status);
  if (f.type) sel = sel.where('type', 'in', f.type);
  if (f.priority) sel = sel.where('priority', 'in', f.priority);
  if (f.level) sel = sel.where('level', 'in', f.level);
  if (f.customerId) sel = sel.where('customer_id', '=', f.customerId);
  if (f.assignee) sel = sel.where('assignee', '=', f.assignee);
  if (f.unassigned !== undefined) sel = sel.where('assignee', f.unassigned ? 'is' : 'is not', null);
  if (f.assigneeIn) sel = sel.where('assignee', 'in', f.assigneeIn);
  if (f.team) {
    const team = f.team;
    sel = sel.where((eb) =>
      eb.or([
        eb('team', '=', team),
        eb('assignee', 'in', eb.selectFrom('agents').select('id').where('team', '=', team)),
      ]),
    );
  }
  if (f.breached !== undefined) sel = sel.where('breached', '=', f.breached);
  if (f.externalRef !== undefined) sel = sel.where('external_ref', '=', f.externalRef);
  if (f.updatedSince) sel = sel.where('updated_at', '>=', f.updatedSince);
  for (const word of f.words ?? []) {
    sel = sel.where(sql<SqlBool>`${SEARCH_TEXT} like ${likeContaining(word.toLowerCase())}`);
  }
  const byPriority = f.sort === 'priority';
  const byDeadline = f.sort === 'nextDeadline' || byPriority;
  // Oldest change first, as an incremental export: a case changed again moves behind the cursor.
  const byUpdate = f.sort === 'updatedAt';
  if (f.after) {
    const key = f.after.key === null ? sql`'infinity'::timestamptz` : f.after.key;
    const after: Expression<SqlBool> = byPriority
      ? sql<SqlBool>`(${PRIORITY_RANK}, ${DEADLINE_KEY}, id) > (${f.after.rank ?? 0}, ${key}, ${f.after.id})`
      : byDeadline
        ? sql<SqlBool>`(${DEADLINE_KEY}, id) > (${key}, ${f.after.id})`
        : byUpdate
          ? sql<SqlBool>`(updated_at, id) > (${key}, ${f.after.id})`
          : sql<SqlBool>`(created_at, id) < (${key}, ${f.after.id})`;
    sel = sel.where(after);
  }
  if (byPriority) sel = sel.orderBy(PRIORITY_RANK, 'asc');
  sel = byDeadline
    ? sel.orderBy(DEADLINE_KEY, 'asc').orderBy('id', 'asc')
    : byUpdate
      ? sel.orderBy('updated_at', 'asc').orderBy('id', 'asc')
      : sel.orderBy('created_at', 'desc').orderBy('id', 'desc');
  const rows = await sel.limit(f.limit + 1).execute();
  const page = rows.slice(0, f.limit);
  const last = page[page.length - 1];
  const next =
    rows.length > f.limit && last
      ? {
          key: sortKey(byDeadline ? last.next_deadline : byUpdate ? last.updated_at : last.created_at),
          id: last.id,
          ...(byPriority ? { rank: Number(last.rank) } : {}),
        }
      : null;
  return { items: page.map((r) => r.view), next };
}
