/**
 * The API the console needs, on the real stack: soonest-deadline order with paging, the
 * unassigned / level / mine / team filters, text search in Chinese and English, bulk reassign with
 * a result per case, the cookie session, the case-change stream and the thresholds in the view.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEYS, newCaseBody, startTestStack, type TestStack } from '../support/stack.js';

let s: TestStack;
const token = randomUUID().slice(0, 8);
const customerId = `cust-console-${token}`;
const slaPolicy = `console-order-${token}`;
const ids: Record<string, string> = {};
/** Each case's earliest deadline at opening, and the names by it. */
const nextDue: Record<string, string> = {};
let soonestFirst: string[] = [];

async function open(name: string, overrides: Record<string, unknown>) {
  const r = await s.call(
    'integrator',
    'POST',
    '/v1/cases',
    newCaseBody({ customer: { id: customerId, name: '李雷' }, slaPolicy, ...overrides }),
  );
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  ids[name] = r.body.id;
  nextDue[name] = [r.body.deadlines.respondBy, r.body.deadlines.resolveBy].filter(Boolean).sort()[0];
  return r.body;
}

const list = async (query: string, role: 'agent' | 'supervisor' = 'agent') => {
  const r = await s.call(role, 'GET', `/v1/cases?customerId=${customerId}&${query}`);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body as { items: { id: string; level: number }[]; nextCursor: string | null };
};
const names = (items: { id: string }[]) =>
  items.map((c) => Object.entries(ids).find(([, id]) => id === c.id)?.[0] ?? c.id);

beforeAll(async () => {
  s = await startTestStack();
  // Deadlines: urgent complaint < normal fault report < low inquiry, at any hour (on 24x7).
  const within = (respondWithin: string) => ({
    respondWithin,
    resolveWithin: 'P3D',
    callbackWithin: 'P1D',
    rateWithin: 'P7D',
  });
  const put = await s.call('admin', 'PUT', `/v1/sla-policies/${slaPolicy}`, {
    calendar: '24x7',
    ...within('PT8H'),
    warnBefore: 'PT1H',
    byPriority: { urgent: within('PT1H'), high: within('PT2H'), normal: within('PT4H'), low: within('PT8H') },
  });
  expect(put.status, JSON.stringify(put.body)).toBe(200);
  await open('low', {
    type: 'inquiry',
    priority: 'low',
    subject: `Invoice copy ${token}`,
    description: 'please',
  });
  await open('urgent', {
    type: 'complaint',
    priority: 'urgent',
    subject: `磨机停机 ${token}`,
    description: '客户要求退款，设备在保修期内。',
  });
  await open('normal', { priority: 'normal', subject: `Grinder noise ${token}`, description: 'Loud noise' });
  soonestFirst = Object.keys(nextDue).sort((a, b) => nextDue[a]!.localeCompare(nextDue[b]!));
});
afterAll(async () => {
  await s?.stop();
});

