/**
 * Staff notifications (`notifications`): who the directory says an audience is, the rows the
 * projection writes (once per case event and person), and the reads of a person's own.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Audience } from '../domain/notifications/staff-notices.js';
import { FREE_TEXT_KEYS } from '../domain/case/commands.js';
import type { Database } from './schema.js';

/** What an audience is resolved against: the case as it is after the step. */
export interface CaseFacts {
  /** The team responsible now (the view's `team`), when the case names one. */
  team: string | null;
  assignee: string | null;
  owner: string | null;
}

/**
 * The people of one audience. A case without a team of its own is its assignee's team's; a lead or
 * member is an agent of the directory (members: active agents); supervisors are the names of live
 * supervisor keys and console sessions, plus `envSupervisors` (CASE_API_KEYS, which the database
 * does not hold).
 */
export async function peopleOf(
  db: Kysely<Database>,
  a: Audience,
  c: CaseFacts,
  envSupervisors: readonly string[],
): Promise<string[]> {
  switch (a.who) {
    case 'assignee':
      return c.assignee ? [c.assignee] : [];
    case 'owner':
      return c.owner ? [c.owner] : [];
    case 'person':
      return [a.name];
    case 'supervisors':
      return [...new Set([...envSupervisors, ...(await supervisorNames(db))])];
    case 'lead':
    case 'members': {
      const team = 'name' in a.team ? a.team.name : await caseTeam(db, c);
      if (!team) return [];
      if (a.who === 'lead') {
        const row = await db.selectFrom('teams').select('lead').where('name', '=', team).executeTakeFirst();
        return row?.lead ? [row.lead] : [];
      }
      const rows = await db
        .selectFrom('agents')
        .select('id')
        .where('team', '=', team)
        .where('active', '=', true)
        .execute();
      return rows.map((r) => r.id);
    }
  }
}

async function caseTeam(db: Kysely<Database>, c: CaseFacts): Promise<string | null> {
  if (c.team) return c.team;
  if (!c.assignee) return null;
  const row = await db.selectFrom('agents').select('team').where('id', '=', c.assignee).executeTakeFirst();
  return row?.team ?? null;
}

/** Holders of a live supervisor key or console session. */
async function supervisorNames(db: Kysely<Database>): Promise<string[]> {
  const rows = await db
    .selectFrom('api_keys')
    .select('name')
    .where('role', '=', 'supervisor')
    .where('revoked_at', 'is', null)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', sql<Date>`now()`)]))
    .union((eb) =>
      eb
        .selectFrom('console_sessions')
        .select('name')
        .where('role', '=', 'supervisor')
        .where('expires_at', '>', sql<Date>`now()`),
    )
    .execute();
  return rows.map((r) => r.name);
}

export interface NewNotification {
  person: string;
  case_id: string;
  seq: number;
  event_type: string;
  data: Record<string, unknown>;
}

/**
 * Writes notifications; one already there for the same event and person (a retried projection)
 * is kept as it is. Returns the rows this call inserted.
 */
export async function insertNotifications(
  trx: Transaction<Database>,
  rows: NewNotification[],
): Promise<{ id: number; person: string; seq: number }[]> {
  if (rows.length === 0) return [];
  return trx
    .insertInto('notifications')
    .values(rows.map((r) => ({ ...r, data: JSON.stringify(r.data) })))
    .onConflict((oc) => oc.columns(['case_id', 'seq', 'person']).doNothing())
    .returning(['id', 'person', 'seq'])
    .execute();
}

/** Who has been told of these events of a case, by event. */
export async function toldOfEvents(
  db: Kysely<Database>,
  caseId: string,
  seqs: number[],
): Promise<Map<number, string[]>> {
  const told = new Map<number, string[]>();
  if (seqs.length === 0) return told;
  const rows = await db
    .selectFrom('notifications')
    .select(['seq', 'person'])
    .where('case_id', '=', caseId)
    .where('seq', 'in', seqs)
    .orderBy('person')
    .execute();
  for (const r of rows) told.set(r.seq, [...(told.get(r.seq) ?? []), r.person]);
  return told;
}

/** The e-mail addresses of those of these people who are agents with one. */
export async function staffAddresses(db: Kysely<Database>, people: string[]): Promise<Map<string, string>> {
  if (people.length === 0) return new Map();
  const rows = await db
    .selectFrom('agents')
    .select(['id', 'email'])
    .where('id', 'in', people)
    .where('email', 'is not', null)
    .execute();
  return new Map(rows.map((r) => [r.id, r.email!]));
}

export interface NotificationRow {
  id: number;
  case_id: string;
  seq: number;
  event_type: string;
  data: Record<string, unknown>;
  created_at: Date;
  read_at: Date | null;
}

/** A person's notifications, newest first, after the cursor's id (keyset on the id). */
export async function listNotifications(
  db: Kysely<Database>,
  person: string,
  o: { unread: boolean; before?: number; limit: number },
): Promise<NotificationRow[]> {
  let q = db
    .selectFrom('notifications')
    .select(['id', 'case_id', 'seq', 'event_type', 'data', 'created_at', 'read_at'])
    .where('person', '=', person);
  if (o.unread) q = q.where('read_at', 'is', null);
  if (o.before !== undefined) q = q.where('id', '<', o.before);
  return q.orderBy('id', 'desc').limit(o.limit).execute();
}

export async function unreadCount(db: Kysely<Database>, person: string): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('person', '=', person)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Marks a person's own notification read (the first time only); undefined when it is not theirs. */
export async function markRead(
  db: Kysely<Database>,
  person: string,
  id: number,
): Promise<NotificationRow | undefined> {
  await db
    .updateTable('notifications')
    .set({ read_at: sql<Date>`now()` })
    .where('id', '=', id)
    .where('person', '=', person)
    .where('read_at', 'is', null)
    .execute();
  return db
    .selectFrom('notifications')
    .select(['id', 'case_id', 'seq', 'event_type', 'data', 'created_at', 'read_at'])
    .where('id', '=', id)
    .where('person', '=', person)
    .executeTakeFirst();
}

/** Erasure: free text in the notifications of these cases goes as it goes from their events. */
export async function scrubNotifications(
  trx: Transaction<Database>,
  caseIds: string[],
  erased: string,
): Promise<void> {
  if (caseIds.length === 0) return;
  const keys = sql`${`{${FREE_TEXT_KEYS.join(',')}}`}::text[]`;
  await sql`UPDATE notifications SET data = scrub_free_text(data, ${keys}, ${erased})
            WHERE case_id IN (${sql.join(caseIds)})`.execute(trx);
}
