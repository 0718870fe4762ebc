/** Incidents in the read model: their views, numbers, and the cases linked to them. */
import { sql } from 'kysely';
import type { IncidentStatus } from '../domain/incident/contract.js';
import type { IncidentView } from '../domain/incident/types.js';
import type { Db } from './database.js';

/** The next incident number (a sequence: numbers are never reused). */
export async function nextIncidentNumber(db: Db): Promise<number> {
  const { rows } = await sql<{ n: number }>`SELECT nextval('incident_number_seq')::int AS n`.execute(db);
  return rows[0]!.n;
}

export async function findIncidentView(db: Db, id: string): Promise<IncidentView | undefined> {
  const row = await db.selectFrom('incidents').select('view').where('id', '=', id).executeTakeFirst();
  return row && withProposal(row.view);
}

/** Views projected before four eyes on incidents have no `proposal`: none was waiting. */
const withProposal = (v: IncidentView): IncidentView => ({ ...v, proposal: v.proposal ?? null });

/** Incidents newest first, optionally of one status. */
export async function listIncidentViews(
  db: Db,
  f: { status?: IncidentStatus | IncidentStatus[]; limit: number },
): Promise<IncidentView[]> {
  const statuses = f.status === undefined ? undefined : ([] as IncidentStatus[]).concat(f.status);
  const rows = await db
    .selectFrom('incidents')
    .select('view')
    .$if(statuses !== undefined, (s) => s.where('status', 'in', statuses!))
    .orderBy('created_at', 'desc')
    .limit(f.limit)
    .execute();
  return rows.map((r) => withProposal(r.view));
}

/** How many cases are linked to the incident now. */
export async function linkedCaseCount(db: Db, incidentId: string): Promise<number> {
  const { n } = await db
    .selectFrom('incident_cases')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('incident_id', '=', incidentId)
    .where('unlinked_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(n);
}

/** The cases linked to the incident now, in the order they were linked. */
export function linkedCases(db: Db, incidentId: string) {
  return db
    .selectFrom('incident_cases as l')
    .innerJoin('cases as c', 'c.id', 'l.case_id')
    .select(['l.case_id', 'c.number', 'c.status', 'l.linked_at', 'l.last_message_seq'])
    .where('l.incident_id', '=', incidentId)
    .where('l.unlinked_at', 'is', null)
    .orderBy('l.linked_at')
    .execute();
}

/** The raw figures of an incident's report: links per hour, linked cases by status, ratings, timeline entries. */
export async function incidentReportRows(db: Db, id: string) {
  const [hours, statuses, ratings, entries] = await Promise.all([
    sql<{ hour: Date; linked: number }>`
      SELECT date_trunc('hour', linked_at) AS hour, count(*)::int AS linked
      FROM incident_cases WHERE incident_id = ${id} GROUP BY 1 ORDER BY 1`.execute(db),
    sql<{ status: string; n: number; current: boolean }>`
      SELECT c.status, (l.unlinked_at IS NULL) AS current, count(*)::int AS n
      FROM incident_cases l JOIN cases c ON c.id = l.case_id WHERE l.incident_id = ${id} GROUP BY 1, 2`.execute(
      db,
    ),
    sql<{ score: number; n: number }>`
      SELECT c.rating_score AS score, count(*)::int AS n FROM incident_cases l JOIN cases c ON c.id = l.case_id
      WHERE l.incident_id = ${id} AND c.rating_score IS NOT NULL GROUP BY 1`.execute(db),
    sql<{ n: number }>`
      SELECT count(*)::int AS n FROM case_events e JOIN incident_cases l ON l.case_id = e.case_id AND l.incident_id = ${id}
      WHERE e.type = 'case.incident_update' AND e.data->>'incidentId' = ${id}`.execute(db),
  ]);
  return {
    hours: hours.rows,
    statuses: statuses.rows,
    ratings: ratings.rows,
    timelineEntries: entries.rows[0]?.n ?? 0,
  };
}
