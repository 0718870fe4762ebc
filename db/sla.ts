/** SLA rules, policies and business calendars: stored whole (a JSON definition) by name. */
import type { BusinessCalendar } from '../domain/calendar/index.js';
import type { SlaPolicy } from '../domain/case/types.js';
import type { Db } from './database.js';

export interface SlaRule {
  /** Every given field must equal the case's fact of that name. */
  match: Record<string, string>;
  policy: string;
}

export interface SlaCatalogSnapshot {
  /** In order: the first rule that matches picks the policy. */
  rules: SlaRule[];
  policies: Map<string, SlaPolicy>;
  calendars: Map<string, BusinessCalendar>;
}

/** Rules, policies and calendars as one snapshot (three reads in parallel). */
export async function loadSlaCatalog(db: Db): Promise<SlaCatalogSnapshot> {
  const [rules, policies, calendars] = await Promise.all([
    db.selectFrom('sla_rules').select(['match', 'policy']).orderBy('position').execute(),
    db.selectFrom('sla_policies').select(['name', 'definition']).execute(),
    db.selectFrom('business_calendars').select(['name', 'definition']).execute(),
  ]);
  return {
    rules,
    policies: new Map(
      policies.map((r) => [r.name, { ...(r.definition as unknown as SlaPolicy), name: r.name }]),
    ),
    calendars: new Map(
      calendars.map((r) => [r.name, { ...(r.definition as unknown as BusinessCalendar), name: r.name }]),
    ),
  };
}

/** The name of the policy the first matching rule picks, if any. */
export function matchRule(rules: SlaRule[], facts: Record<string, string>): string | undefined {
  return rules.find((r) => Object.entries(r.match).every(([k, v]) => facts[k] === v))?.policy;
}

type DefinitionTable = 'sla_policies' | 'business_calendars';

/** Every stored policy or calendar, by name. */
export function listDefinitions(db: Db, table: DefinitionTable) {
  return db.selectFrom(table).selectAll().orderBy('name').execute();
}

export async function definitionExists(db: Db, table: DefinitionTable, name: string): Promise<boolean> {
  const row = await db.selectFrom(table).select('name').where('name', '=', name).executeTakeFirst();
  return row !== undefined;
}

/** A PUT replaces the definition. */
export async function putDefinition(db: Db, table: DefinitionTable, name: string, definition: object) {
  const row = { definition: JSON.stringify(definition), updated_at: new Date() };
  await db
    .insertInto(table)
    .values({ name, ...row })
    .onConflict((oc) => oc.column('name').doUpdateSet(row))
    .execute();
}
