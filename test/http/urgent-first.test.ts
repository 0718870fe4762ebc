/**
 * Urgent first through the real API, worker, Temporal and PostgreSQL: a fire reported in traditional
 * script on a holiday Friday evening is classified urgent (level 3) and due for first contact within
 * 2 hours, round the clock, on the working-day complaint policy; `sort=priority` lists urgent cases
 * first and pages without losing or repeating one; the policy API takes and checks per-clock
 * calendars and warnings; migration 020 updates seeded policies but not edited ones. On a database
 * of this file's own.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEFAULT_POLICIES } from '../../db/defaults.js';
import { SEEDED_BEFORE, up as migrate020 } from '../../db/migrations/020_urgent_first.js';
import { newCaseBody, ownDatabase, startTestStack, type TestStack } from '../support/stack.js';

let s: TestStack;
beforeAll(async () => {
  s = await startTestStack({ DATABASE_URL: await ownDatabase() });
});
afterAll(async () => {
  await s?.stop();
});

const H = 3_600_000;

/**
 * Opens a case as if the API received it at `at`: only the clock of this process is set back (the
 * API stamps receivedAt with it); Temporal and PostgreSQL keep real time, and the workflow starts
 * the clocks from receivedAt because it lies in the past.
 */
async function openReceivedAt(at: string, body: Record<string, unknown>) {
  vi.useFakeTimers({ toFake: ['Date'], now: new Date(at), shouldAdvanceTime: true });
  try {
    return await s.call('integrator', 'POST', '/v1/cases', newCaseBody(body));
  } finally {
    vi.useRealTimers();
  }
}

