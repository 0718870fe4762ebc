/**
 * db/incident-projection.ts and db/retention.ts against a real PostgreSQL: the incident row only
 * moves forward, links survive a re-link, the fan-out's pages find exactly the cases not yet told,
 * and retention finds long-closed cases and drops old idempotency keys.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, migrate, type Db } from '../../db/database.js';
import { ownDatabase } from '../support/stack.js';
import {
  casesBehindMessage,
  existingCaseIds,
  insertIncidentOutbox,
  isLinked,
  linkCase,
  markTold,
  upsertIncident,
  type IncidentRow,
} from '../../db/incident-projection.js';
import { casesToErase, purgeIdempotencyKeys } from '../../db/retention.js';

let db: Db;
beforeAll(async () => {
  // Its own database: its open incidents would otherwise be matched against other files' cases.
  db = createDb(await ownDatabase(), 4);
  await migrate(db);
});
afterAll(async () => {
  await db?.destroy();
});

const uid = () => randomUUID().slice(0, 8);

function incident(id: string, seq: number, title: string): IncidentRow {
  const now = new Date().toISOString();
  return {
    id,
    number: `INC-${id}`,
    title,
    kind: 'outage',
    severity: 'major',
    status: 'open',
    breached: false,
    messages: 0,
    first_message_at: null,
    created_at: now,
    updated_at: now,
    closed_at: null,
    seq,
    view: JSON.stringify({ id, title, scope: { products: [], customerIds: [], caseTypes: [] } }),
  };
}

describe('incidents', () => {
  it('the row moves forward only; its outbox events are written once', async () => {
    const id = `inc-${uid()}`;
    await upsertIncident(db, incident(id, 2, 'second'));
    await upsertIncident(db, incident(id, 1, 'stale'));
    const row = await db
      .selectFrom('incidents')
      .select(['title', 'seq'])
      .where('id', '=', id)
      .executeTakeFirst();
    expect(row).toEqual({ title: 'second', seq: 2 });
    const ev = { event_id: `incident:${id}:2`, seq: 2, type: 'incident.updated', payload: { n: 1 } };
    await insertIncidentOutbox(db, id, [ev]);
    await insertIncidentOutbox(db, id, [{ ...ev, payload: { n: 2 } }]);
    const out = await db
      .selectFrom('outbox')
      .select(['case_id', 'payload'])
      .where('event_id', '=', ev.event_id)
      .execute();
    expect(out).toEqual([{ case_id: `incident:${id}`, payload: { n: 1 } }]);
  });

  it('links, pages the cases behind a message, and marks them told or unlinked', async () => {
    const id = `inc-${uid()}`;
    const cases = ['a', 'b', 'c'].map((x) => `${x}-${uid()}`).sort();
    for (const caseId of cases)
      await linkCase(db, { incidentId: id, caseId, actor: 'agent:li', toldUpTo: 0 });
    expect(await casesBehindMessage(db, id, 1, '', 2)).toEqual(cases.slice(0, 2));
    expect(await casesBehindMessage(db, id, 1, cases[1]!, 2)).toEqual([cases[2]]);
    await markTold(db, id, cases[0]!, 1, false);
    await markTold(db, id, cases[1]!, 1, true);
    expect(await casesBehindMessage(db, id, 1, '', 10)).toEqual([cases[2]]);
    expect(await isLinked(db, id, cases[1]!)).toBe(false);
    // A re-link keeps how far the case was told.
    await linkCase(db, { incidentId: id, caseId: cases[1]!, actor: 'agent:wang', toldUpTo: 0 });
    expect(await isLinked(db, id, cases[1]!)).toBe(true);
    expect(await casesBehindMessage(db, id, 1, '', 10)).toEqual([cases[2]]);
    expect(await casesBehindMessage(db, id, 2, '', 10)).toEqual(cases);
  });

  it('knows which case ids exist', async () => {
    const [row] = await db.selectFrom('cases').select('id').limit(1).execute();
    const ghost = `ghost-${uid()}`;
    const known = await existingCaseIds(db, row ? [row.id, ghost] : [ghost]);
    expect(known.has(ghost)).toBe(false);
    if (row) expect(known.has(row.id)).toBe(true);
  });
});

describe('retention', () => {
  it('finds cases closed before the cutoff and drops idempotency keys older than asked', async () => {
    const long = `ret-${uid()}`;
    const recent = `ret-${uid()}`;
    const closed = (id: string, at: Date) => ({
      id,
      number: `N-${id}`,
      type: 'inquiry',
      channel: 'api',
      status: 'closed',
      priority: 'normal',
      level: 1,
      customer_id: `cust-${uid()}`,
      assignee: null,
      owner: null,
      sla_policy: 'test',
      breached: false,
      next_deadline: null,
      reopen_count: 0,
      rating_score: null,
      first_contact_resolution: false,
      accepted_at: null,
      resolved_at: null,
      response_business_ms: null,
      resolution_business_ms: null,
      created_at: at,
      updated_at: at,
      closed_at: at,
      seq: 1,
      view: JSON.stringify({}),
    });
    const cutoff = new Date('2001-01-01T00:00:00Z');
    await db
      .insertInto('cases')
      .values([
        closed(long, new Date('2000-06-01T00:00:00Z')),
        closed(recent, new Date('2001-06-01T00:00:00Z')),
      ])
      .execute();
    const ids = await casesToErase(db, cutoff, 1000);
    expect(ids).toContain(long);
    expect(ids).not.toContain(recent);

    const key = `idem-${uid()}`;
    await db
      .insertInto('idempotency_keys')
      .values({
        scope: 'test',
        key,
        case_id: long,
        request_hash: 'h',
        created_at: new Date('2000-01-01T00:00:00Z'),
      })
      .execute();
    expect(await purgeIdempotencyKeys(db, new Date('2000-01-02T00:00:00Z'))).toBeGreaterThanOrEqual(1);
    expect(await db.selectFrom('idempotency_keys').select('key').where('key', '=', key).execute()).toEqual(
      [],
    );
    await db.deleteFrom('cases').where('id', 'in', [long, recent]).execute();
  });
});
