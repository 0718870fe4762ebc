/**
 * What the incident workflow's activities write: the incident's row and its public events in the
 * outbox (queued to subscriptions by db/webhooks.ts), the links between incidents and cases, and
 * how far each linked case has been told the incident's messages.
 */
import { sql, type Insertable, type Kysely } from 'kysely';
import type { Db } from './database.js';
import type { IncidentsTable } from './incident-schema.js';
import type { Database } from './schema.js';

export type IncidentRow = Insertable<IncidentsTable> & { id: string; seq: number };

/** The incident's row; a projection older than the stored one changes nothing. */
export async function upsertIncident(db: Kysely<Database>, row: IncidentRow): Promise<void> {
  const { id: _id, ...rest } = row;
  await db
    .insertInto('incidents')
    .values(row)
    .onConflict((oc) => oc.column('id').doUpdateSet(rest).where('incidents.seq', '<=', row.seq))
    .execute();
}

/** The incident's public events into the outbox, keyed by `incident:<id>` as their "case". */
export async function insertIncidentOutbox(
  db: Kysely<Database>,
  incidentId: string,
  events: { event_id: string; seq: number; type: string; payload: unknown }[],
): Promise<void> {
  if (events.length === 0) return;
  await db
    .insertInto('outbox')
    .values(
      events.map((e) => ({
        event_id: e.event_id,
        case_id: `incident:${incidentId}`,
        seq: e.seq,
        type: e.type,
        payload: JSON.stringify(e.payload),
      })),
    )
    .onConflict((oc) => oc.column('event_id').doNothing())
    .execute();
}

/** Which of these case ids exist. */
export async function existingCaseIds(db: Db, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom('cases').select('id').where('id', 'in', ids).execute();
  return new Set(rows.map((r) => r.id));
}

/** Links a case (again): a re-link keeps how far the case was told and when it was first linked. */
export async function linkCase(
  db: Db,
  l: { incidentId: string; caseId: string; actor: string; toldUpTo: number },
): Promise<void> {
  await db
    .insertInto('incident_cases')
    .values({
      incident_id: l.incidentId,
      case_id: l.caseId,
      linked_at: new Date(),
      linked_by: l.actor,
      last_message_seq: l.toldUpTo,
    })
    .onConflict((oc) =>
      oc.columns(['incident_id', 'case_id']).doUpdateSet({
        unlinked_at: null,
        linked_by: l.actor,
        last_message_seq: sql`greatest(incident_cases.last_message_seq, ${l.toldUpTo})`,
        linked_at: sql`CASE WHEN incident_cases.unlinked_at IS NULL THEN incident_cases.linked_at ELSE now() END`,
      }),
    )
    .execute();
}

export async function isLinked(db: Db, incidentId: string, caseId: string): Promise<boolean> {
  const row = await db
    .selectFrom('incident_cases')
    .select('case_id')
    .where('incident_id', '=', incidentId)
    .where('case_id', '=', caseId)
    .where('unlinked_at', 'is', null)
    .executeTakeFirst();
  return !!row;
}

/** A page of linked cases not yet told message `seq`, after `cursor` in case id order. */
export async function casesBehindMessage(
  db: Db,
  incidentId: string,
  seq: number,
  cursor: string,
  limit: number,
): Promise<string[]> {
  const rows = await db
    .selectFrom('incident_cases')
    .select('case_id')
    .where('incident_id', '=', incidentId)
    .where('unlinked_at', 'is', null)
    .where('last_message_seq', '<', seq)
    .where('case_id', '>', cursor)
    .orderBy('case_id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.case_id);
}

/** The case has been told message `seq` (and, with `unlink`, is no longer linked). */
export async function markTold(
  db: Db,
  incidentId: string,
  caseId: string,
  seq: number,
  unlink: boolean,
): Promise<void> {
  await db
    .updateTable('incident_cases')
    .set({
      last_message_seq: sql`greatest(last_message_seq, ${seq})`,
      ...(unlink ? { unlinked_at: new Date() } : {}),
    })
    .where('incident_id', '=', incidentId)
    .where('case_id', '=', caseId)
    .execute();
}
