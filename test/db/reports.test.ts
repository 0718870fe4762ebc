/**
 * db/reports.ts against a real PostgreSQL: the one statement's aggregates, through toMetrics as the
 * route reads them, for all cases and per group. Each test reads only its own customer's cases.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { computeReport, type ReportFilter } from '../../db/reports.js';
import { toMetrics } from '../../api/reports.js';
import { fresh, insertCase, testDb } from './rows.js';

const db = testDb();
afterAll(() => db.destroy());

const from = new Date('2031-05-01T00:00:00Z');
const to = new Date('2031-06-01T00:00:00Z');
const h = (hours: number) => new Date(from.getTime() + hours * 3_600_000);
const report = (customerId: string, f: Partial<ReportFilter> = {}) =>
  computeReport(db, { from, to, customerId, timeZone: 'UTC', repeatWithinDays: 30, ...f });
const total = (rows: Awaited<ReturnType<typeof report>>) =>
  toMetrics(rows.find((r) => Number(r.is_total) === 1)!);

describe('the service-quality report query', () => {
  it('counts, times, compliance, rates and ratings over the period only', async () => {
    const customerId = fresh('cus_');
    await insertCase(db, {
      customerId,
      createdAt: h(0),
      type: 'complaint',
      channel: 'phone',
      status: 'closed',
      acceptedAt: h(1),
      resolvedAt: h(4),
      firstContactResolution: true,
      ratingScore: 5,
      responseBusinessMs: 1_800_000,
      breaches: [{ clock: 'respond', at: h(1).toISOString() }],
    });
    await insertCase(db, {
      customerId,
      createdAt: h(10),
      status: 'investigating',
      acceptedAt: h(13),
      reopenCount: 1,
      priority: 'high',
    });
    // Outside [from, to): not counted.
    await insertCase(db, { customerId, createdAt: new Date(to.getTime()), status: 'new' });
    const m = total(await report(customerId));
    expect(m.total).toBe(2);
    expect(m.byStatus).toMatchObject({ closed: 1, investigating: 1, new: 0 });
    expect(m.byType).toMatchObject({ complaint: 1, inquiry: 1 });
    expect(m.byChannel).toMatchObject({ phone: 1, api: 1 });
    expect(m.complaintRate).toBe(0.5);
    expect(m.responseTime).toEqual({ count: 2, mean: 2 * 3600, p50: 2 * 3600, p90: 2.8 * 3600 });
    expect(m.resolutionTime).toMatchObject({ count: 1, mean: 4 * 3600 });
    expect(m.responseBusinessTime).toMatchObject({ count: 1, mean: 1800 });
    expect(m.slaCompliance.respond).toEqual({ applicable: 2, breached: 1, compliance: 0.5 });
    expect(m.slaCompliance.callback).toMatchObject({ applicable: 1, breached: 0 });
    expect(m.resolved).toBe(1);
    expect(m.firstContactResolutionRate).toBe(1);
    expect(m.reopenRate).toBe(0.5);
    expect(m.rating).toMatchObject({ count: 1, mean: 5 });
  });

  it('counts a fault report as repeated when the customer reported the same product within the window', async () => {
    const customerId = fresh('cus_');
    const fault = { customerId, type: 'fault_report' };
    await insertCase(db, { ...fault, createdAt: h(0), product: 'router' });
    await insertCase(db, { ...fault, createdAt: h(24 * 3), product: 'router' });
    await insertCase(db, { ...fault, createdAt: h(24 * 20), product: 'router' });
    await insertCase(db, { ...fault, createdAt: h(24 * 4), product: 'modem' });
    await insertCase(db, { ...fault, createdAt: h(24 * 5) });
    expect(total(await report(customerId)).repeatFaults).toEqual({ count: 2, of: 4, rate: 0.5 });
    expect(total(await report(customerId, { repeatWithinDays: 7 })).repeatFaults).toMatchObject({ count: 1 });
  });

  it('groups by a column, by team, by incident and by local period, with the overall row first', async () => {
    const customerId = fresh('cus_');
    const team = fresh('team');
    const agent = fresh('agent');
    await db
      .insertInto('teams')
      .values({ name: team, case_types: '[]', min_level: 9, max_level: 9 })
      .execute();
    await db.insertInto('agents').values({ id: agent, name: 'A', team, active: true }).execute();
    // 23:30 UTC on 1 May is already 2 May in Shanghai.
    const a = await insertCase(db, { customerId, createdAt: h(23.5), type: 'complaint', assignee: agent });
    await insertCase(db, { customerId, createdAt: h(1), type: 'complaint' });
    await insertCase(db, { customerId, createdAt: h(2), type: 'inquiry' });
    const incident = fresh('inc_');
    await db
      .insertInto('incident_cases')
      .values({ incident_id: incident, case_id: a, linked_at: h(24), linked_by: 'agent:a' })
      .execute();

    const byType = await report(customerId, { groupBy: 'type' });
    expect(Number(byType[0]!.is_total)).toBe(1);
    expect(byType.slice(1).map((r) => [r.key, toMetrics(r).total])).toEqual([
      ['complaint', 2],
      ['inquiry', 1],
    ]);
    const byTeam = await report(customerId, { groupBy: 'team' });
    expect(byTeam.slice(1).map((r) => [r.key, toMetrics(r).total])).toEqual([
      [team, 1],
      [null, 2],
    ]);
    const byIncident = await report(customerId, { groupBy: 'incident' });
    expect(byIncident.slice(1).map((r) => [r.key, toMetrics(r).total])).toEqual([
      [incident, 1],
      [null, 2],
    ]);
    expect(total(await report(customerId, { incidentId: incident })).total).toBe(1);
    const utc = await report(customerId, { groupBy: 'day' });
    expect(utc.slice(1).map((r) => [r.key, toMetrics(r).total])).toEqual([['2031-05-01', 3]]);
    const shanghai = await report(customerId, { groupBy: 'day', timeZone: 'Asia/Shanghai' });
    expect(shanghai.slice(1).map((r) => [r.key, toMetrics(r).total])).toEqual([
      ['2031-05-01', 2],
      ['2031-05-02', 1],
    ]);
  });
});
