/** Teams, agents and API keys: the records the admin API and the CLI both manage. */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { PERSON_NAME, ROLES, type Role } from '../domain/people.js';
import { generateApiKey, hashKey } from '../platform/keys.js';
import type { Db } from './database.js';

export interface Team {
  name: string;
  caseTypes: string[];
  minLevel: number;
  maxLevel: number;
  /** The team's lead (an agent id): told of the breaches and escalations of the team's cases. */
  lead: string | null;
}

export interface Agent {
  id: string;
  name: string;
  team: string;
  active: boolean;
  /** Where copies of the agent's notifications go, or null for none. */
  email: string | null;
}

export async function listTeams(db: Db): Promise<Team[]> {
  const rows = await db.selectFrom('teams').selectAll().orderBy('name').execute();
  return rows.map((r) => ({
    name: r.name,
    caseTypes: r.case_types,
    minLevel: r.min_level,
    maxLevel: r.max_level,
    lead: r.lead,
  }));
}

export async function putTeam(db: Db, t: Team): Promise<Team> {
  if (t.lead !== null && !(await findAgent(db, t.lead)))
    throw new UnknownAgent(t.lead, `no agent '${t.lead}' in the directory to lead the team`);
  const row = {
    case_types: JSON.stringify(t.caseTypes),
    min_level: t.minLevel,
    max_level: t.maxLevel,
    lead: t.lead,
  };
  await db
    .insertInto('teams')
    .values({ name: t.name, ...row })
    .onConflict((oc) => oc.column('name').doUpdateSet(row))
    .execute();
  return t;
}

export async function listAgents(db: Db, team?: string): Promise<Agent[]> {
  let q = db.selectFrom('agents').selectAll().orderBy('id');
  if (team) q = q.where('team', '=', team);
  return q.execute();
}

