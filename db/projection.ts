/**
 * The case projection: the case row, its new events, their outbox rows and one webhook delivery
 * per subscription that wants them and may see the case, as ONE statement of data-modifying CTEs.
 */
import { sql, type Insertable, type Kysely, type QueryCreator } from 'kysely';
import type { CaseProjection } from '../domain/case/projection.js';
import type { Database } from './schema.js';
import { mayReceiveCase, wantsType } from './webhooks.js';

type CaseRow = Insertable<Database['cases']> & { id: string };

/** What an event publishes to webhooks (the activity renders the payload). */
export interface PublishedEvent {
  event_id: string;
  seq: number;
  type: string;
  payload: unknown;
}

/** The read-model row of a revealed projection: the view plus the columns lists and reports use. */
export function projectionRow(p: CaseProjection): CaseRow {
  const v = p.view;
  return {
    id: v.id,
    number: v.number,
    type: v.type,
    channel: v.channel,
    status: v.status,
    priority: v.priority,
    level: v.level,
    customer_id: v.customer.id,
    assignee: v.assignee,
    owner: v.owner,
    sla_policy: v.slaPolicy,
    breached: p.breached,
    next_deadline: p.nextDeadline,
    reopen_count: v.reopenCount,
    rating_score: v.rating?.score ?? null,
    first_contact_resolution: p.firstContactResolution,
    accepted_at: p.acceptedAt,
    resolved_at: p.resolvedAt,
    response_business_ms: p.responseBusinessMs ?? null,
    resolution_business_ms: p.resolutionBusinessMs ?? null,
    created_at: v.createdAt,
    updated_at: v.updatedAt,
    closed_at: v.closedAt,
    seq: p.seq,
    view: JSON.stringify(v),
  };
}

/**
 * Writes a revealed projection atomically without a transaction, one round trip per change.
 * Events are keyed by (case, seq) and the row only moves forward; an equal seq overwrites, so a
 * step re-decided after a lost workflow task replaces what the first attempt wrote.
 * A subscription of an integration gets only the events of cases that integration opened (the
 * actor of event 1: in this statement's events for a new case, else already stored).
 * Returns the deliveries due (existing ones included: a re-decided step must still send them) and
 * the events this statement inserted rather than overwrote.
 */
export async function writeProjection(
  db: Kysely<Database>,
  p: CaseProjection,
  published: PublishedEvent[],
): Promise<{ subscriptions: string[]; inserted: Set<number> }> {
  const row = projectionRow(p);
  const { id: _id, ...rest } = row;
  const upsertCase = (q: QueryCreator<Database>) =>
    q
      .insertInto('cases')
      .values(row)
      .onConflict((oc) =>
        oc
          .column('id')
          .doUpdateSet(
            (eb) =>
              Object.fromEntries(Object.keys(rest).map((k) => [k, eb.ref(`excluded.${k}` as any)])) as any,
          )
          .where('cases.seq', '<=', (eb) => eb.ref('excluded.seq')),
      )
      .returning('id');
  if (p.events.length === 0) {
    await upsertCase(db).execute();
    return { subscriptions: [], inserted: new Set() };
  }
  // The CTEs see the tables as they were before this statement: a new case's opener is in its events.
  const opener = sql<string | null>`coalesce(
    (SELECT actor FROM written_events WHERE seq = 1),
    (SELECT actor FROM case_events WHERE case_id = ${row.id} AND seq = 1))`;
  const rows = await db
    .with('written_case', upsertCase)
    .with('written_events', (q) =>
      q
        .insertInto('case_events')
        .values(
          p.events.map((e) => ({
            case_id: row.id,
            seq: e.seq,
            at: e.at,
            type: e.type,
            actor: e.actor,
            data: JSON.stringify(e.data),
          })),
        )
        .onConflict((oc) =>
          oc.columns(['case_id', 'seq']).doUpdateSet((eb) => ({
            at: eb.ref('excluded.at'),
            type: eb.ref('excluded.type'),
            actor: eb.ref('excluded.actor'),
            data: eb.ref('excluded.data'),
          })),
        )
        // xmax = 0 marks a row this statement inserted (not one it updated).
        .returning(['seq', 'actor', sql<boolean>`xmax = 0`.as('inserted')]),
    )
    .with('written_outbox', (q) =>
      // An internal note alone publishes nothing: the CTE then selects no row.
      published.length === 0
        ? q
            .selectFrom('outbox')
            .select(['event_id', 'seq', 'type'])
            .where(sql<boolean>`false`)
        : q
            .insertInto('outbox')
            .values(
              published.map((e) => ({
                event_id: e.event_id,
                case_id: row.id,
                seq: e.seq,
                type: e.type,
                payload: JSON.stringify(e.payload),
              })),
            )
            .onConflict((oc) =>
              oc.column('event_id').doUpdateSet((eb) => ({
                type: eb.ref('excluded.type'),
                payload: eb.ref('excluded.payload'),
              })),
            )
            .returning(['event_id', 'seq', 'type']),
    )
    .with('due', (q) =>
      q
        .selectFrom('webhook_subscriptions as s')
        .innerJoin('written_outbox as o', (j) => j.on(wantsType))
        .where('s.active', '=', true)
        .where(mayReceiveCase(opener))
        .select(['s.id as subscription_id', 'o.event_id', 'o.seq']),
    )
    .with('queued', (q) =>
      q
        .insertInto('webhook_deliveries')
        .columns(['subscription_id', 'event_id', 'case_id', 'seq'])
        .expression((eb) =>
          eb.selectFrom('due').select(['subscription_id', 'event_id', sql.val(row.id).as('case_id'), 'seq']),
        )
        .onConflict((oc) => oc.columns(['subscription_id', 'event_id']).doNothing())
        .returning('event_id'),
    )
    .selectFrom('written_events')
    .select([
      'seq',
      'inserted',
      (eb) =>
        eb
          .selectFrom('due')
          .select(sql<string[]>`coalesce(array_agg(DISTINCT subscription_id), '{}')`.as('ids'))
          .as('subscriptions'),
    ])
    .execute();
  return {
    subscriptions: rows[0]?.subscriptions ?? [],
    inserted: new Set(rows.filter((r) => r.inserted).map((r) => r.seq)),
  };
}
