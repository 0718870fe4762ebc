/** Erasure of the mail outbox's personal data (see activities/mail.ts). */
import type { Transaction } from 'kysely';
import type { Database } from './schema.js';

/** Erasure: message bodies and addresses go; what is still unsent is never sent. */
export async function scrubMail(trx: Transaction<Database>, caseIds: string[]): Promise<void> {
  if (caseIds.length === 0) return;
  await trx
    .updateTable('mail_messages')
    .set((eb) => ({
      to_address: null,
      subject: null,
      text_body: null,
      html_body: null,
      last_error: null,
      status: eb.case().when('status', '=', 'pending').then('erased').else(eb.ref('status')).end(),
    }))
    .where('case_id', 'in', caseIds)
    .execute();
}
