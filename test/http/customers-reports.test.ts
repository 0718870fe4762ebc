/**
 * Customer records and the service-quality report on the real stack: one customer's cases moved
 * through the lifecycle, then the record and the report figures checked exactly. The report math
 * (api/reports.ts) is also checked on its own.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvField, reportToCsv, toMetrics, type ServiceQualityReport } from '../../api/reports.js';
import { workingTimeBetween, type BusinessCalendar } from '../../domain/calendar/index.js';
import { newCaseBody, startTestStack, type TestRole, type TestStack } from '../support/stack.js';

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

describe('report math (pure)', () => {
  it('gives nulls, not zeros or NaN, when there is nothing to divide by', () => {
    const m = toMetrics({});
    expect(m.total).toBe(0);
    expect(m.resolutionRate).toBeNull();
    expect(m.firstContactResolutionRate).toBeNull();
    expect(m.reopenRate).toBeNull();
    expect(m.responseTime).toEqual({ count: 0, mean: null, p50: null, p90: null });
    expect(m.slaCompliance.respond).toEqual({ applicable: 0, breached: 0, compliance: null });
    expect(m.rating).toEqual({ count: 0, mean: null, distribution: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 } });
    expect(m.byStatus.new).toBe(0);
    expect(Object.keys(m.byStatus)).toHaveLength(9);
  });

  it('turns a row of aggregates (strings as pg gives numerics) into rates and means', () => {
    const m = toMetrics({
      total: '10',
      status_closed: 4,
      type_complaint: '3',
      priority_high: 2,
      response_count: 2,
      response_mean: 1.23456,
      response_p50: '1.2',
      response_p90: 2.0004,
      sla_respond_applicable: 10,
      sla_respond_breached: 1,
      sla_callback_applicable: 0,
      resolved: 5,
      first_contact: 4,
      reopened: 2,
      ever_resolved: 8,
      rating_1: 1,
      rating_5: 2,
    });
    expect(m).toMatchObject({
      total: 10,
      byStatus: { closed: 4, new: 0 },
      byType: { complaint: 3 },
      byPriority: { high: 2 },
      responseTime: { count: 2, mean: 1.235, p50: 1.2, p90: 2 },
      resolutionTime: { count: 0, mean: null },
      slaCompliance: {
        respond: { applicable: 10, breached: 1, compliance: 0.9 },
        callback: { applicable: 0, breached: 0, compliance: null },
      },
      resolved: 5,
      resolutionRate: 0.5,
      firstContactResolutionRate: 0.8,
      reopenRate: 0.25,
      rating: { count: 3, mean: 11 / 3, distribution: { 1: 1, 2: 0, 3: 0, 4: 0, 5: 2 } },
    });
  });

  it('writes CSV fields by RFC 4180 and defuses formulas', () => {
    expect(csvField(null)).toBe('');
    expect(csvField(0.5)).toBe('0.5');
    expect(csvField('alice')).toBe('alice');
    expect(csvField('Smith, J')).toBe('"Smith, J"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('a\nb')).toBe('"a\nb"');
    expect(csvField('=cmd()')).toBe("'=cmd()");
    expect(csvField('@x,y')).toBe(`"'@x,y"`);
  });

  it('writes a header and one row per group, or one row overall', () => {
    const base = { from: '2026-01-01T00:00:00.000Z', to: '2026-02-01T00:00:00.000Z' };
    const overall: ServiceQualityReport = { ...base, groupBy: null, ...toMetrics({ total: 3 }) };
    const lines = reportToCsv(overall).split('\r\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(2);
    expect(lines[0]!.startsWith('from,to,total,status_new,')).toBe(true);
    expect(lines[1]!.startsWith(`${base.from},${base.to},3,0,`)).toBe(true);
    expect(lines[0]!.split(',')).toHaveLength(lines[1]!.split(',').length);

    const grouped: ServiceQualityReport = {
      ...base,
      groupBy: 'assignee',
      ...toMetrics({ total: 3 }),
      groups: [
        { key: 'alice', ...toMetrics({ total: 2 }) },
        { key: null, ...toMetrics({ total: 1 }) },
      ],
    };
    const g = reportToCsv(grouped).trimEnd().split('\r\n');
    expect(g).toHaveLength(3);
    expect(g[0]!.startsWith('from,to,group_by,key,total,')).toBe(true);
    expect(g[1]!.startsWith(`${base.from},${base.to},assignee,alice,2,`)).toBe(true);
    expect(g[2]!.startsWith(`${base.from},${base.to},assignee,,1,`)).toBe(true);
  });
});

let s: TestStack;
beforeAll(async () => {
  s = await startTestStack();
});
afterAll(async () => {
  await s?.stop();
});

async function act(id: string, role: TestRole, action: string, body: unknown = {}) {
  const r = await s.call(role, 'POST', `/v1/cases/${id}/${action}`, body);
  expect(r.status, `${action}: ${JSON.stringify(r.body)}`).toBe(200);
  return r.body;
}

/** findings → resolution with guidance → resolved (through a supervisor's approval where needed). */
async function resolve(id: string) {
  await act(id, 'agent', 'findings', { summary: 'Controller firmware crashed after the power cut' });
  let c = await act(id, 'agent', 'resolution', {
    summary: 'Walked the customer through a reset',
    remedy: 'guidance',
  });
  if (c.status === 'pending_approval') c = await act(id, 'supervisor', 'approval', { decision: 'approve' });
  expect(c.status).toBe('resolved');
  return c;
}

