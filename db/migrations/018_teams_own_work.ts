import { sql, type Kysely } from 'kysely';
import { DEFAULT_DEPARTMENTS, DEFAULT_ESCALATION_RULES } from '../defaults.js';

/**
 * Teams own work:
 * - the case's responsible team, a column generated from the view (as external_ref is), so the
 *   projection writes nothing new; the team queue lists by it (db/case-list.ts);
 * - the escalation rules: which team takes a raised level, per case type or for any ('*'), and
 *   whom to tell (a manager at level 3, other people); admin-editable, seeded from the manuals;
 * - the quality department, which takes transferred complaints for their findings.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE cases ADD COLUMN team text GENERATED ALWAYS AS (view->>'team') STORED`.execute(db);
  await sql`CREATE INDEX cases_by_team ON cases (team, created_at DESC, id DESC) WHERE team IS NOT NULL`.execute(
    db,
  );
  for (const t of DEFAULT_DEPARTMENTS) {
    await db
      .insertInto('teams')
      .values({ ...t, case_types: JSON.stringify(t.case_types) })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute();
  }
  await db.schema
    .createTable('escalation_rules')
    .addColumn('level', 'integer', (c) => c.notNull().check(sql`level between 2 and 3`))
    .addColumn('case_type', 'text', (c) => c.notNull().defaultTo('*'))
    .addColumn('team', 'text', (c) => c.notNull().references('teams.name').onUpdate('cascade'))
    .addColumn('manager', 'text')
    .addColumn('notify', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('escalation_rules_pkey', ['level', 'case_type'])
    .execute();
  // A team the seeds name may have been removed or renamed by hand: only rules for existing teams.
  const teams = new Set(
    (await db.selectFrom('teams').select('name').execute()).map((r: { name: string }) => r.name),
  );
  const rules = DEFAULT_ESCALATION_RULES.filter((r) => teams.has(r.team));
  if (rules.length > 0) {
    await db
      .insertInto('escalation_rules')
      .values(
        rules.map((r) => ({
          level: r.level,
          case_type: r.caseType ?? '*',
          team: r.team,
          manager: r.manager,
          notify: JSON.stringify(r.notify),
        })),
      )
      .onConflict((oc) => oc.columns(['level', 'case_type']).doNothing())
      .execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('escalation_rules').ifExists().execute();
  await sql`DROP INDEX IF EXISTS cases_by_team`.execute(db);
  await sql`ALTER TABLE cases DROP COLUMN IF EXISTS team`.execute(db);
}
