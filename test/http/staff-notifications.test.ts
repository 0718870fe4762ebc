/**
 * People are told, on the real stack (Temporal, PostgreSQL of its own, a real SMTP server): a
 * breach the workflow's timer fires tells the team lead and every supervisor, the timeline's
 * `supervisor.notified` names them, each reads their own notifications (newest first, unread
 * filter, pages, read marks, 404 on another's), the lead's address gets a mail copy, and an
 * approval waiting tells the supervisors other than the proposer. The directory takes a team's
 * lead and an agent's address.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newCaseBody, ownDatabase, startTestStack, type TestStack } from '../support/stack.js';
import { TestSmtp } from '../support/smtp.js';
import { sleep } from '../support/until.js';

let s: TestStack;
let smtp: TestSmtp;
const keys: Record<string, string> = {};
const tag = randomUUID().slice(0, 6);
const LEAD = `ann-${tag}`;
const AGENT = `bob-${tag}`;
const SUP = `sup-${tag}`;

/** What `find` finds, polled every 100 ms until it does (or fails the test after `ms`). */
async function until<T>(find: () => Promise<T | undefined>, ms: number): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const found = await find();
    if (found !== undefined) return found;
    if (Date.now() > end) throw new Error(`not there after ${ms} ms`);
    await sleep(100);
  }
}

