/** db/incidents.ts and db/cases.ts against a real PostgreSQL. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseEvents, findCaseView, knownCaseIds } from '../../db/cases.js';
import {
  findIncidentView,
  incidentReportRows,
  linkedCaseCount,
  linkedCases,
  listIncidentViews,
  nextIncidentNumber,
} from '../../db/incidents.js';
import { createDb, migrate, type Db } from '../../db/database.js';
import type { IncidentView } from '../../domain/incident/types.js';
import { ownDatabase } from '../support/stack.js';
import { fresh, insertCase } from './rows.js';

// Its own database: its far-future open incidents lead every incident list, and each staff read of
// a case in the shared database would match cases against them.
let db: Db;
beforeAll(async () => {
  db = createDb(await ownDatabase(), 4);
  await migrate(db);
});
afterAll(() => db?.destroy());

async function insertIncident(status: string, createdAt: Date): Promise<string> {
  const id = fresh('inc_');
  const view = {
    id,
    status,
    title: 't',
    scope: { products: [], customerIds: [], caseTypes: [] },
  } as unknown as IncidentView;
  await db
    .insertInto('incidents')
    .values({
      id,
      number: `INC-T-${id}`,
      title: 't',
      kind: 'outage',
      severity: 'major',
      status,
      breached: false,
      messages: 0,
      first_message_at: null,
      created_at: createdAt,
      updated_at: createdAt,
      closed_at: null,
      seq: 1,
      view: JSON.stringify(view),
    })
    .execute();
  return id;
}

const link = (incident_id: string, case_id: string, linked_at: Date, unlinked_at: Date | null = null) =>
  db
    .insertInto('incident_cases')
    .values({ incident_id, case_id, linked_at, linked_by: 'agent:a', unlinked_at })
    .execute();

describe('incidents in the read model', () => {
  it('draws increasing numbers and finds, lists (newest first, by status) incident views', async () => {
    const a = await nextIncidentNumber(db);
    expect(await nextIncidentNumber(db)).toBeGreaterThan(a);
    // Far in the future (later on each run), so they lead the newest-first list whatever else the database holds.
    const future = Date.UTC(2099, 0, 1) + Date.now();
    const open = await insertIncident('open', new Date(future));
    const resolved = await insertIncident('resolved', new Date(future + 1000));
    expect((await findIncidentView(db, open))?.id).toBe(open);
    expect(await findIncidentView(db, fresh('inc_'))).toBeUndefined();
    expect((await listIncidentViews(db, { limit: 2 })).map((v) => v.id)).toEqual([resolved, open]);
    const openOnes = await listIncidentViews(db, { status: ['open', 'monitoring'], limit: 1 });
    expect(openOnes.map((v) => v.id)).toEqual([open]);
    expect((await listIncidentViews(db, { status: 'resolved', limit: 1 })).map((v) => v.id)).toEqual([
      resolved,
    ]);
  });

  it("counts and lists the linked cases, and reads the incident report's figures", async () => {
    const incident = await insertIncident('open', new Date('2030-01-01T00:00:00Z'));
    const customerId = fresh('cus_');
    const t = (h: number, m = 0) => new Date(Date.UTC(2030, 0, 1, h, m));
    const a = await insertCase(db, { customerId, status: 'closed', ratingScore: 4 });
    const b = await insertCase(db, { customerId, status: 'new' });
    const c = await insertCase(db, { customerId, status: 'new', ratingScore: 4 });
    await link(incident, a, t(1, 10));
    await link(incident, b, t(1, 50));
    await link(incident, c, t(3), t(4));
    await db
      .insertInto('case_events')
      .values({
        case_id: a,
        seq: 2,
        at: t(5),
        type: 'case.incident_update',
        actor: 'agent:a',
        data: JSON.stringify({ incidentId: incident }),
      })
      .execute();
    expect(await linkedCaseCount(db, incident)).toBe(2);
    expect((await linkedCases(db, incident)).map((r) => r.case_id)).toEqual([a, b]);
    const rows = await incidentReportRows(db, incident);
    expect(rows.hours.map((r) => [new Date(r.hour).toISOString(), r.linked])).toEqual([
      [t(1).toISOString(), 2],
      [t(3).toISOString(), 1],
    ]);
    expect(rows.statuses).toEqual(
      expect.arrayContaining([
        { status: 'closed', current: true, n: 1 },
        { status: 'new', current: true, n: 1 },
        { status: 'new', current: false, n: 1 },
      ]),
    );
    expect(rows.ratings).toEqual([{ score: 4, n: 2 }]);
    expect(rows.timelineEntries).toBe(1);
  });
});

describe('cases in the read model', () => {
  it('finds a view (within a scope), its events in order, and which ids exist', async () => {
    const customerId = fresh('cus_');
    const id = await insertCase(db, { customerId, openedBy: 'integrator:shop' });
    await db
      .insertInto('case_events')
      .values({
        case_id: id,
        seq: 2,
        at: new Date(),
        type: 'case.note',
        actor: 'agent:a',
        data: JSON.stringify({}),
      })
      .execute();
    expect((await findCaseView(db, id))?.id).toBe(id);
    expect((await findCaseView(db, id, 'integrator:shop'))?.id).toBe(id);
    expect(await findCaseView(db, id, 'integrator:other')).toBeUndefined();
    expect((await caseEvents(db, id)).map((e) => [e.seq, e.type])).toEqual([
      [1, 'case.opened'],
      [2, 'case.note'],
    ]);
    const unknown = fresh('c');
    expect(await knownCaseIds(db, [id, unknown])).toEqual(new Set([id]));
    expect(await knownCaseIds(db, [])).toEqual(new Set());
  });
});
