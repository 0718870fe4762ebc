/**
 * db/mail-outbox.ts against a real PostgreSQL: queueing keeps what a first try queued, the sender's
 * claims, attempts and outcomes, and notes on a closed case's timeline. Each test has its own
 * task queue and case ids, so other files' rows in the shared database never interfere.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { createDb, type Db } from '../../db/database.js';
import {
  appendClosedCaseNote,
  claimDueMail,
  mailMessage,
  markMailErased,
  markMailFailed,
  markMailSent,
  nextMailDueAt,
  pendingMail,
  queueMail,
  releaseMail,
  retryMailAt,
  startMailAttempt,
  type NewMailMessage,
} from '../../db/mail-outbox.js';

let db: Db;
beforeAll(() => {
  db = createDb(inject('databaseUrl'), 4);
});
afterAll(async () => {
  await db?.destroy();
});

const uid = () => randomUUID().slice(0, 8);

function message(caseId: string, seq: number, taskQueue: string | null): NewMailMessage {
  return {
    id: `${caseId}:${seq}`,
    case_id: caseId,
    seq,
    event_type: 'case.accepted',
    kind: 'accepted',
    locale: 'en',
    message_id: `<case.${caseId}.${seq}@example.org>`,
    to_address: 'li.wei@example.com',
    subject: 'We are on it',
    text_body: 'Hello',
    html_body: null,
    task_queue: taskQueue,
  };
}

describe('the mail outbox', () => {
  it('queues once, claims what is due, retries, and records the outcome', async () => {
    const queue = `mail-${uid()}`;
    const caseId = `case-${uid()}`;
    const rows = [message(caseId, 1, queue), message(caseId, 2, queue)];
    expect((await queueMail(db, rows)).sort()).toEqual([`${caseId}:1`, `${caseId}:2`]);
    // A second try of the same step keeps the first rows (and their text).
    expect((await queueMail(db, [{ ...rows[0]!, subject: 'changed' }])).sort()).toEqual([`${caseId}:1`]);
    expect((await mailMessage(db, `${caseId}:1`))?.subject).toBe('We are on it');
    expect((await pendingMail(db, queue)).map((r) => r.id).sort()).toEqual([`${caseId}:1`, `${caseId}:2`]);

    const claimed = await claimDueMail(db, queue, 20);
    expect(claimed.map((m) => m.id).sort()).toEqual([`${caseId}:1`, `${caseId}:2`]);
    expect(await claimDueMail(db, queue, 20)).toEqual([]); // held by the first claim
    await releaseMail(db, `${caseId}:2`);
    expect((await claimDueMail(db, queue, 20)).map((m) => m.id)).toEqual([`${caseId}:2`]);

    const attempt = await startMailAttempt(db, `${caseId}:1`);
    expect(attempt).toMatchObject({ attempts: 1, status: 'pending' });
    await markMailSent(db, `${caseId}:1`);
    expect(await mailMessage(db, `${caseId}:1`)).toMatchObject({ status: 'sent', locked_until: null });
    expect(await startMailAttempt(db, `${caseId}:1`)).toBeUndefined(); // nothing to send any more

    const later = new Date(Date.now() + 3_600_000);
    await retryMailAt(db, `${caseId}:2`, later);
    expect(await nextMailDueAt(db, queue)).toBe(later.getTime());
    expect(await markMailFailed(db, `${caseId}:2`, 'SMTP 550')).toMatchObject({
      case_id: caseId,
      kind: 'accepted',
    });
    expect(await markMailFailed(db, `${caseId}:2`, 'again')).toBeUndefined();
    expect(await nextMailDueAt(db, queue)).toBeNull();
  });

  it('an erased message is never attempted', async () => {
    const queue = `mail-${uid()}`;
    const caseId = `case-${uid()}`;
    await queueMail(db, [{ ...message(caseId, 1, queue), to_address: null, text_body: null }]);
    expect(await startMailAttempt(db, `${caseId}:1`)).toBeUndefined();
    await markMailErased(db, `${caseId}:1`);
    expect(await mailMessage(db, `${caseId}:1`)).toMatchObject({ status: 'erased', attempts: 0 });
  });

  it("an earlier release's rows (no queue) are pending for every queue and never claimed", async () => {
    const queue = `mail-${uid()}`;
    const caseId = `case-${uid()}`;
    await queueMail(db, [message(caseId, 1, null)]);
    expect(await mailMessage(db, `${caseId}:1`)).toMatchObject({ next_attempt_at: null });
    expect((await pendingMail(db, queue)).map((r) => r.id)).toContain(`${caseId}:1`);
    expect(await claimDueMail(db, queue, 20)).toEqual([]);
  });

  it("numbers notes on a closed case's timeline past any case event", async () => {
    const caseId = `case-${uid()}`;
    await appendClosedCaseNote(db, caseId, 'system:mail', 'first');
    await appendClosedCaseNote(db, caseId, 'system:mail', 'second');
    const events = await db
      .selectFrom('case_events')
      .select(['seq', 'type', 'data'])
      .where('case_id', '=', caseId)
      .orderBy('seq')
      .execute();
    expect(events).toEqual([
      { seq: 1_000_001, type: 'case.note_added', data: { text: 'first', visibility: 'internal' } },
      { seq: 1_000_002, type: 'case.note_added', data: { text: 'second', visibility: 'internal' } },
    ]);
  });
});