describe('urgent first contact round the clock', () => {
  it('a traditional-script fire complaint on a holiday Friday at 18:30 Shanghai is due within 2 hours', async () => {
    // Friday 25 Sep 2026 is a holiday in cn-workdays; office hours would put first contact on Sunday 27 Sep.
    const received = '2026-09-25T10:30:00.000Z'; // 18:30 in Shanghai
    const r = await openReceivedAt(received, {
      type: 'complaint',
      subject: '車間發生火災',
      description: '今晚車間發生火災,設備停機,請立即處理。',
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({ priority: 'urgent', level: 3, slaPolicy: 'complaint-3wd' });
    // Opened when received (this process's clock runs on from the moment it was set).
    const opened = Date.parse(r.body.createdAt);
    expect(opened - Date.parse(received)).toBeGreaterThanOrEqual(0);
    expect(opened - Date.parse(received)).toBeLessThan(10_000);
    expect(Date.parse(r.body.deadlines.respondBy) - opened).toBe(2 * H);
    // The resolve clock stays on working days (the urgent target P1D, from Sunday's make-up day).
    expect(r.body.deadlines.resolveBy).toBe('2026-09-27T10:00:00.000Z');
    const view = await s.call('agent', 'GET', `/v1/cases/${r.body.id}`);
    expect(view.body.deadlines.respondBy).toBe(r.body.deadlines.respondBy);
  });

  it('the same complaint in simplified script classifies the same', async () => {
    const r = await openReceivedAt('2026-09-30T10:30:00.000Z', {
      type: 'complaint',
      subject: '车间发生火灾',
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ priority: 'urgent', level: 3 });
    expect(Date.parse(r.body.deadlines.respondBy) - Date.parse(r.body.createdAt)).toBe(2 * H);
  });
});

describe('sort=priority', () => {
  it('lists urgent cases first, then by next deadline, and pages without gaps or repeats', async () => {
    const tag = `prio${randomUUID().slice(0, 8)}`;
    const priorities = ['low', 'urgent', 'normal', 'high', 'urgent', 'normal', 'low', 'high', 'urgent'];
    const opened: { id: string; priority: string; due: string | null }[] = [];
    for (const priority of priorities) {
      const r = await s.call(
        'integrator',
        'POST',
        '/v1/cases',
        newCaseBody({ priority, subject: `${tag} case` }),
      );
      expect(r.status).toBe(201);
      opened.push({ id: r.body.id, priority, due: null });
    }
    const all = await s.call('agent', 'GET', `/v1/cases?q=${tag}&sort=priority&limit=50`);
    expect(all.status).toBe(200);
    const rank = { urgent: 0, high: 1, normal: 2, low: 3 } as Record<string, number>;
    const items = all.body.items as {
      id: string;
      priority: string;
      deadlines: Record<string, string | null>;
    }[];
    expect(items.map((c) => c.priority)).toEqual([...priorities].sort((a, b) => rank[a]! - rank[b]!));
    // Within a priority: the soonest next deadline first (every case here has its respond clock running).
    for (let i = 1; i < items.length; i++) {
      if (items[i]!.priority !== items[i - 1]!.priority) continue;
      expect(Date.parse(items[i]!.deadlines.respondBy!)).toBeGreaterThanOrEqual(
        Date.parse(items[i - 1]!.deadlines.respondBy!),
      );
    }
    // Two at a time: the same order, each case once.
    const paged: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await s.call(
        'agent',
        'GET',
        `/v1/cases?q=${tag}&sort=priority&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.status).toBe(200);
      paged.push(...page.body.items.map((c: { id: string }) => c.id));
      cursor = page.body.nextCursor ?? undefined;
    } while (cursor);
    expect(paged).toEqual(items.map((c) => c.id));
    expect(new Set(paged).size).toBe(opened.length);
    // A cursor of another order is refused, not misread.
    const other = await s.call('agent', 'GET', `/v1/cases?q=${tag}&sort=nextDeadline&limit=2`);
    const refused = await s.call(
      'agent',
      'GET',
      `/v1/cases?q=${tag}&sort=priority&limit=2&cursor=${other.body.nextCursor}`,
    );
    expect(refused.status).toBe(400);
  });
});

describe('policies with per-clock calendars and warnings', () => {
  const base = {
    calendar: 'cn-workdays',
    respondWithin: 'PT4H',
    resolveWithin: 'P3D',
    callbackWithin: 'P1D',
    rateWithin: 'P5D',
  };

  it('takes warnBefore by clock, warnAtFraction and a clock calendar', async () => {
    const policy = {
      ...base,
      warnBefore: { respond: 'PT1H', resolve: 'P1D' },
      warnAtFraction: 0.75,
      byPriority: { urgent: { respondWithin: 'PT2H', respondOn: '24x7' } },
    };
    const r = await s.call('admin', 'PUT', '/v1/sla-policies/urgent-test', policy);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject(policy);
  });

  it.each([
    [{ byPriority: { urgent: { respondOn: 'no-such-calendar' } } }, 'byPriority.urgent.respondOn'],
    [{ resolveOn: 'no-such-calendar' }, 'resolveOn'],
    [{ warnBefore: { rate: 'PT1H' } }, 'warnBefore'],
    [{ warnBefore: { respond: 'soon' } }, 'warnBefore'],
    [{ warnAtFraction: 1 }, 'warnAtFraction'],
    [{ warnAtFraction: 0 }, 'warnAtFraction'],
  ])('refuses %j with a 400 naming %s', async (change, path) => {
    const r = await s.call('admin', 'PUT', '/v1/sla-policies/bad-test', { ...base, ...change });
    expect(r.status, JSON.stringify(r.body)).toBe(400);
    expect(r.headers.get('content-type')).toContain('application/problem+json');
    expect(JSON.stringify(r.body)).toContain(path.split('.')[0]);
  });

  it('every seeded policy has an urgent first contact within 2 hours round the clock', async () => {
    const r = await s.call('agent', 'GET', '/v1/sla-policies');
    for (const name of DEFAULT_POLICIES.map((p) => p.name)) {
      const p = r.body.items.find((x: { name: string }) => x.name === name);
      expect(p.byPriority.urgent.respondOn, name).toBe('24x7');
      expect(Number(/^PT(\d+)H$/.exec(p.byPriority.urgent.respondWithin)![1]), name).toBeLessThanOrEqual(2);
    }
  });
});

describe('migration 020', () => {
  it('updates a policy still as seeded and leaves an edited one alone', async () => {
    const asSeeded = SEEDED_BEFORE.find((p) => p.name === 'complaint-3wd')!;
    const edited = { ...SEEDED_BEFORE.find((p) => p.name === 'inquiry-specialist')!, respondWithin: 'PT3H' };
    const put = (name: string, definition: object) =>
      s.db
        .updateTable('sla_policies')
        .set({ definition: JSON.stringify(definition) })
        .where('name', '=', name)
        .execute();
    await put('complaint-3wd', asSeeded);
    await put('inquiry-specialist', edited);
    await s.db.schema.dropIndex('cases_urgent_first').execute();
    await migrate020(s.db);
    const rows = await s.db.selectFrom('sla_policies').select(['name', 'definition']).execute();
    const def = (name: string) => rows.find((r) => r.name === name)!.definition;
    expect(def('complaint-3wd')).toEqual(DEFAULT_POLICIES.find((p) => p.name === 'complaint-3wd'));
    expect(def('inquiry-specialist')).toEqual(edited);
  });
});
