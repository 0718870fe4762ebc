import type { Kysely } from 'kysely';
import { DEFAULT_CALENDARS, DEFAULT_POLICIES, DEFAULT_RULES, DEFAULT_TEAMS } from '../defaults.js';

export async function up(db: Kysely<any>): Promise<void> {
  for (const cal of DEFAULT_CALENDARS) {
    await db
      .insertInto('business_calendars')
      .values({ name: cal.name, definition: JSON.stringify(cal) })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute();
  }
  for (const p of DEFAULT_POLICIES) {
    await db
      .insertInto('sla_policies')
      .values({ name: p.name, definition: JSON.stringify(p) })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute();
  }
  await db
    .insertInto('sla_rules')
    .values(
      DEFAULT_RULES.map((r, i) => ({
        position: (i + 1) * 10,
        match: JSON.stringify(r.match),
        policy: r.policy,
      })),
    )
    .onConflict((oc) => oc.column('position').doNothing())
    .execute();
  for (const t of DEFAULT_TEAMS) {
    await db
      .insertInto('teams')
      .values({ ...t, case_types: JSON.stringify(t.case_types) })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute();
  }
}

export async function down(): Promise<void> {}
