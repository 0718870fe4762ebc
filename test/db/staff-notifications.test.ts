/**
 * The projection tells people (activities/staff-notices.ts, db/notifications.ts) on a real
 * PostgreSQL of its own (its teams, agents and supervisor keys would otherwise meet other files'):
 * who each event tells, the stored `supervisor.notified` naming them, mail copies for people with an
 * address, exactly once under a retried projection, and the events the teams branch adds, written
 * here at the projection level.
 */
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivities } from '../../activities/case.js';
import type { MailQueueDeps } from '../../activities/mail.js';
import { createDb, migrate, type Db } from '../../db/database.js';
import { createApiKey, putAgent, putTeam, revokeApiKey } from '../../db/directory.js';
import { ERASED, PersonalData } from '../../db/personal-data.js';
import { openCase } from '../../domain/case/opening.js';
import { toProjection, type CaseProjection } from '../../domain/case/projection.js';
import type { CaseEvent } from '../../domain/case/types.js';
import { CustomerLinks, parseLinkKeys } from '../../platform/customer-links.js';
import { parseEncryptionKeys } from '../../platform/payload-codec.js';
import { caseInput } from '../support/case-input.js';
import { ownDatabase, TEST_ENCRYPTION_KEYS } from '../support/stack.js';

let db: Db;
let project: (p: CaseProjection) => Promise<unknown>;
let personalData: PersonalData;
const mail: MailQueueDeps = {
  links: new CustomerLinks(parseLinkKeys('k1:staff-notices-test-key'), () => 'http://localhost', 60_000),
  kinds: new Set(),
  defaultLocale: 'en',
  timeZone: 'Asia/Shanghai',
  domain: 'example.com',
  taskQueue: 'staff-notices-test-mail',
};

beforeAll(async () => {
  db = createDb(await ownDatabase(), 4);
  await migrate(db);
  const team = { caseTypes: ['complaint'], minLevel: 1, maxLevel: 3, lead: null };
  await putTeam(db, { name: 'front', ...team });
  await putTeam(db, { name: 'quality', ...team, minLevel: 2 });
  const agent = (id: string, t: string, email: string | null = null, active = true) =>
    putAgent(db, { id, name: id, team: t, active, email });
  await agent('a1', 'front');
  await agent('lead1', 'front', 'lead1@example.com');
  await agent('q-lead', 'quality');
  await agent('q1', 'quality', 'q1@example.com');
  await agent('q2', 'quality', null, false);
  await putTeam(db, { name: 'front', ...team, lead: 'lead1' });
  await putTeam(db, { name: 'quality', ...team, minLevel: 2, lead: 'q-lead' });
  await createApiKey(db, { role: 'supervisor', name: 'sup1' });
  const old = await createApiKey(db, { role: 'supervisor', name: 'sup-gone' });
  await revokeApiKey(db, old.record.id);
  personalData = new PersonalData(db, parseEncryptionKeys(TEST_ENCRYPTION_KEYS));
  const activities = createActivities({
    db,
    logger: pino({ level: 'silent' }),
    personalData,
    wakeDeliveries: async () => {},
    mail: { queue: mail, wake: async () => {} },
    staff: { envSupervisors: ['supervisor'] },
  });
  project = (p) => activities.projectCase(p);
});
afterAll(async () => {
  await db?.destroy();
});

/** A case assigned to a1 (owner a1), projected, and a way to project events after it. */
async function caseOfA1(team?: string) {
  const id = `c-${randomUUID().slice(0, 8)}`;
  const opened = openCase(caseInput(id, { assignee: 'a1' }), { now: Date.now(), actor: 'integrator:test' });
  await project(toProjection(opened.state, opened.events));
  let seq = opened.state.seq;
  const base = toProjection(opened.state, []);
  const view = { ...base.view, assignee: 'a1', owner: 'a1', ...(team ? { team } : {}) };
  /** Projects these events (type, data, actor) as the case's next ones; returns the projection. */
  const next = async (...events: [string, Record<string, unknown>, string?][]) => {
    const es: CaseEvent[] = events.map(([type, data, actor]) => ({
      seq: ++seq,
      at: new Date().toISOString(),
      type,
      actor: actor ?? 'sla',
      data,
    }));
    const p: CaseProjection = { ...base, view, seq, events: es };
    await project(p);
    return p;
  };
  return { id, next };
}

async function told(caseId: string): Promise<Record<string, string[]>> {
  const rows = await db
    .selectFrom('notifications')
    .select(['event_type', 'person'])
    .where('case_id', '=', caseId)
    .orderBy('person')
    .execute();
  const out: Record<string, string[]> = {};
  for (const r of rows) (out[r.event_type] ??= []).push(r.person);
  return out;
}

const staffMail = (caseId: string) =>
  db
    .selectFrom('mail_messages')
    .select(['id', 'to_address', 'kind', 'subject', 'text_body'])
    .where('case_id', '=', caseId)
    .where('kind', '=', 'staff')
    .execute();

