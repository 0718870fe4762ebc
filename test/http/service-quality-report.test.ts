/**
 * The service-quality report on the real stack: one customer's cases moved through the lifecycle
 * (test/support/customer-scenario.ts), then the report figures checked exactly; and business-time
 * durations on a case's calendar. The report math alone is in test/unit/report-math.test.ts.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workingTimeBetween, type BusinessCalendar } from '../../domain/calendar/index.js';
import { customerScenario } from '../support/customer-scenario.js';
import { newCaseBody, startTestStack, type TestStack } from '../support/stack.js';

/** percentile_cont: linear interpolation between the closest ranks. */
function percentileCont(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = p * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (rank - lo);
}
const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);

let s: TestStack;
beforeAll(async () => {
  s = await startTestStack();
});
afterAll(async () => {
  await s?.stop();
});

describe("the service-quality report of one customer's cases", () => {
  const { token, customer, ids, views, timelines, view, window, run } = customerScenario();
  beforeAll(() => run(s));

  const report = (params: Record<string, string>, headers: Record<string, string> = {}) =>
    s.call(
      'supervisor',
      'GET',
      `/v1/reports/service-quality?${new URLSearchParams(params)}`,
      undefined,
      headers,
    );

  it('moved the cases where the scenario says', () => {
    expect(Object.fromEntries(Object.keys(ids).map((n) => [n, view(n).status]))).toEqual({
      A: 'closed',
      B: 'closed',
      C: 'resolved',
      D: 'investigating',
      E: 'new',
      F: 'withdrawn',
      G: 'resolved',
    });
    expect(views.every((v) => v.breaches.length === 0)).toBe(true);
  });
  it('reports the figures of exactly these cases', async () => {
    const { from, to } = window();
    const r = await report({ from, to, customerId: customer.id });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.headers.get('content-type')).toContain('application/json');
    const b = r.body;

    const accepted = (n: string) => timelines[n]!.filter((e) => e.type === 'case.accepted').at(-1)!.at;
    const resolved = (n: string) => timelines[n]!.filter((e) => e.type === 'case.resolved').at(-1)!.at;
    const secs = (n: string, at: string) => (Date.parse(at) - Date.parse(view(n).createdAt)) / 1000;
    const response = ['A', 'B', 'C', 'D', 'G'].map((n) => secs(n, accepted(n)));
    const resolution = ['A', 'B', 'C', 'G'].map((n) => secs(n, resolved(n)));
    const priorities: Record<string, number> = { urgent: 0, high: 0, normal: 0, low: 0 };
    for (const v of views) priorities[v.priority]!++;

    expect(b).toMatchObject({
      from,
      to,
      groupBy: null,
      total: 7,
      byStatus: {
        new: 1,
        investigating: 1,
        pending_customer: 0,
        pending_approval: 0,
        resolved: 2,
        awaiting_rating: 0,
        closed: 2,
        rejected: 0,
        withdrawn: 1,
      },
      byType: { inquiry: 2, complaint: 2, fault_report: 1, service_request: 1, technical_support: 1 },
      byPriority: priorities,
      slaCompliance: {
        respond: { applicable: 7, breached: 0, compliance: 1 },
        resolve: { applicable: 7, breached: 0, compliance: 1 },
        callback: { applicable: 4, breached: 0, compliance: 1 },
      },
      resolved: 4,
      resolutionRate: 4 / 7,
      firstContactResolutionRate: 3 / 4,
      reopenRate: 1 / 4,
      rating: { count: 3, mean: 11 / 3, distribution: { 1: 0, 2: 1, 3: 0, 4: 1, 5: 1 } },
    });
    expect(b.groups).toBeUndefined();
    for (const [got, xs] of [
      [b.responseTime, response],
      [b.resolutionTime, resolution],
    ] as const) {
      expect(got.count).toBe(xs.length);
      // The report gives seconds rounded to the millisecond.
      const near = (actual: number, exact: number) =>
        expect(Math.abs(actual - exact)).toBeLessThanOrEqual(0.0005 + 1e-9);
      near(got.mean, mean(xs)!);
      near(got.p50, percentileCont(xs, 0.5)!);
      near(got.p90, percentileCont(xs, 0.9)!);
    }
  });

  it('counts a case created exactly at `from` and not one created exactly at `to`', async () => {
    const from = view('B').createdAt;
    const to = view('G').createdAt;
    const r = await report({ from, to, customerId: customer.id });
    expect(r.status).toBe(200);
    expect(r.body.total).toBe(5); // B, C, D, E, F
    expect(r.body.byStatus).toMatchObject({ closed: 1, resolved: 1, investigating: 1, new: 1, withdrawn: 1 });
    const all = await report(window());
    expect(all.status).toBe(200);
    expect(all.body.total).toBeGreaterThanOrEqual(7);
  });

  it('answers zeros and nulls for a period with no cases, grouped or not', async () => {
    const empty = { from: '2001-01-01T00:00:00Z', to: '2001-02-01T00:00:00Z' };
    const r = await report(empty);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      from: '2001-01-01T00:00:00.000Z',
      to: '2001-02-01T00:00:00.000Z',
      total: 0,
      resolutionRate: null,
      responseTime: { count: 0, mean: null, p50: null, p90: null },
      slaCompliance: { respond: { applicable: 0, compliance: null } },
      rating: { count: 0, mean: null },
    });
    const grouped = await report({ ...empty, groupBy: 'priority' });
    expect(grouped.status).toBe(200);
    expect(grouped.body).toMatchObject({ total: 0, groupBy: 'priority', groups: [] });
    const csv = await report({ ...empty, groupBy: 'priority', format: 'csv' });
    expect((csv.body as string).trimEnd().split('\r\n')).toHaveLength(1);
  });

  it('groups by type and by assignee', async () => {
    const byType = await report({ ...window(), customerId: customer.id, groupBy: 'type' });
    expect(byType.status).toBe(200);
    expect(byType.body.total).toBe(7);
    expect(byType.body.groups.map((g: { key: string; total: number }) => [g.key, g.total])).toEqual([
      ['complaint', 2],
      ['fault_report', 1],
      ['inquiry', 2],
      ['service_request', 1],
      ['technical_support', 1],
    ]);
    const complaint = byType.body.groups[0];
    expect(complaint).toMatchObject({
      byType: { complaint: 2, inquiry: 0 },
      resolved: 2,
      firstContactResolutionRate: 1 / 2,
      reopenRate: 1 / 2,
      rating: { count: 2, mean: 3.5, distribution: { 2: 1, 5: 1 } },
      slaCompliance: { callback: { applicable: 2, compliance: 1 } },
    });

    const byAssignee = await report({ ...window(), customerId: customer.id, groupBy: 'assignee' });
    expect(byAssignee.status).toBe(200);
    const expected = new Map<string | null, number>();
    for (const v of views) expected.set(v.assignee, (expected.get(v.assignee) ?? 0) + 1);
    const got = new Map(
      byAssignee.body.groups.map((g: { key: string | null; total: number }) => [g.key, g.total]),
    );
    expect(got).toEqual(expected);
    expect(got.get(`alice-${token}`)).toBe(2);
    expect(got.get(`bob-${token}`)).toBe(2);
    expect(got.get(`carol-${token}`)).toBe(1);
    const alice = byAssignee.body.groups.find((g: { key: string }) => g.key === `alice-${token}`);
    expect(alice).toMatchObject({
      total: 2,
      resolved: 2,
      responseTime: { count: 2 },
      rating: { count: 1, mean: 5 },
    });
  });

  it('answers CSV when asked: a header and one row per group or one overall', async () => {
    const grouped = await report(
      { ...window(), customerId: customer.id, groupBy: 'type' },
      { Accept: 'text/csv' },
    );
    expect(grouped.status).toBe(200);
    expect(grouped.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (grouped.body as string).trimEnd().split('\r\n');
    expect(lines).toHaveLength(1 + 5);
    const header = lines[0]!.split(',');
    expect(header.slice(0, 5)).toEqual(['from', 'to', 'group_by', 'key', 'total']);
    expect(header).toEqual(
      expect.arrayContaining(['rating_mean', 'sla_respond_compliance', 'response_p90_s']),
    );
    const rows = lines.slice(1).map((l) => Object.fromEntries(l.split(',').map((v, i) => [header[i], v])));
    expect(rows.map((r) => [r.key, r.total])).toEqual([
      ['complaint', '2'],
      ['fault_report', '1'],
      ['inquiry', '2'],
      ['service_request', '1'],
      ['technical_support', '1'],
    ]);
    expect(rows.every((r) => Object.keys(r).length === header.length)).toBe(true);

    const overall = await report({ ...window(), customerId: customer.id, format: 'csv' });
    expect(overall.status).toBe(200);
    const o = (overall.body as string).trimEnd().split('\r\n');
    expect(o).toHaveLength(2);
    const h = o[0]!.split(',');
    const row = Object.fromEntries(o[1]!.split(',').map((v, i) => [h[i], v]));
    expect(row).toMatchObject({
      total: '7',
      resolved: '4',
      rating_count: '3',
      rating_5: '1',
      sla_callback_applicable: '4',
    });
    expect(Number(row.rating_mean)).toBeCloseTo(11 / 3, 10);
  });

  it('refuses a missing, malformed or empty period and an unknown grouping', async () => {
    const { from, to } = window();
    const invalid: Record<string, string>[] = [
      { to },
      { from },
      { from: 'yesterday', to },
      { from: to, to: from },
      { from, to: from },
      { from, to, groupBy: 'colour' },
    ];
    for (const params of invalid) {
      const r = await report(params);
      expect(r.status, JSON.stringify(params)).toBe(400);
      expect(r.headers.get('content-type')).toContain('application/problem+json');
      expect(r.body.errors?.length, JSON.stringify(params)).toBeGreaterThan(0);
    }
    expect((await s.call('agent', 'GET', `/v1/reports/service-quality?from=${from}&to=${to}`)).status).toBe(
      403,
    );
  });
});

