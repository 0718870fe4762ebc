/**
 * People are told: inside the projection's transaction, the case events that concern staff become
 * notifications (one per event and person, domain/notifications/staff-notices.ts says who), the
 * stored `supervisor.notified` names who was told, and a person with an e-mail address gets a copy
 * of what this step told them through the mail outbox (kind `staff`, never a customer's message).
 */
import { createHash } from 'node:crypto';
import type { Transaction } from 'kysely';
import { queueMail } from '../db/mail-outbox.js';
import {
  insertNotifications,
  peopleOf,
  staffAddresses,
  toldOfEvents,
  type CaseFacts,
  type NewNotification,
} from '../db/notifications.js';
import type { Database } from '../db/schema.js';
import type { CaseProjection } from '../domain/case/projection.js';
import type { CaseEvent } from '../domain/case/types.js';
import {
  noticeMail,
  toldOf,
  type Audience,
  type NoticeFacts,
} from '../domain/notifications/staff-notices.js';
import type { MailQueueDeps } from './mail.js';

export interface StaffNoticeDeps {
  /** Names of the supervisor keys of CASE_API_KEYS: people the database does not list. */
  envSupervisors: readonly string[];
}

/** The kind of a staff member's mail copy in the outbox, apart from every customer message kind. */
export const STAFF_MAIL_KIND = 'staff';

/** What a notification keeps of its event: the case's number and the event's own facts. */
function noticeData(p: CaseProjection, e: CaseEvent): Record<string, unknown> {
  const { notified: _told, ...data } = e.data;
  return { ...data, number: p.view.number };
}

/**
 * Writes the notifications of the projection's events and returns the projection whose
 * `supervisor.notified` events name the people told (all of them, from earlier tries too), with the
 * ids of the mail copies still pending.
 */
export async function tellPeople(
  trx: Transaction<Database>,
  deps: StaffNoticeDeps,
  mail: MailQueueDeps | undefined,
  p: CaseProjection,
): Promise<{ projection: CaseProjection; mail: string[] }> {
  const view = p.view as CaseProjection['view'] & { team?: string | null };
  const facts: CaseFacts = { team: view.team ?? null, assignee: view.assignee, owner: view.owner };
  const rows: NewNotification[] = [];
  // A breach's three events tell the same audiences: each is looked up once per projection.
  const known = new Map<string, Promise<string[]>>();
  const resolve = (a: Audience) => {
    const key = JSON.stringify(a);
    if (!known.has(key)) known.set(key, peopleOf(trx, a, facts, deps.envSupervisors));
    return known.get(key)!;
  };
  for (const e of p.events) {
    const told = toldOf(e);
    if (!told) continue;
    const people = new Set<string>();
    for (const a of told.audiences) for (const person of await resolve(a)) people.add(person);
    for (const person of told.except) people.delete(person);
    for (const person of people)
      rows.push({ person, case_id: view.id, seq: e.seq, event_type: e.type, data: noticeData(p, e) });
  }
  const inserted = await insertNotifications(trx, rows);
  const notifiedSeqs = p.events.filter((e) => e.type === 'supervisor.notified').map((e) => e.seq);
  const told = await toldOfEvents(trx, view.id, notifiedSeqs);
  const projection =
    notifiedSeqs.length === 0
      ? p
      : {
          ...p,
          events: p.events.map((e) =>
            e.type === 'supervisor.notified'
              ? { ...e, data: { ...e.data, notified: told.get(e.seq) ?? [] } }
              : e,
          ),
        };
  const queued = mail ? await queueCopies(trx, mail, p, rows, inserted) : [];
  return { projection, mail: queued };
}

/**
 * One mail per person and step, holding what this step told them, only for notifications this call
 * inserted: a retried projection sends no second copy.
 */
async function queueCopies(
  trx: Transaction<Database>,
  mail: MailQueueDeps,
  p: CaseProjection,
  rows: NewNotification[],
  inserted: { person: string; seq: number }[],
): Promise<string[]> {
  if (inserted.length === 0) return [];
  const addresses = await staffAddresses(trx, [...new Set(inserted.map((r) => r.person))]);
  if (addresses.size === 0) return [];
  const isNew = new Set(inserted.map((r) => `${r.seq}:${r.person}`));
  const byPerson = new Map<string, NewNotification[]>();
  for (const r of rows)
    if (addresses.has(r.person) && isNew.has(`${r.seq}:${r.person}`))
      byPerson.set(r.person, [...(byPerson.get(r.person) ?? []), r]);
  const messages = [...byPerson].map(([person, notes]) => {
    const first = notes[0]!;
    const facts: NoticeFacts[] = notes.map((n) => ({
      type: n.event_type,
      number: p.view.number,
      data: n.data,
    }));
    const m = noticeMail(facts, mail.defaultLocale, mail.timeZone, undefined);
    // The person's name is hashed into the Message-ID: it is seen by every mail server on the way.
    const who = createHash('sha256').update(person).digest('hex').slice(0, 16);
    return {
      id: `staff:${p.view.id}:${first.seq}:${person}`,
      message_id: `<staff.${p.view.id}.${first.seq}.${who}@${mail.domain}>`,
      case_id: p.view.id,
      seq: first.seq,
      event_type: first.event_type,
      kind: STAFF_MAIL_KIND,
      locale: mail.defaultLocale,
      to_address: addresses.get(person)!,
      subject: m.subject,
      text_body: m.text,
      html_body: null,
      task_queue: mail.taskQueue,
    };
  });
  return queueMail(trx, messages);
}
