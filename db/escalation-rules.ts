/**
 * Escalation rules (migration 018): which team takes a raised level, per case type or for any, and
 * whom to tell. The case workflow asks for the route after each escalation (activities/case.ts).
 */
import { sql } from 'kysely';
import type { Db } from './database.js';
import { UnknownTeam } from './directory.js';

/** `caseType` null: the rule for any type without a rule of its own. */
export interface EscalationRule {
  level: number;
  caseType: string | null;
  team: string;
  manager: string | null;
  notify: string[];
}

const ANY = '*';

const toRule = (r: {
  level: number;
  case_type: string;
  team: string;
  manager: string | null;
  notify: string[];
}): EscalationRule => ({
  level: r.level,
  caseType: r.case_type === ANY ? null : r.case_type,
  team: r.team,
  manager: r.manager,
  notify: r.notify,
});

export async function listEscalationRules(db: Db): Promise<EscalationRule[]> {
  const rows = await db
    .selectFrom('escalation_rules')
    .select(['level', 'case_type', 'team', 'manager', 'notify'])
    .orderBy('level')
    .orderBy(sql`case_type = ${ANY}`)
    .orderBy('case_type')
    .execute();
  return rows.map(toRule);
}

export async function findEscalationRule(
  db: Db,
  level: number,
  caseType: string | null,
): Promise<EscalationRule | null> {
  const row = await db
    .selectFrom('escalation_rules')
    .select(['level', 'case_type', 'team', 'manager', 'notify'])
    .where('level', '=', level)
    .where('case_type', '=', caseType ?? ANY)
    .executeTakeFirst();
  return row ? toRule(row) : null;
}

/** Creates or replaces the rule of a level (and case type); the team must exist. */
export async function putEscalationRule(db: Db, rule: EscalationRule): Promise<EscalationRule> {
  const team = await db.selectFrom('teams').select('name').where('name', '=', rule.team).executeTakeFirst();
  if (!team) throw new UnknownTeam(rule.team);
  const values = { team: rule.team, manager: rule.manager, notify: JSON.stringify(rule.notify) };
  await db
    .insertInto('escalation_rules')
    .values({ level: rule.level, case_type: rule.caseType ?? ANY, ...values })
    .onConflict((oc) => oc.columns(['level', 'case_type']).doUpdateSet({ ...values, updated_at: new Date() }))
    .execute();
  return rule;
}

export interface TeamRoute {
  team: string;
  manager: string | null;
  notify: string[];
}

/**
 * The team that takes a case of this type at this level: the rule for the type, else the rule for
 * any type, else a team whose level band and case types hold it (the current one first, so a case
 * its team may keep stays). Null when it stays where it is or no team takes it.
 */
export async function escalationRoute(
  db: Db,
  c: { type: string; level: number; team: string | null },
): Promise<TeamRoute | null> {
  const rule = await db
    .selectFrom('escalation_rules')
    .select(['team', 'manager', 'notify'])
    .where('level', '=', c.level)
    .where('case_type', 'in', [c.type, ANY])
    .orderBy(sql`case_type = ${ANY}`)
    .limit(1)
    .executeTakeFirst();
  if (rule) return rule.team === c.team ? null : rule;
  const band = await db
    .selectFrom('teams')
    .select('name')
    .where(sql<boolean>`case_types ? ${c.type}`)
    .where('min_level', '<=', c.level)
    .where('max_level', '>=', c.level)
    .orderBy(sql`name = ${c.team ?? ''}`, 'desc')
    .orderBy('name')
    .limit(1)
    .executeTakeFirst();
  if (!band || band.name === c.team) return null;
  return { team: band.name, manager: null, notify: [] };
}