describe('business-time durations in the report', () => {
  it("counts response and resolution in working time on the case's calendar", async () => {
    const customerId = `biz-${randomUUID().slice(0, 8)}`;
    const from = new Date(Date.now() - 1000).toISOString();
    const { body: c } = await s.call(
      'integrator',
      'POST',
      '/v1/cases',
      newCaseBody({ type: 'complaint', customer: { id: customerId, name: 'B' } }),
    );
    expect(c.slaPolicy).toBe('complaint-3wd'); // on the cn-workdays calendar
    for (const [action, body] of [
      ['accept', {}],
      ['findings', { summary: 'f' }],
      ['resolution', { summary: 'r', remedy: 'guidance' }],
    ] as const) {
      expect((await s.call('agent', 'POST', `/v1/cases/${c.id}/${action}`, body)).status).toBe(200);
    }
    const tl = (await s.call('agent', 'GET', `/v1/cases/${c.id}/timeline`)).body.items as {
      type: string;
      at: string;
    }[];
    const at = (type: string) => Date.parse(tl.find((e) => e.type === type)!.at);
    const calendars = (await s.call('agent', 'GET', '/v1/business-calendars')).body
      .items as BusinessCalendar[];
    const cal = calendars.find((k) => k.name === 'cn-workdays')!;
    const opened = Date.parse(c.createdAt);
    const to = new Date(Date.now() + 60_000).toISOString();
    const r = await s.call(
      'supervisor',
      'GET',
      `/v1/reports/service-quality?from=${from}&to=${to}&customerId=${customerId}`,
    );
    expect(r.status).toBe(200);
    expect(r.body.responseBusinessTime.count).toBe(1);
    expect(r.body.responseBusinessTime.mean).toBeCloseTo(
      workingTimeBetween(cal, opened, at('case.accepted')) / 1000,
      3,
    );
    expect(r.body.resolutionBusinessTime.mean).toBeCloseTo(
      workingTimeBetween(cal, opened, at('case.resolved')) / 1000,
      3,
    );
    // never more than the wall-clock time
    expect(r.body.resolutionBusinessTime.mean).toBeLessThanOrEqual(r.body.resolutionTime.mean);
  });
});