/** A call with one of the keys this file made (the person's own). */
async function as(person: string, method: string, path: string, body?: unknown) {
  const res = await fetch(s.url + path, {
    method,
    headers: {
      Authorization: `Bearer ${keys[person]}`,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}

async function key(role: string, name: string) {
  const r = await s.call('admin', 'POST', '/v1/api-keys', { role, name });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  keys[name] = r.body.key;
}

beforeAll(async () => {
  smtp = await new TestSmtp().start();
  s = await startTestStack({ DATABASE_URL: await ownDatabase(), SMTP_URL: smtp.url });
  const desk = { caseTypes: ['complaint'], minLevel: 1, maxLevel: 3 };
  expect((await s.call('admin', 'PUT', '/v1/teams/desk', desk)).status).toBe(200);
  // The lead is the only one with an address, and the only one that can take new cases.
  for (const [id, body] of [
    [LEAD, { name: 'Ann Lin', team: 'desk', email: `${LEAD}@example.com` }],
    [AGENT, { name: 'Bob Wu', team: 'desk', active: true }],
  ] as const) {
    const r = await s.call('admin', 'PUT', `/v1/agents/${id}`, body);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
  }
  const led = await s.call('admin', 'PUT', '/v1/teams/desk', { ...desk, lead: LEAD });
  expect(led.body).toMatchObject({ name: 'desk', lead: LEAD });
  await key('agent', LEAD);
  await key('agent', AGENT);
  await key('supervisor', SUP);
  const policy = await s.call('admin', 'PUT', `/v1/sla-policies/fast-${tag}`, {
    calendar: '24x7',
    respondWithin: 'PT3S',
    resolveWithin: 'PT1H',
    callbackWithin: 'PT1H',
    rateWithin: 'PT1H',
    warnBefore: 'PT1S',
  });
  expect(policy.status, JSON.stringify(policy.body)).toBe(200);
}, 120_000);

afterAll(async () => {
  await s?.stop();
  await smtp?.stop();
});

describe('the directory', () => {
  it('a lead must be an agent (422); an address must be one (400); GET shows both', async () => {
    const unknown = await s.call('admin', 'PUT', '/v1/teams/desk', {
      caseTypes: ['complaint'],
      lead: 'nobody',
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body.detail).toMatch(/nobody/);
    const bad = await s.call('admin', 'PUT', `/v1/agents/${AGENT}`, {
      name: 'Bob',
      team: 'desk',
      email: 'not-mail',
    });
    expect(bad.status).toBe(400);
    const teams = (await s.call('agent', 'GET', '/v1/teams')).body.items;
    expect(teams.find((t: { name: string }) => t.name === 'desk').lead).toBe(LEAD);
    const agents = (await s.call('agent', 'GET', '/v1/agents?team=desk')).body.items;
    expect(agents.find((a: { id: string }) => a.id === LEAD).email).toBe(`${LEAD}@example.com`);
  });
});

describe('a breach', () => {
  let caseId: string;
  let number: string;

  it('tells the team lead and every supervisor; the timeline names them', async () => {
    const opened = await s.call(
      'integrator',
      'POST',
      '/v1/cases',
      newCaseBody({ type: 'complaint', slaPolicy: `fast-${tag}` }),
    );
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    caseId = opened.body.id;
    number = opened.body.number;
    expect([LEAD, AGENT]).toContain(opened.body.assignee);
    const notified = await until(async () => {
      const items = (await s.call('supervisor', 'GET', `/v1/cases/${caseId}/timeline`)).body.items;
      return items.find((e: { type: string }) => e.type === 'supervisor.notified');
    }, 30_000);
    // The env key's supervisor ('supervisor'), the database's, and the lead of the assignee's team.
    expect(notified.data.notified).toEqual([LEAD, SUP, 'supervisor'].sort());
    for (const person of [LEAD, SUP]) {
      const mine = (await as(person, 'GET', '/v1/notifications')).body.items.filter(
        (n: { caseId: string }) => n.caseId === caseId,
      );
      expect(mine.map((n: { type: string }) => n.type)).toEqual(
        expect.arrayContaining(['sla.breached', 'supervisor.notified', 'case.escalated']),
      );
    }
    const sup = (await s.call('supervisor', 'GET', '/v1/notifications')).body.items;
    expect(
      sup.some((n: { caseId: string; seq: number }) => n.caseId === caseId && n.seq === notified.seq),
    ).toBe(true);
  });

  it('each reads their own: newest first, pages, unread filter and read marks, 404 on another’s', async () => {
    const first = await as(LEAD, 'GET', '/v1/notifications?limit=2');
    expect(first.status).toBe(200);
    const unread = first.body.unread as number;
    expect(unread).toBeGreaterThanOrEqual(3);
    expect(first.headers.get('x-unread-count')).toBe(String(unread));
    expect(first.body.items).toHaveLength(2);
    const ids = (p: { items: { id: string }[] }) => p.items.map((n) => Number(n.id));
    expect(ids(first.body)[0]).toBeGreaterThan(ids(first.body)[1]!);
    const second = await as(LEAD, 'GET', `/v1/notifications?limit=2&cursor=${first.body.nextCursor}`);
    expect(Math.max(...ids(second.body))).toBeLessThan(Math.min(...ids(first.body)));
    const breach = first.body.items[0];
    expect(breach.text.en).toContain(number);
    expect(breach.text['zh-CN']).toContain('工单');

    // Someone else's notification is not there for them.
    expect((await as(SUP, 'POST', `/v1/notifications/${breach.id}/read`)).status).toBe(404);
    expect((await as(LEAD, 'POST', '/v1/notifications/not-a-number/read')).status).toBe(404);
    const read = await as(LEAD, 'POST', `/v1/notifications/${breach.id}/read`);
    expect(read.status).toBe(200);
    expect(read.body.readAt).not.toBeNull();
    const again = await as(LEAD, 'POST', `/v1/notifications/${breach.id}/read`);
    expect(again.body.readAt).toBe(read.body.readAt);
    const left = await as(LEAD, 'GET', '/v1/notifications?unread=true&limit=200');
    expect(left.body.unread).toBe(unread - 1);
    expect(left.body.items.map((n: { id: string }) => n.id)).not.toContain(breach.id);
    expect(left.body.items.every((n: { readAt: string | null }) => n.readAt === null)).toBe(true);
    // An integrator has no notifications.
    expect((await s.call('integrator', 'GET', '/v1/notifications')).status).toBe(403);
  });

  it('the lead’s address gets a mail copy at the SMTP server', async () => {
    const mails = await until(async () => {
      // In the deployment's language (MAIL_DEFAULT_LOCALE, zh-CN here): the breach's step.
      const m = smtp
        .to(`${LEAD}@example.com`)
        .filter((x) => x.text.includes(number) && /已超时/.test(x.text));
      return m.length > 0 ? m : undefined;
    }, 30_000);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.text).toMatch(/首次响应时限已超时[\s\S]*升级至 2 级/);
    expect(mails[0]!.raw.toString()).toMatch(/^Auto-Submitted: auto-generated/im);
    expect(mails[0]!.messageId).toMatch(/^<staff\./);
    // Nobody else has an address: the customer's mail is the only other kind.
    expect(smtp.received.filter((m) => m.to.includes(AGENT) || m.to.includes(SUP))).toEqual([]);
  });
});

describe('an approval waiting', () => {
  it('tells the supervisors other than the proposer', async () => {
    const opened = await s.call(
      'integrator',
      'POST',
      '/v1/cases',
      newCaseBody({ type: 'complaint', slaPolicy: 'standard' }),
    );
    const id = opened.body.id as string;
    for (const [action, body] of [
      ['accept', {}],
      ['findings', { summary: 'Drive board burnt', rootCause: 'surge' }],
      ['resolution', { summary: 'Replace the board', remedy: 'replace' }],
    ] as const) {
      const r = await as(SUP, 'POST', `/v1/cases/${id}/${action}`, body);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
    }
    const told = await until(async () => {
      const items = (await s.call('supervisor', 'GET', '/v1/notifications')).body.items;
      return items.find(
        (n: { caseId: string; type: string }) => n.caseId === id && n.type === 'case.approval_requested',
      );
    }, 10_000);
    expect(told.text.en).toMatch(/replace.*waits for your approval/);
    const proposer = (await as(SUP, 'GET', '/v1/notifications')).body.items;
    expect(proposer.filter((n: { caseId: string }) => n.caseId === id)).toEqual([]);
  });
});
