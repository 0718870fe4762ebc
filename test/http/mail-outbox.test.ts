/**
 * The mail outbox's sender on the real stack (dev server, PostgreSQL, an SMTP server): messages go
 * out through the task queue's one sender workflow, never a workflow per message; a message another
 * sender still holds waits for that claim to lapse, then goes out once; a message an earlier
 * release queued (no attempt time) is sent by that release's per-message workflow, once.
 */
import { randomUUID } from 'node:crypto';
import { WorkflowNotFoundError } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import nodemailer from 'nodemailer';
import pino from 'pino';
import { sendOne } from '../../activities/mail-sender.js';
import { scrubMail } from '../../db/mail-erasure.js';
import { mailWaker, wakePendingMail } from '../../app/mail-delivery.js';
import { mailOutboxWorkflowId, mailWorkflowId } from '../../workflows/mail.js';
import { newCaseBody, startTestStack, type TestStack } from '../support/stack.js';
import { TestSmtp } from '../support/smtp.js';
import { sleep, until } from '../support/until.js';

let s: TestStack;
let smtp: TestSmtp;
const mailQueue = () => `${s.taskQueue}-mail`;
const email = () => `outbox-${randomUUID().slice(0, 8)}@example.com`;

beforeAll(async () => {
  smtp = await new TestSmtp().start();
  s = await startTestStack({ SMTP_URL: smtp.url, MAIL_FROM: 'Service <service@outbox.example>' });
});
afterAll(async () => {
  await s?.stop();
  await smtp?.stop();
});

/** A message queued by hand, as the projection would (or as an earlier release did: `legacy`). */
async function queued(to: string, o: { legacy?: boolean; lockedForMs?: number } = {}) {
  const caseId = `case-${randomUUID()}`;
  const id = `${caseId}:1`;
  await s.db
    .insertInto('mail_messages')
    .values({
      id,
      case_id: caseId,
      seq: 1,
      event_type: 'case.opened',
      kind: 'received',
      locale: 'en',
      message_id: `<case.${caseId}.1@outbox.example>`,
      to_address: to,
      subject: 'We have received your request',
      text_body: 'Hello',
      html_body: null,
      // (An earlier release's row names no queue either; here it does, so only this stack takes it.)
      task_queue: mailQueue(),
      ...(o.legacy ? {} : { next_attempt_at: new Date() }),
      ...(o.lockedForMs ? { locked_until: new Date(Date.now() + o.lockedForMs) } : {}),
    })
    .execute();
  return id;
}

const status = async (id: string) =>
  (await s.db.selectFrom('mail_messages').select('status').where('id', '=', id).executeTakeFirstOrThrow())
    .status;

describe('the mail outbox', () => {
  it("sends a case's messages through the task queue's one sender workflow, none per message", async () => {
    const to = email();
    const opened = await s.call(
      'integrator',
      'POST',
      '/v1/cases',
      newCaseBody({ type: 'complaint', customer: { name: 'Wang Fang', email: to, locale: 'en' } }),
    );
    expect(opened.status).toBe(201);
    expect((await s.call('agent', 'POST', `/v1/cases/${opened.body.id}/accept`, {})).status).toBe(200);
    expect(await until(() => smtp.to(to).length === 2, 30_000)).toBe(true);
    const sender = await s.client.workflow.getHandle(mailOutboxWorkflowId(mailQueue())).describe();
    expect(sender.type).toBe('mailOutbox');
    const rows = await s.db
      .selectFrom('mail_messages')
      .select('id')
      .where('case_id', '=', opened.body.id)
      .execute();
    expect(rows).toHaveLength(2);
    for (const { id } of rows) {
      await expect(s.client.workflow.getHandle(mailWorkflowId(id)).describe()).rejects.toBeInstanceOf(
        WorkflowNotFoundError,
      );
    }
  });

  it('leaves a message another sender holds until its claim lapses, then sends it once', async () => {
    const to = email();
    // As if a worker that died mid-send held it for 4 s more.
    const id = await queued(to, { lockedForMs: 4000 });
    const woken = Date.now();
    await mailWaker(s.client, mailQueue())();
    await sleep(2500);
    expect(smtp.to(to)).toHaveLength(0);
    expect(await until(() => smtp.to(to).length > 0, 20_000)).toBe(true);
    expect(Date.now() - woken).toBeGreaterThanOrEqual(3500);
    expect(await until(async () => (await status(id)) === 'sent', 5000)).toBe(true);
    await sleep(1500);
    expect(smtp.to(to)).toHaveLength(1);
  });

  it("sends a message an earlier release queued through that release's own workflow, once", async () => {
    const to = email();
    const id = await queued(to, { legacy: true });
    await mailWaker(s.client, mailQueue())();
    await sleep(2000);
    // The outbox's sender leaves it alone: its own workflow sends it.
    expect(smtp.to(to)).toHaveLength(0);
    expect(await wakePendingMail(s.db, s.client, mailQueue(), 60_000)).toBeGreaterThan(0);
    expect(await s.client.workflow.getHandle(mailWorkflowId(id)).result()).toBe('sent');
    expect(await status(id)).toBe('sent');
    await sleep(1500);
    expect(smtp.to(to)).toHaveLength(1);
  });

  it('does not send a message erased after a pass claimed it', async () => {
    const to = email();
    const id = await queued(to, { lockedForMs: 60_000 }); // claimed: the stack's sender leaves it
    const claimed = await s.db
      .selectFrom('mail_messages')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    await s.db.transaction().execute((trx) => scrubMail(trx, [claimed.case_id]));
    const outcome = await sendOne(
      {
        db: s.db,
        logger: pino({ level: 'silent' }),
        transport: nodemailer.createTransport(smtp.url),
        from: 'service@outbox.example',
        client: s.client,
        taskQueue: mailQueue(),
        retryForMs: 60_000,
      },
      claimed, // as the pass holds it: address and body still in hand
    );
    expect(outcome).toEqual({ status: 'erased' });
    await sleep(500);
    expect(smtp.to(to)).toHaveLength(0);
    const row = await s.db
      .selectFrom('mail_messages')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect({ status: row.status, attempts: row.attempts, to: row.to_address }).toEqual({
      status: 'erased',
      attempts: 0,
      to: null,
    });
  });
});
