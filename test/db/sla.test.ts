/** db/sla.ts against a real PostgreSQL: the seeded catalog, policy matching, and stored definitions. */
import { afterAll, describe, expect, it } from 'vitest';
import { SlaCatalog } from '../../api/sla-catalog.js';
import { DEFAULT_RULES, FALLBACK_POLICY } from '../../db/defaults.js';
import { definitionExists, listDefinitions, loadSlaCatalog, matchRule, putDefinition } from '../../db/sla.js';
import { fresh, testDb } from './rows.js';

const db = testDb();
afterAll(() => db.destroy());

describe('the SLA catalog', () => {
  it('loads the seeded rules in order, every policy they name, and the calendars', async () => {
    const snapshot = await loadSlaCatalog(db);
    expect(snapshot.rules.slice(0, DEFAULT_RULES.length)).toEqual(DEFAULT_RULES);
    for (const r of snapshot.rules) expect(snapshot.policies.get(r.policy)?.name).toBe(r.policy);
    expect(snapshot.policies.get(FALLBACK_POLICY)).toBeDefined();
    for (const [name, c] of snapshot.calendars) expect(c.name).toBe(name);
  });

  it('matches a case to the first rule whose every field agrees, else the fallback', async () => {
    const { rules } = await loadSlaCatalog(db);
    const facts = (type: string, priority = 'normal', tier = 'standard') => ({
      type,
      priority,
      tier,
      channel: 'api',
    });
    expect(matchRule(rules, facts('fault_report', 'urgent'))).toBe('fault-major');
    expect(matchRule(rules, facts('fault_report', 'high'))).toBe('fault-24x7');
    expect(matchRule(rules, facts('technical_support', 'normal', 'premium'))).toBe('premium-support');
    expect(matchRule(rules, facts('technical_support'))).toBeUndefined();
    const catalog = new SlaCatalog(db);
    expect(await catalog.matchPolicy(facts('complaint', 'urgent', 'premium'))).toBe('complaint-3wd');
    expect(await catalog.matchPolicy(facts('technical_support'))).toBe(FALLBACK_POLICY);
    const policy = await catalog.snapshotPolicy('complaint-3wd', false);
    expect(policy.calendar.name).toBe((await loadSlaCatalog(db)).policies.get('complaint-3wd')!.calendar);
  });

  it('stores a definition by name, replaces it on a second put, and lists it', async () => {
    const name = fresh('cal-');
    expect(await definitionExists(db, 'business_calendars', name)).toBe(false);
    await putDefinition(db, 'business_calendars', name, { name, timeZone: 'UTC', v: 1 });
    await putDefinition(db, 'business_calendars', name, { name, timeZone: 'UTC', v: 2 });
    expect(await definitionExists(db, 'business_calendars', name)).toBe(true);
    expect(await definitionExists(db, 'sla_policies', name)).toBe(false);
    const rows = (await listDefinitions(db, 'business_calendars')).filter((r) => r.name === name);
    expect(rows.map((r) => r.definition)).toEqual([{ name, timeZone: 'UTC', v: 2 }]);
    const names = (await listDefinitions(db, 'business_calendars')).map((r) => r.name);
    expect(names).toEqual([...names].sort());
  });
});
