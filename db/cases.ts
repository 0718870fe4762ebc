/** A case's rows in the read model: its view and its events. */
import type { CaseView } from '../domain/case/types.js';
import type { Db } from './database.js';
import { caseOpenedBy } from './scope.js';

/** The case's view, if it exists and (with `scope`) that integration opened it. */
export async function findCaseView(db: Db, caseId: string, scope?: string): Promise<CaseView | undefined> {
  const row = await db
    .selectFrom('cases')
    .select('view')
    .where('id', '=', caseId)
    .$if(scope !== undefined, (q) => q.where(caseOpenedBy(scope!)))
    .executeTakeFirst();
  return row?.view;
}

/** Every event of the case, in order. */
export function caseEvents(db: Db, caseId: string) {
  return db
    .selectFrom('case_events')
    .select(['seq', 'at', 'type', 'actor', 'data'])
    .where('case_id', '=', caseId)
    .orderBy('seq')
    .execute();
}

/** Which of these case ids exist. */
export async function knownCaseIds(db: Db, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom('cases').select('id').where('id', 'in', ids).execute();
  return new Set(rows.map((r) => r.id));
}
