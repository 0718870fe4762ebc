/**
 * Customer notifications, the mail outbox: `queueMessages` writes one `mail_messages` row per
 * notifying event inside the projection's transaction (so a message exists exactly when its event
 * does), rendered once with the case's signed link. activities/mail-sender.ts sends the rows.
 */
import { createHash } from 'node:crypto';
import type { Transaction } from 'kysely';
import { agentName, policyNotifyKinds, queueMail } from '../db/mail-outbox.js';
import type { Database } from '../db/schema.js';
import type { CaseEvent, CaseView } from '../domain/case/types.js';
import {
  localeOf,
  messageKind,
  renderMessage,
  type Locale,
  type MessageKind,
} from '../domain/notifications/customer-messages.js';
import type { CustomerLinks } from '../platform/customer-links.js';
import { eventId } from './webhooks.js';

export interface MailQueueDeps {
  links: CustomerLinks;
  kinds: ReadonlySet<MessageKind>;
  defaultLocale: Locale;
  timeZone: string;
  /** The sender's domain, the right-hand side of every Message-ID. */
  domain: string;
  /** The mail task queue whose sender sends what is queued here. */
  taskQueue: string;
}

/** `<case.<case id>.<seq>@domain>`: one per event, the same on every try. */
export const messageIdFor = (caseId: string, seq: number, domain: string) =>
  `<case.${caseId}.${seq}@${domain}>`;

/**
 * An incident's public update reaches each customer once, however many of their cases it is linked
 * to: its row is keyed by the update and the customer, so the second case's event finds it written.
 */
function outboxKeys(view: CaseView, e: CaseEvent, kind: MessageKind, domain: string) {
  if (kind === 'incident' && typeof e.data.updateId === 'string') {
    const who = createHash('sha256').update(view.customer.id).digest('hex').slice(0, 20);
    return {
      id: `incident:${e.data.updateId}:${who}`,
      message_id: `<incident.${e.data.updateId}.${who}@${domain}>`,
    };
  }
  return { id: eventId(view.id, e.seq), message_id: messageIdFor(view.id, e.seq, domain) };
}

/** The kinds the case's policy sends (`notify`), or the deployment's when the policy names none. */
async function kindsFor(
  trx: Transaction<Database>,
  deps: MailQueueDeps,
  policy: string,
): Promise<ReadonlySet<string>> {
  const notify = await policyNotifyKinds(trx, policy);
  return notify ? new Set(notify) : deps.kinds;
}

/** The domain of `Name <user@domain>` or `user@domain`. */
export function senderDomain(from: string): string {
  const m = /@([A-Za-z0-9.-]+)>?\s*$/.exec(from);
  return m?.[1] ?? 'localhost';
}

/**
 * Queues the messages the events send, in the caller's transaction; returns the ids of the
 * messages of these events still pending (new or from an earlier try of the same step).
 */
export async function queueMessages(
  trx: Transaction<Database>,
  deps: MailQueueDeps,
  view: CaseView,
  events: CaseEvent[],
): Promise<string[]> {
  const candidates = events
    .map((e) => ({ e, kind: messageKind(e) }))
    .filter((x): x is { e: CaseEvent; kind: MessageKind } => !!x.kind);
  const to = view.customer.email;
  if (candidates.length === 0 || !to) return [];
  const kinds = await kindsFor(trx, deps, view.slaPolicy);
  const due = candidates.filter((x) => kinds.has(x.kind));
  if (due.length === 0) return [];
  const locale = localeOf(view.customer.locale, deps.defaultLocale);
  const assigneeName = view.assignee ? await agentName(trx, view.assignee) : null;
  const link = deps.links.url(view.id);
  const rows = due.map(({ e, kind }) => {
    const row = {
      ...outboxKeys(view, e, kind, deps.domain),
      case_id: view.id,
      seq: e.seq,
      event_type: e.type,
      kind,
      locale,
      to_address: to,
    };
    try {
      const m = renderMessage({
        kind,
        number: view.number,
        subject: view.subject,
        data: e.data,
        assigneeName,
        resolveBy: view.deadlines.resolveBy,
        link,
        locale,
        timeZone: deps.timeZone,
      });
      return {
        ...row,
        subject: m.subject,
        text_body: m.text,
        html_body: m.html,
        task_queue: deps.taskQueue,
      };
    } catch (err) {
      // A message that cannot be rendered must never hold the case back: it is recorded as failed.
      const last_error = `render failed: ${(err as Error).message}`.slice(0, 300);
      return { ...row, subject: null, text_body: null, html_body: null, status: 'failed', last_error };
    }
  });
  // A step re-decided after a lost workflow task keeps the message already queued for that event.
  return queueMail(trx, rows);
}