describe('a breach', () => {
  it('tells the team lead and every supervisor once, names them, and mails the lead a copy', async () => {
    const c = await caseOfA1();
    const breach = await c.next(
      [
        'sla.breached',
        { clock: 'respond', at: new Date().toISOString(), detectedAt: new Date().toISOString() },
      ],
      ['supervisor.notified', { reason: 'respond deadline missed' }],
      ['case.escalated', { from: 1, to: 2, reason: 'respond deadline missed', cause: 'breach' }],
    );
    const everyone = ['lead1', 'sup1', 'supervisor'];
    expect(await told(c.id)).toEqual({
      'sla.breached': everyone,
      'supervisor.notified': everyone,
      'case.escalated': everyone,
    });
    const stored = await db
      .selectFrom('case_events')
      .select('data')
      .where('case_id', '=', c.id)
      .where('type', '=', 'supervisor.notified')
      .executeTakeFirstOrThrow();
    expect(stored.data.notified).toEqual(everyone);
    // One mail for the lead (the only one with an address) holding the step's three notices.
    const mails = await staffMail(c.id);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.to_address).toBe('lead1@example.com');
    expect(mails[0]!.text_body).toContain('the first response deadline was missed');
    expect(mails[0]!.text_body).toContain('escalated to level 2');

    // The same step projected again (a retry): nobody is told twice, no second mail.
    await project(breach);
    expect((await told(c.id))['supervisor.notified']).toEqual(everyone);
    expect(
      await db.selectFrom('notifications').select('id').where('case_id', '=', c.id).execute(),
    ).toHaveLength(9);
    expect(await staffMail(c.id)).toHaveLength(1);
  });

  it('a warning tells the assignee; a findings warning the department lead too', async () => {
    const c = await caseOfA1('quality');
    await c.next(['sla.warning', { clock: 'respond', dueAt: new Date().toISOString() }]);
    await c.next(['sla.warning', { clock: 'findings', dueAt: new Date().toISOString() }]);
    const rows = await db
      .selectFrom('notifications')
      .select(['seq', 'person'])
      .where('case_id', '=', c.id)
      .orderBy('seq')
      .orderBy('person')
      .execute();
    const [first, second] = [...new Set(rows.map((r) => r.seq))];
    expect(rows.filter((r) => r.seq === first).map((r) => r.person)).toEqual(['a1']);
    expect(rows.filter((r) => r.seq === second).map((r) => r.person)).toEqual(['a1', 'q-lead']);
  });
});

describe('approvals and the teams branch events', () => {
  it('an approval waiting tells the supervisors other than the proposer', async () => {
    const c = await caseOfA1();
    await c.next(['case.approval_requested', { remedy: 'refund', amount: 500, level: 1 }, 'supervisor:sup1']);
    expect(await told(c.id)).toEqual({ 'case.approval_requested': ['supervisor'] });
  });

  it('transfers tell the department; refusals and hand-backs the owner and the owner team lead', async () => {
    const c = await caseOfA1();
    await c.next([
      'case.transferred',
      { team: 'quality', from: 'front', reason: 'burnt board', findingsBy: new Date().toISOString() },
      'agent:a1',
    ]);
    await c.next(['case.transfer_refused', { team: 'quality', to: 'front', reason: 'not ours' }, 'agent:q1']);
    await c.next(['case.handed_back', { team: 'quality', to: 'front', owner: 'a1' }, 'agent:q1']);
    await c.next([
      'case.team_changed',
      {
        from: 'front',
        to: 'quality',
        level: 2,
        reason: 'breach',
        cause: 'escalation',
        manager: 'mgr',
        notify: ['qa-head'],
      },
    ]);
    expect(await told(c.id)).toEqual({
      // The inactive q2 is not told, nor a1 who made the transfer.
      'case.transferred': ['q-lead', 'q1'],
      'case.transfer_refused': ['a1', 'lead1'],
      'case.handed_back': ['a1', 'lead1'],
      'case.team_changed': ['mgr', 'q-lead', 'q1', 'qa-head'],
    });
    // q1 has an address: one copy per step it was told of.
    const toQ1 = (await staffMail(c.id)).filter((m) => m.to_address === 'q1@example.com');
    expect(toQ1.map((m) => m.subject)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('handed to quality'),
        expect.stringContaining('moved to quality'),
      ]),
    );
  });

  it('an erasure scrubs free text from the notifications and empties unsent mail copies', async () => {
    const c = await caseOfA1();
    await c.next([
      'case.transferred',
      { team: 'quality', from: 'front', reason: 'Call Wang on 139 1111 2222' },
      'agent:a1',
    ]);
    await personalData.eraseCases([c.id]);
    const rows = await db.selectFrom('notifications').select('data').where('case_id', '=', c.id).execute();
    expect(rows.length).toBeGreaterThan(0);
    expect(JSON.stringify(rows)).not.toContain('139 1111');
    expect(rows[0]!.data.reason).toBe(ERASED);
    const copies = await db
      .selectFrom('mail_messages')
      .select(['status', 'to_address', 'text_body'])
      .where('case_id', '=', c.id)
      .where('kind', '=', 'staff')
      .execute();
    expect(copies).toEqual([{ status: 'erased', to_address: null, text_body: null }]);
  });

  it('the view team, when there is one, decides whose lead is told (else the assignee team)', async () => {
    const c = await caseOfA1('quality');
    await c.next(['supervisor.notified', { reason: 'poor rating', score: 1 }, 'system']);
    expect((await told(c.id))['supervisor.notified']).toEqual(['q-lead', 'sup1', 'supervisor']);
  });
});
