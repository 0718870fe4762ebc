/**
 * The audit log: every admin change leaves an entry (actor, action, target, address, before and
 * after for settings, never a secret), sign-ins and decodes too; filters and paging; and the
 * database itself refuses to update or delete recent entries, whatever role the service holds.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEYS, ownDatabase, startTestStack, type TestStack } from '../support/stack.js';

let s: TestStack;
const tag = randomUUID().slice(0, 6);

beforeAll(async () => {
  // Its own database: the complaint team and active agent it makes would otherwise take the
  // complaints other files open at the same time (assignment by workload).
  s = await startTestStack({ DATABASE_URL: await ownDatabase() });
});
afterAll(async () => {
  await s?.stop();
});

async function entries(query: string) {
  const r = await s.call('admin', 'GET', `/v1/audit-log?${query}`);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body as { items: any[]; nextCursor: string | null };
}

describe('audit log', () => {
  it('records each admin change with before and after, and never a secret', async () => {
    const team = `quality-${tag}`;
    expect(
      (
        await s.call('admin', 'PUT', `/v1/teams/${team}`, {
          caseTypes: ['complaint'],
          minLevel: 1,
          maxLevel: 2,
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await s.call('admin', 'PUT', `/v1/teams/${team}`, {
          caseTypes: ['complaint'],
          minLevel: 1,
          maxLevel: 3,
        })
      ).status,
    ).toBe(200);
    const agent = `auditor.${tag}`;
    expect(
      (await s.call('admin', 'PUT', `/v1/agents/${agent}`, { name: 'Audit Or', team, active: true })).status,
    ).toBe(200);
    const created = await s.call('admin', 'POST', '/v1/api-keys', { role: 'agent', name: agent });
    expect(created.status).toBe(201);
    const key = created.body.key as string;
    expect((await s.call('admin', 'DELETE', `/v1/api-keys/${created.body.id}`)).status).toBe(204);
    const policy = await s.call('admin', 'GET', '/v1/sla-policies');
    const standard = policy.body.items.find((p: any) => p.name === 'standard');
    expect(
      (await s.call('admin', 'PUT', `/v1/sla-policies/audit-${tag}`, { ...standard, name: undefined }))
        .status,
    ).toBe(200);

    const teamLog = await entries(`targetType=team&targetId=${team}`);
    expect(teamLog.items.map((e) => e.action)).toEqual(['team.put', 'team.put']);
    const [second, first] = teamLog.items;
    expect(first.actor).toBe('admin:admin');
    expect(first.before).toBeNull();
    expect(first.after).toMatchObject({ name: team, max_level: 2 });
    expect(second.before).toMatchObject({ max_level: 2 });
    expect(second.after).toMatchObject({ max_level: 3 });
    expect(first.address).toMatch(/127\.0\.0\.1/);
    expect(first.requestId).toBeTruthy();

    expect((await entries(`targetType=agent&targetId=${agent}`)).items.map((e) => e.action)).toEqual([
      'agent.put',
    ]);
    const keyLog = await entries(`targetType=api_key&targetId=${created.body.id}`);
    expect(keyLog.items.map((e) => e.action)).toEqual(['api_key.revoked', 'api_key.created']);
    expect(keyLog.items[0].after.revoked_at).toBeTruthy();
    expect((await entries(`action=sla_policy.put&targetId=audit-${tag}`)).items).toHaveLength(1);

    // Never the key nor its hash, anywhere in the log.
    const all = JSON.stringify((await entries('limit=500')).items);
    expect(all).not.toContain(key);
    expect(all).not.toContain('key_hash');
  });

  it('records sign-ins, refused ones, and payload decodes', async () => {
    const ok = await fetch(`${s.url}/v1/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ apiKey: KEYS.supervisor }),
    });
    expect(ok.status).toBe(200);
    const refused = await fetch(`${s.url}/v1/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ apiKey: `wrong-${tag}` }),
    });
    expect(refused.status).toBe(401);
    const decoded = await s.call('supervisor', 'POST', '/codec/decode', { payloads: [] });
    expect(decoded.status).toBe(200);

    const signIns = await entries('targetType=session&limit=10');
    const actions = signIns.items.map((e) => `${e.actor} ${e.action}`);
    expect(actions).toContain('supervisor:supervisor session.signed_in');
    expect(actions).toContain('anonymous session.sign_in_refused');
    expect(JSON.stringify(signIns.items)).not.toContain(`wrong-${tag}`);
    const decodes = await entries('action=codec.decoded&actor=supervisor:supervisor');
    expect(decodes.items[0]).toMatchObject({ targetType: 'payloads', details: { payloads: 0 } });
  });

  it('a refused change leaves no entry; filters by time and pages by cursor', async () => {
    const before = new Date().toISOString();
    const bad = await s.call('admin', 'PUT', `/v1/agents/ghost.${tag}`, { name: 'G', team: `none-${tag}` });
    expect(bad.status).toBe(400);
    expect((await entries(`targetId=ghost.${tag}`)).items).toEqual([]);

    for (let i = 0; i < 5; i++) {
      await s.call('admin', 'PUT', `/v1/teams/page-${tag}`, {
        caseTypes: ['inquiry'],
        minLevel: 1,
        maxLevel: 1 + (i % 3),
      });
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: any[]; nextCursor: string | null } = await entries(
        `targetId=page-${tag}&since=${encodeURIComponent(before)}&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...page.items.map((e) => e.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);
    expect([...seen].sort((a, b) => Number(b) - Number(a))).toEqual(seen);
    expect((await entries(`targetId=page-${tag}&until=${encodeURIComponent(before)}`)).items).toEqual([]);
    expect((await s.call('admin', 'GET', '/v1/audit-log?cursor=nonsense')).status).toBe(400);
  });

  it('only admins read it', async () => {
    for (const role of ['integrator', 'agent', 'supervisor'] as const) {
      expect((await s.call(role, 'GET', '/v1/audit-log')).status).toBe(403);
    }
  });

  it('the database refuses to update, delete or truncate recent entries', async () => {
    await s.call('admin', 'PUT', `/v1/teams/locked-${tag}`, {
      caseTypes: ['inquiry'],
      minLevel: 1,
      maxLevel: 1,
    });
    const [row] = (await entries(`targetId=locked-${tag}`)).items;
    expect(row).toBeDefined();
    await expect(
      sql`UPDATE audit_log SET actor = 'someone:else' WHERE id = ${Number(row.id)}`.execute(s.db),
    ).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_log WHERE id = ${Number(row.id)}`.execute(s.db)).rejects.toThrow(
      /younger than 365 days/,
    );
    await expect(sql`TRUNCATE audit_log`.execute(s.db)).rejects.toThrow(/append-only/);
    expect((await entries(`targetId=locked-${tag}`)).items).toEqual([row]);
  });
});
