/**
 * db/escalation-rules.ts against a real PostgreSQL, on a database of its own (the rules and teams
 * it changes would move other files' cases): the seeded rules, a rule by type before the rule for
 * any type, the level band when no rule applies, and a case staying with a team that holds it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, migrate, type Db } from '../../db/database.js';
import { DEFAULT_ESCALATION_RULES } from '../../db/defaults.js';
import { leastLoadedMember, putTeam } from '../../db/directory.js';
import { escalationRoute, listEscalationRules, putEscalationRule } from '../../db/escalation-rules.js';
import { ownDatabase } from '../support/stack.js';

let db: Db;
beforeAll(async () => {
  db = createDb(await ownDatabase(), 2);
  await migrate(db);
});
afterAll(() => db?.destroy());

describe('escalation rules', () => {
  it('are seeded from the three-level response', async () => {
    const rules = await listEscalationRules(db);
    expect(rules).toHaveLength(DEFAULT_ESCALATION_RULES.length);
    expect(rules).toContainEqual({
      level: 3,
      caseType: null,
      team: 'experts',
      manager: 'service-manager',
      notify: [],
    });
  });

  it('route a type by its own rule, then by the rule for any type, naming whom to tell', async () => {
    expect(await escalationRoute(db, { type: 'fault_report', level: 2, team: 'front-line' })).toEqual({
      team: 'technical-specialists',
      manager: null,
      notify: [],
    });
    expect(
      await escalationRoute(db, { type: 'fault_report', level: 3, team: 'technical-specialists' }),
    ).toEqual({ team: 'experts', manager: 'service-manager', notify: [] });
    await putEscalationRule(db, {
      level: 3,
      caseType: 'fault_report',
      team: 'technical-specialists',
      manager: 'plant.manager',
      notify: ['qa.lead'],
    });
    // the rule's team has the case already: it stays
    expect(
      await escalationRoute(db, { type: 'fault_report', level: 3, team: 'technical-specialists' }),
    ).toBeNull();
    expect(await escalationRoute(db, { type: 'fault_report', level: 3, team: null })).toEqual({
      team: 'technical-specialists',
      manager: 'plant.manager',
      notify: ['qa.lead'],
    });
  });

  it('without a rule, take a team whose band holds the level, keeping the current one if it does', async () => {
    await db.deleteFrom('escalation_rules').where('case_type', '=', 'complaint').execute();
    // complaints-desk (levels 1–3) holds level 2 of a complaint: a case there stays
    expect(await escalationRoute(db, { type: 'complaint', level: 2, team: 'complaints-desk' })).toBeNull();
    expect(await escalationRoute(db, { type: 'complaint', level: 2, team: 'front-line' })).toEqual({
      team: 'complaints-desk',
      manager: null,
      notify: [],
    });
    await putTeam(db, { name: 'nobody-takes', caseTypes: ['inquiry'], minLevel: 1, maxLevel: 1, lead: null });
    // no rule and no team for level-3 inquiries any more: the case stays where it is
    await db.deleteFrom('escalation_rules').where('level', '=', 3).execute();
    await putTeam(db, { name: 'experts', caseTypes: ['fault_report'], minLevel: 3, maxLevel: 3, lead: null });
    await putTeam(db, {
      name: 'product-specialists',
      caseTypes: ['service_request'],
      minLevel: 2,
      maxLevel: 3,
      lead: null,
    });
    expect(await escalationRoute(db, { type: 'inquiry', level: 3, team: 'front-line' })).toBeNull();
  });

  it("a team's least-loaded active agent takes the case, none when it has none", async () => {
    expect(await leastLoadedMember(db, 'complaints-desk')).toBeNull();
    for (const [id, active] of [
      ['desk.b', true],
      ['desk.a', false],
      ['desk.c', true],
    ] as const)
      await db.insertInto('agents').values({ id, name: id, team: 'complaints-desk', active }).execute();
    expect(await leastLoadedMember(db, 'complaints-desk')).toBe('desk.b');
  });
});