async function rateClosed(id: string, score: number) {
  await act(id, 'agent', 'callback', { reached: true, solved: true });
  return act(id, 'integrator', 'rating', { score });
}

describe('a customer and the service-quality report', () => {
  const token = randomUUID().slice(0, 8);
  const customer = {
    id: `cr-${token}`,
    name: `Report Customer ${token}`,
    email: `cr.${token}@example.com`,
    phone: '+86 10 5555 0100',
    organisation: `Quality Works ${token}`,
    tier: 'premium',
  };
  const ids: Record<string, string> = {};
  let views: any[] = [];
  let timelines: Record<string, { at: string; type: string }[]> = {};

  beforeAll(async () => {
    const open = async (name: string, type: string) => {
      const r = await s.call('integrator', 'POST', '/v1/cases', newCaseBody({ type, customer }));
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      ids[name] = r.body.id;
    };
    // Opened one after another, so createdAt grows in this order.
    await open('A', 'complaint');
    await open('B', 'fault_report');
    await open('C', 'inquiry');
    await open('D', 'service_request');
    await open('E', 'technical_support');
    await open('F', 'inquiry');
    await open('G', 'complaint');

    await s.agents(`alice-${token}`, `bob-${token}`, `carol-${token}`);
    // A, B: resolved first time, callback solved, rated 5 and 4 → closed.
    await act(ids.A!, 'agent', 'accept', { assignee: `alice-${token}` });
    await resolve(ids.A!);
    expect((await rateClosed(ids.A!, 5)).status).toBe('closed');
    await act(ids.B!, 'agent', 'accept', { assignee: `bob-${token}` });
    await resolve(ids.B!);
    expect((await rateClosed(ids.B!, 4)).status).toBe('closed');
    // C: resolved, waiting for the callback.
    await act(ids.C!, 'agent', 'accept', { assignee: `alice-${token}` });
    await resolve(ids.C!);
    // D: accepted only. E: untouched. F: withdrawn while new.
    await act(ids.D!, 'agent', 'accept', { assignee: `bob-${token}` });
    await act(ids.F!, 'integrator', 'withdraw', { reason: 'solved it themselves' });
    // G: resolved, rated 2 → reopened once, resolved again (no longer first-contact).
    await act(ids.G!, 'supervisor', 'accept', { assignee: `carol-${token}` });
    await resolve(ids.G!);
    const reopened = await rateClosed(ids.G!, 2);
    expect(reopened).toMatchObject({ status: 'investigating', reopenCount: 1 });
    await resolve(ids.G!);

    views = await Promise.all(
      Object.values(ids).map((id) => s.call('agent', 'GET', `/v1/cases/${id}`).then((r) => r.body)),
    );
    timelines = Object.fromEntries(
      await Promise.all(
        Object.entries(ids).map(async ([name, id]) => [
          name,
          (await s.call('agent', 'GET', `/v1/cases/${id}/timeline`)).body.items,
        ]),
      ),
    );
  });

  const view = (name: string) => views.find((v) => v.id === ids[name])!;
  const window = () => {
    const created = views.map((v) => Date.parse(v.createdAt));
    return {
      from: new Date(Math.min(...created)).toISOString(),
      to: new Date(Math.max(...created) + 1).toISOString(),
    };
  };
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

  it('serves the customer record with its cases newest first and its figures', async () => {
    const r = await s.call('agent', 'GET', `/v1/customers/${customer.id}`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      id: customer.id,
      name: customer.name,
      tier: 'premium',
      email: customer.email,
      phone: customer.phone,
      organisation: customer.organisation,
      createdAt: expect.stringMatching(/Z$/),
      updatedAt: expect.stringMatching(/Z$/),
      stats: { cases: 7, openCases: 4, complaints: 2, ratings: { count: 3, mean: 11 / 3 } },
    });
    const newestFirst = [...views].sort(
      (a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id),
    );
    expect(r.body.cases).toEqual(
      newestFirst.map((v) => ({
        id: v.id,
        number: v.number,
        type: v.type,
        status: v.status,
        priority: v.priority,
        createdAt: v.createdAt,
        closedAt: v.closedAt,
        rating: v.rating?.score ?? null,
      })),
    );
    expect(r.body.cases.map((c: { id: string }) => c.id)).toEqual(
      ['G', 'F', 'E', 'D', 'C', 'B', 'A'].map((n) => ids[n]),
    );
  });

  it('answers 404 problem for an unknown customer', async () => {
    const r = await s.call('integrator', 'GET', `/v1/customers/nobody-${token}`);
    expect(r.status).toBe(404);
    expect(r.headers.get('content-type')).toContain('application/problem+json');
    expect(r.body).toMatchObject({ status: 404, title: 'Not Found' });
  });

  it('finds customers by name, email, phone, organisation or id, and pages through them', async () => {
    const others = ['Zed', 'Amy', 'Mia'].map((n, i) => ({
      id: `crs-${token}-${i}`,
      name: `${n} ${token}`,
      organisation: `Paging Org ${token}`,
    }));
    for (const c of others) {
      const r = await s.call('integrator', 'POST', '/v1/cases', newCaseBody({ customer: c }));
      expect(r.status).toBe(201);
    }
    const search = (params: Record<string, string>) =>
      s.call('integrator', 'GET', `/v1/customers?${new URLSearchParams(params)}`);

    for (const query of [
      `report customer ${token}`,
      `CR.${token}@EXAMPLE`,
      `Quality Works ${token}`,
      `cr-${token}`,
    ]) {
      const r = await search({ query });
      expect(r.status, query).toBe(200);
      expect(
        r.body.items.map((c: { id: string }) => c.id),
        query,
      ).toEqual([customer.id]);
      expect(r.body.nextCursor).toBeNull();
    }
    const byPhone = await search({ query: '5555 0100' });
    expect(byPhone.body.items.map((c: { id: string }) => c.id)).toContain(customer.id);
    // % and _ are literal characters, not wildcards.
    expect((await search({ query: `Paging%${token}` })).body.items).toEqual([]);
    expect((await search({ query: `Paging_Org` })).body.items).toEqual([]);

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const r: { status: number; body: any } = await search({
        query: `Paging Org ${token}`,
        limit: '1',
        ...(cursor ? { cursor } : {}),
      });
      expect(r.status).toBe(200);
      expect(r.body.items.length).toBeLessThanOrEqual(1);
      seen.push(...r.body.items.map((c: { name: string }) => c.name));
      cursor = r.body.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(seen).toEqual([`Amy ${token}`, `Mia ${token}`, `Zed ${token}`]);

    expect((await search({ limit: '201' })).status).toBe(400);
    expect((await search({ limit: '0' })).status).toBe(400);
    const bad = await search({ cursor: 'not-a-cursor' });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    expect((await search({ unknown: 'x' })).status).toBe(400);
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