describe('GET /v1/cases additions', () => {
  it('sort=nextDeadline orders soonest first and pages through the same order', async () => {
    const all = await list('sort=nextDeadline');
    expect(names(all.items)).toEqual(soonestFirst);
    // The three differ, so the order says something.
    expect(new Set(Object.values(nextDue)).size).toBe(3);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await list(`sort=nextDeadline&limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...names(page.items));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(soonestFirst);
    // The default stays newest first.
    expect(names((await list('')).items)).toEqual(['normal', 'urgent', 'low']);
  });

  it('the view carries the calendar and the thresholds the workflow will fire at', async () => {
    const c = (await s.call('agent', 'GET', `/v1/cases/${ids.normal}`)).body;
    expect(c.sla.calendar).toBeTruthy();
    expect(c.sla.timeZone).toBeTruthy();
    const respondBreach = c.sla.thresholds.find(
      (t: { clock: string; kind: string }) => t.clock === 'respond' && t.kind === 'breach',
    );
    expect(respondBreach.at).toBe(c.deadlines.respondBy);
  });

  it('q searches subject, description and customer name, Chinese included; all words must match', async () => {
    expect(names((await list('q=' + encodeURIComponent('退款'))).items)).toEqual(['urgent']);
    expect(names((await list('q=' + encodeURIComponent('退款 磨机'))).items)).toEqual(['urgent']);
    expect(names((await list('q=' + encodeURIComponent('退款 noise'))).items)).toEqual([]);
    expect(names((await list('q=GRINDER')).items)).toEqual(['normal']);
    expect((await list('q=' + encodeURIComponent('李雷'))).items).toHaveLength(3);
    // % and _ are literal characters, not wildcards.
    expect((await list('q=%25')).items).toHaveLength(0);
    const tooLong = await s.call('agent', 'GET', `/v1/cases?q=${'x'.repeat(201)}`);
    expect(tooLong.status).toBe(400);
  });

  it('unassigned, level, mine and team filter; a bulk reassign answers per case', async () => {
    expect(names((await list('unassigned=true&sort=nextDeadline')).items)).toEqual(soonestFirst);
    const accepted = await s.call('agent', 'POST', `/v1/cases/${ids.urgent}/accept`, {});
    expect(accepted.status).toBe(200);
    expect(names((await list('unassigned=true&sort=nextDeadline')).items)).toEqual(
      soonestFirst.filter((n) => n !== 'urgent'),
    );
    expect(names((await list('mine=true')).items)).toEqual(['urgent']);
    expect(names((await list('mine=true', 'supervisor')).items)).toEqual([]);

    const escalated = await s.call('agent', 'POST', `/v1/cases/${ids.low}/escalate`, { reason: 'VIP' });
    expect(escalated.status).toBe(200);
    const level = escalated.body.level as number;
    expect(names((await list(`level=${level}`)).items)).toContain('low');
    expect(names((await list(`level=${level}`)).items).every((n) => n === 'low' || ids[n])).toBe(true);
    expect((await s.call('agent', 'GET', '/v1/cases?level=4')).status).toBe(400);

    const teamName = `console-${token}`;
    expect(
      (
        await s.call('admin', 'PUT', `/v1/teams/${teamName}`, {
          caseTypes: ['inquiry'],
          minLevel: 3,
          maxLevel: 3,
        })
      ).status,
    ).toBeLessThan(300);
    expect(
      (await s.call('admin', 'PUT', `/v1/agents/wu.${token}`, { name: 'Wu', team: teamName, active: true }))
        .status,
    ).toBeLessThan(300);

    const bulk = await s.call('supervisor', 'POST', '/v1/cases/reassign', {
      caseIds: [ids.normal, 'no-such-case', ids.low],
      assignee: `wu.${token}`,
    });
    expect(bulk.status).toBe(200);
    expect(bulk.body.results.map((r: { id: string; status: number }) => [r.id, r.status])).toEqual([
      [ids.normal, 200],
      ['no-such-case', 404],
      [ids.low, 200],
    ]);
    expect(bulk.body.results[0].case.assignee).toBe(`wu.${token}`);
    expect(bulk.body.results[1].problem.detail).toMatch(/no case/);
    expect(names((await list(`team=${teamName}&sort=nextDeadline`)).items)).toEqual(
      soonestFirst.filter((n) => n !== 'urgent'),
    );
    // Again: already assigned to that person (409); someone not an active agent (400): per case,
    // not a failed batch.
    const again = await s.call('supervisor', 'POST', '/v1/cases/reassign', {
      caseIds: [ids.normal],
      assignee: `wu.${token}`,
    });
    expect(again.body.results[0].status).toBe(409);
    const nobody = await s.call('supervisor', 'POST', '/v1/cases/reassign', {
      caseIds: [ids.normal],
      assignee: `nobody.${token}`,
    });
    expect(nobody.body.results[0]).toMatchObject({
      status: 400,
      problem: { detail: expect.stringMatching(/assignee/) },
    });
    const agent = await s.call('agent', 'POST', '/v1/cases/reassign', {
      caseIds: [ids.normal],
      assignee: 'x',
    });
    expect(agent.status).toBe(403);
  });
});

describe('console session', () => {
  it('exchanges a key for an HttpOnly cookie that authenticates, and signing out ends it', async () => {
    const bad = await s.call(null, 'POST', '/v1/session', { apiKey: 'nope' });
    expect(bad.status).toBe(401);
    const r = await s.call(null, 'POST', '/v1/session', { apiKey: KEYS.agent });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ role: 'agent', actor: 'agent:agent' });
    const setCookie = r.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/^case_console=[\w-]{20,};/);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(setCookie).not.toContain(KEYS.agent);
    const cookie = setCookie.split(';')[0]!;
    const me = await s.call(null, 'GET', '/v1/session', undefined, { Cookie: cookie });
    expect(me.status).toBe(200);
    expect(me.body.role).toBe('agent');
    const cases = await s.call(null, 'GET', `/v1/cases?customerId=${customerId}`, undefined, {
      Cookie: cookie,
    });
    expect(cases.status).toBe(200);
    // The cookie carries the agent's rights, not more.
    const report = await s.call(null, 'GET', '/v1/reports/service-quality', undefined, { Cookie: cookie });
    expect(report.status).toBe(403);
    const out = await s.call(null, 'DELETE', '/v1/session', undefined, { Cookie: cookie });
    expect(out.status).toBe(204);
    expect((await s.call(null, 'GET', '/v1/session', undefined, { Cookie: cookie })).status).toBe(401);
  });
});

describe('GET /v1/case-changes', () => {
  it('streams a change of a followed case as a server-sent event', async () => {
    const ctrl = new AbortController();
    const res = await fetch(`${s.url}/v1/case-changes?cases=${ids.normal}`, {
      headers: { Authorization: `Bearer ${KEYS.agent}` },
      signal: ctrl.signal,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    const read = async (until: (t: string) => boolean) => {
      while (!until(text)) {
        const { value, done } = await reader.read();
        if (done) break;
        text += decoder.decode(value);
      }
    };
    await read((t) => t.includes('event: resync'));
    const note = await s.call('agent', 'POST', `/v1/cases/${ids.normal}/notes`, {
      text: 'checked',
      visibility: 'internal',
    });
    expect(note.status).toBe(200);
    // A change of a case not followed is not sent; the followed one is.
    await s.call('agent', 'POST', `/v1/cases/${ids.low}/notes`, { text: 'x', visibility: 'internal' });
    await read((t) => t.includes('event: case'));
    ctrl.abort();
    const events = text
      .split('\n\n')
      .filter((b) => b.startsWith('event: case'))
      .map((b) => JSON.parse(b.split('data: ')[1]!));
    expect(events[0]).toMatchObject({ id: ids.normal, status: note.body.status, breached: false });
    expect(events.every((e) => e.id === ids.normal)).toBe(true);
    expect((await s.call('agent', 'GET', '/v1/case-changes')).status).toBe(400);
  });

  it('starts every stream with a resync, so what was read before it is reloaded', async () => {
    // The feed is already listening (the test above): a page that loaded its list, then opened
    // its stream, would otherwise miss a change committed in between.
    for (let i = 0; i < 2; i++) {
      const ctrl = new AbortController();
      const res = await fetch(`${s.url}/v1/case-changes?cases=all`, {
        headers: { Authorization: `Bearer ${KEYS.supervisor}` },
        signal: AbortSignal.any([ctrl.signal, AbortSignal.timeout(5000)]),
      });
      const reader = res.body!.getReader();
      const decoder = new TextDecoder();
      let text = '';
      while (!text.includes('event: resync')) {
        const { value, done } = await reader.read();
        if (done) break;
        text += decoder.decode(value);
      }
      ctrl.abort();
      expect(text).toMatch(/^retry: 1000\n\nevent: resync\ndata: \{\}\n\n/);
    }
  });
});

describe('service-quality report additions', () => {
  it('trends by period, volume by channel and team, complaint rate and repeat faults', async () => {
    const cust = `cust-report-${token}`;
    const openFor = async (o: Record<string, unknown>) => {
      const r = await s.call(
        'integrator',
        'POST',
        '/v1/cases',
        newCaseBody({ customer: { id: cust, name: 'Zhao' }, ...o }),
      );
      expect(r.status).toBe(201);
      return r.body;
    };
    const first = await openFor({ product: 'BM-200', channel: 'phone' });
    await openFor({ product: 'BM-200', channel: 'web' }); // the same product again: a repeat
    await openFor({ product: 'XR-7', channel: 'web' }); // another product: not a repeat
    await openFor({ type: 'complaint', channel: 'web' });
    const from = new Date(Date.parse(first.createdAt) - 60_000).toISOString();
    const to = new Date(Date.now() + 60_000).toISOString();
    const base = `/v1/reports/service-quality?from=${from}&to=${to}&customerId=${cust}`;
    const all = await s.call('supervisor', 'GET', base);
    expect(all.status, JSON.stringify(all.body)).toBe(200);
    expect(all.body.total).toBe(4);
    expect(all.body.byChannel).toMatchObject({ phone: 1, web: 3, email: 0 });
    expect(all.body.complaintRate).toBe(0.25);
    expect(all.body.repeatFaults).toEqual({ count: 1, of: 3, rate: 1 / 3 });
    // A window of one day still sees the repeat; the count depends on the window parameter being applied.
    expect((await s.call('supervisor', 'GET', `${base}&repeatWithinDays=1`)).body.repeatFaults.count).toBe(1);

    const weekly = await s.call('supervisor', 'GET', `${base}&groupBy=week&timeZone=Asia/Shanghai`);
    expect(weekly.status).toBe(200);
    const monday = (() => {
      const local = new Date(
        new Date(first.createdAt).toLocaleString('en-US', { timeZone: 'Asia/Shanghai' }),
      );
      local.setDate(local.getDate() - ((local.getDay() + 6) % 7));
      return `${local.getFullYear()}-${String(local.getMonth() + 1).padStart(2, '0')}-${String(local.getDate()).padStart(2, '0')}`;
    })();
    expect(weekly.body.groups.map((g: { key: string; total: number }) => [g.key, g.total])).toContainEqual([
      monday,
      expect.any(Number),
    ]);
    expect(weekly.body.groups.reduce((n: number, g: { total: number }) => n + g.total, 0)).toBe(4);

    const byChannel = await s.call('supervisor', 'GET', `${base}&groupBy=channel`);
    expect(byChannel.body.groups.map((g: { key: string; total: number }) => [g.key, g.total])).toEqual([
      ['phone', 1],
      ['web', 3],
    ]);
    const byTeam = await s.call('supervisor', 'GET', `${base}&groupBy=team`);
    expect(byTeam.status).toBe(200);
    expect(byTeam.body.groups.reduce((n: number, g: { total: number }) => n + g.total, 0)).toBe(4);
    const csv = await s.call('supervisor', 'GET', `${base}&groupBy=month&format=csv`);
    expect(csv.body).toMatch(/complaint_rate/);
    expect(csv.body).toMatch(/repeat_faults/);
    expect((await s.call('supervisor', 'GET', `${base}&timeZone=Mars/Base`)).status).toBe(400);
  });
});
