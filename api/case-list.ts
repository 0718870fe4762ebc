/**
 * The case list: the query's filters and cursor as the API takes them, the rows from
 * db/case-list.ts, and the next page's cursor.
 */
import { listCases as queryCases } from '../db/case-list.js';
import type { Db } from '../db/database.js';
import { actorOf } from '../domain/people.js';
import { type Principal } from './auth.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { scopeOf } from './scope.js';
import type { ListQuery } from './routes/case-schemas.js';
import type { z } from './zod.js';

type Query = z.infer<typeof ListQuery>;

/** Cases with no deadline ahead sort last; a cursor after one of them says so. */
const NO_DEADLINE = 'none';

export async function listCases(db: Db, q: Query, principal: Principal) {
  const sort = q.sort ?? (q.updatedSince ? 'updatedAt' : 'createdAt');
  const byPriority = sort === 'priority';
  const byDeadline = sort === 'nextDeadline' || byPriority;
  // `c` is the last row's sort key: created_at, updated_at, or its deadline ('none' for none); `p`
  // its priority rank (0 urgent … 3 low) when sorted by priority.
  const c =
    q.cursor === undefined
      ? undefined
      : decodeCursor(
          q.cursor,
          byPriority ? ['c', 'i', 'p'] : ['c', 'i'],
          (c) =>
            (!Number.isNaN(Date.parse(c.c)) || (byDeadline && c.c === NO_DEADLINE)) &&
            (!byPriority || /^[0-3]$/.test((c as Record<string, string>).p ?? '')),
        );
  const bool = (v: 'true' | 'false' | undefined) => (v === undefined ? undefined : v === 'true');
  const page = await queryCases(db, {
    scope: scopeOf(principal),
    status: q.status,
    type: q.type,
    priority: q.priority,
    level: q.level,
    customerId: q.customerId,
    assignee: q.assignee,
    unassigned: bool(q.unassigned),
    assigneeIn: q.mine === 'true' ? [principal.name, actorOf(principal)] : undefined,
    team: q.team,
    breached: bool(q.breached),
    externalRef: q.externalRef,
    updatedSince: q.updatedSince ? new Date(q.updatedSince) : undefined,
    words: q.q?.split(/\s+/).filter(Boolean),
    sort,
    after: c && {
      key: c.c === NO_DEADLINE ? null : new Date(c.c),
      id: c.i,
      ...(byPriority ? { rank: Number((c as Record<string, string>).p) } : {}),
    },
    limit: q.limit,
  });
  const next = page.next;
  const nextCursor = next
    ? encodeCursor({
        c: next.key === null ? NO_DEADLINE : next.key.toISOString(),
        i: next.id,
        ...(next.rank === undefined ? {} : { p: String(next.rank) }),
      })
    : null;
  return { items: page.items, nextCursor };
}