export function findAgent(db: Db, id: string): Promise<Agent | undefined> {
  return db.selectFrom('agents').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function putAgent(db: Db, a: Agent): Promise<Agent> {
  const team = await db.selectFrom('teams').select('name').where('name', '=', a.team).executeTakeFirst();
  if (!team) throw new UnknownTeam(a.team);
  await db
    .insertInto('agents')
    .values(a)
    .onConflict((oc) =>
      oc.column('id').doUpdateSet({ name: a.name, team: a.team, active: a.active, email: a.email }),
    )
    .execute();
  return a;
}

/** Active agents with their count of open cases, fewest first (ties by id). */
function byWorkload(db: Db) {
  return (
    db
      .selectFrom('agents')
      .innerJoin('teams', 'teams.name', 'agents.team')
      .leftJoin('cases', (j) =>
        j
          .onRef('cases.assignee', '=', 'agents.id')
          .on('cases.status', 'not in', ['closed', 'rejected', 'withdrawn']),
      )
      // count(assignee), not count(id): the partial index cases_open_by_assignee answers it alone.
      .select(['agents.id', 'agents.team', (eb) => eb.fn.count<number>('cases.assignee').as('open_cases')])
      .where('agents.active', '=', true)
      .groupBy('agents.id')
      .orderBy('open_cases', 'asc')
      .orderBy('agents.id', 'asc')
      .limit(1)
  );
}

/**
 * First-contact assignment: the active agent with the fewest open cases in a team that takes this
 * kind of case at this level (ties by id), with that team; null when no team does.
 */
export async function leastLoadedAgent(
  db: Db,
  c: { type: string; level: number },
): Promise<{ agent: string; team: string } | null> {
  const row = await byWorkload(db)
    .where(sql<boolean>`teams.case_types ? ${c.type}`)
    .where('teams.min_level', '<=', c.level)
    .where('teams.max_level', '>=', c.level)
    .executeTakeFirst();
  return row ? { agent: row.id, team: row.team } : null;
}

/** The active agent of this team with the fewest open cases, or null when it has none. */
export async function leastLoadedMember(db: Db, team: string): Promise<string | null> {
  const row = await byWorkload(db).where('agents.team', '=', team).executeTakeFirst();
  return row?.id ?? null;
}

export async function teamExists(db: Db, name: string): Promise<boolean> {
  return (
    (await db.selectFrom('teams').select('name').where('name', '=', name).executeTakeFirst()) !== undefined
  );
}

/** The team of an agent of the directory (inactive ones too: their cases still name them). */
export async function teamOfAgent(db: Db, id: string): Promise<string | null> {
  const row = await db.selectFrom('agents').select('team').where('id', '=', id).executeTakeFirst();
  return row?.team ?? null;
}

export class UnknownTeam extends Error {
  constructor(readonly team: string) {
    super(`no team named '${team}'`);
  }
}

export class UnknownAgent extends Error {
  constructor(
    readonly agent: string,
    detail = `no active agent '${agent}' in the directory`,
  ) {
    super(detail);
  }
}

/** An active agent with this id, or UnknownAgent: assignees and agent keys name real people. */
export async function isActiveAgent(db: Db, id: string): Promise<boolean> {
  const row = await db
    .selectFrom('agents')
    .select('id')
    .where('id', '=', id)
    .where('active', '=', true)
    .executeTakeFirst();
  return row !== undefined;
}

export async function requireActiveAgent(db: Db, id: string): Promise<void> {
  if (!(await isActiveAgent(db, id))) throw new UnknownAgent(id);
}

export interface ApiKeyRecord {
  id: string;
  /** The person or system holding the key; for an agent key, its agent id. */
  name: string;
  role: Role;
  scoped: boolean;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface NewApiKey {
  role: Role;
  name: string;
  expiresAt?: Date;
  /** Integrator keys only; new integrator keys are scoped unless told otherwise. */
  scoped?: boolean;
}

/** Creates a key; the clear key is returned once and only its hash is stored. */
export async function createApiKey(db: Db, k: NewApiKey): Promise<{ key: string; record: ApiKeyRecord }> {
  if (!ROLES.includes(k.role)) throw new Error(`role must be one of ${ROLES.join(', ')}`);
  if (!PERSON_NAME.test(k.name)) throw new Error(`name must be letters, digits, . _ @ - (max 100)`);
  // An agent key is the agent's own: it acts as that agent of the directory.
  if (k.role === 'agent') await requireActiveAgent(db, k.name);
  const key = generateApiKey();
  const id = `key_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const row = await db
    .insertInto('api_keys')
    .values({
      id,
      name: k.name,
      role: k.role,
      key_hash: hashKey(key),
      expires_at: k.expiresAt ?? null,
      scoped: k.role === 'integrator' && k.scoped !== false,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { key, record: toRecord(row) };
}

export async function listApiKeys(db: Db): Promise<ApiKeyRecord[]> {
  const rows = await db.selectFrom('api_keys').selectAll().orderBy('created_at').execute();
  return rows.map(toRecord);
}

/** Revokes a key and ends its codec and console sessions on every API instance at once. */
export async function revokeApiKey(db: Db, id: string): Promise<boolean> {
  return db.transaction().execute(async (tx) => {
    const r = await tx
      .updateTable('api_keys')
      .set({ revoked_at: new Date() })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    await tx.deleteFrom('codec_sessions').where('key_id', '=', id).execute();
    await tx.deleteFrom('console_sessions').where('key_id', '=', id).execute();
    return Number(r.numUpdatedRows) > 0;
  });
}

const isoOrNull = (t: Date | string | null) => (t ? new Date(t).toISOString() : null);

function toRecord(r: {
  id: string;
  name: string;
  role: string;
  scoped: boolean;
  created_at: Date;
  expires_at: Date | string | null;
  last_used_at: Date | string | null;
  revoked_at: Date | string | null;
}): ApiKeyRecord {
  return {
    id: r.id,
    name: r.name,
    role: r.role as Role,
    scoped: r.scoped,
    createdAt: new Date(r.created_at).toISOString(),
    expiresAt: isoOrNull(r.expires_at),
    lastUsedAt: isoOrNull(r.last_used_at),
    revokedAt: isoOrNull(r.revoked_at),
  };
}
