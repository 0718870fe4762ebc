/**
 * db/webhooks.ts and db/projection.ts against a real PostgreSQL (a database of this file's own,
 * since its subscriptions take every event type): who receives what (integration or all, cases by
 * their opener, incidents by their linked cases), the subscription reads the routes make, and the
 * delivery rows as a queue.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, migrate, type Db } from '../../db/database.js';
import { linkCase, markTold } from '../../db/incident-projection.js';
import { writeProjection } from '../../db/projection.js';
import {
  claimDueDeliveries,
  findSubscription,
  insertSubscription,
  listDeliveries,
  listSubscriptions,
  nextClaimableAt,
  outboxPayloads,
  queueIncidentDeliveries,
  queuePing,
  recordAttempt,
  releaseDeliveries,
  rotateSecret,
  subscriptionsPendingForCase,
  subscriptionsWithPending,
  unsubscribe,
} from '../../db/webhooks.js';
import { applyCommand } from '../../domain/case/machine.js';
import { openCase } from '../../domain/case/opening.js';
import { toProjection, type CaseProjection } from '../../domain/case/projection.js';
import { caseInput } from '../support/case-input.js';
import { ownDatabase } from '../support/stack.js';

let db: Db;
beforeAll(async () => {
  db = createDb(await ownDatabase(), 4);
  await migrate(db);
});
afterAll(async () => {
  await db?.destroy();
});

const uid = () => randomUUID().replace(/-/g, '').slice(0, 12);

/** A case opened by `actor` and, optionally, accepted: the projections the workflow would make. */
function caseBy(actor: string) {
  const id = `case-${uid()}`;
  const opened = openCase(
    caseInput(id, {
      openedBy: actor,
      customer: { id: `cust-${uid()}`, name: 'Wang Fang', tier: 'standard' },
    }),
    {
      now: Date.now(),
      actor,
    },
  );
  const accepted = applyCommand(opened.state, { action: 'accept' }, { now: Date.now(), actor: 'agent:li' });
  return {
    id,
    opening: toProjection(opened.state, opened.events),
    acceptance: toProjection(accepted.state, accepted.events),
  };
}

/** Every event published, with a payload naming it. */
const publish = (p: CaseProjection) =>
  p.events.map((e) => ({
    event_id: `${p.view.id}:${e.seq}`,
    seq: e.seq,
    type: e.type,
    payload: { seq: e.seq },
  }));

const project = (p: CaseProjection) => writeProjection(db, p, publish(p));

async function subscribe(integration: string | null, events = ['*']) {
  return insertSubscription(db, {
    id: `whk_${uid()}`,
    url: 'https://hooks.example.org/in',
    events,
    secret: 'whsec_MDEyMzQ1Njc4OWFiY2RlZg==',
    integration,
  });
}

const deliveredTo = async (subscriptionId: string) =>
  (await listDeliveries(db, subscriptionId, { limit: 1000 })).map((d) => d.event_id).sort();

describe('who receives a case event', () => {
  it("an integration's subscription gets its own cases, on the first projection and later ones", async () => {
    const acme = `acme-${uid()}`;
    const globex = `globex-${uid()}`;
    const [acmeSub, globexSub, allSub, acceptOnly] = [
      await subscribe(acme),
      await subscribe(globex),
      await subscribe(null),
      await subscribe(null, ['case.accepted']),
    ];
    const a = caseBy(`integrator:${acme}`);
    const g = caseBy(`integrator:${globex}`);
    const byAgent = caseBy('agent:li');
    // The opening: the opener is in the statement's own events, not yet in the table.
    const first = await project(a.opening);
    expect(first.subscriptions.sort()).toEqual([acmeSub.id, allSub.id].sort());
    expect([...first.inserted]).toEqual(a.opening.events.map((e) => e.seq));
    await project(g.opening);
    await project(byAgent.opening);
    // A later projection: the opener is read from the stored first event.
    const later = await project(a.acceptance);
    expect(later.subscriptions.sort()).toEqual([acmeSub.id, allSub.id, acceptOnly.id].sort());
    await project(g.acceptance);

    const ids = (c: ReturnType<typeof caseBy>) =>
      [...c.opening.events, ...c.acceptance.events].map((e) => `${c.id}:${e.seq}`);
    const acceptanceIds = (c: ReturnType<typeof caseBy>) =>
      c.acceptance.events.filter((e) => e.type === 'case.accepted').map((e) => `${c.id}:${e.seq}`);
    expect(await deliveredTo(acmeSub.id)).toEqual(ids(a).sort());
    expect(await deliveredTo(globexSub.id)).toEqual(ids(g).sort());
    expect(await deliveredTo(allSub.id)).toEqual(
      [...ids(a), ...ids(g), ...byAgent.opening.events.map((e) => `${byAgent.id}:${e.seq}`)].sort(),
    );
    expect(await deliveredTo(acceptOnly.id)).toEqual([...acceptanceIds(a), ...acceptanceIds(g)].sort());

    // The same step again (a re-decided workflow task): nothing twice, the deliveries still due.
    const again = await project(a.acceptance);
    expect(again.subscriptions.sort()).toEqual([acmeSub.id, allSub.id, acceptOnly.id].sort());
    expect(again.inserted.size).toBe(0);
    expect(await deliveredTo(acmeSub.id)).toEqual(ids(a).sort());
    expect((await subscriptionsPendingForCase(db, a.id, 99)).sort()).toEqual(
      [acmeSub.id, allSub.id, acceptOnly.id].sort(),
    );
    for (const s of [acmeSub, globexSub, allSub, acceptOnly]) await unsubscribe(db, s.id);
  });

  it("an incident's events reach an integration only while one of its cases is linked", async () => {
    const acme = `acme-${uid()}`;
    const [acmeSub, otherSub, allSub] = [
      await subscribe(acme),
      await subscribe(`other-${uid()}`),
      await subscribe(null),
    ];
    const a = caseBy(`integrator:${acme}`);
    await project(a.opening);
    const incidentId = `inc-${uid()}`;
    const event = async (seq: number) => {
      const id = `incident:${incidentId}:${seq}`;
      await db
        .insertInto('outbox')
        .values({
          event_id: id,
          case_id: `incident:${incidentId}`,
          seq,
          type: 'incident.updated',
          payload: '{}',
        })
        .execute();
      return id;
    };
    const before = await event(1);
    expect(await queueIncidentDeliveries(db, incidentId, [before])).toEqual([allSub.id]);
    await linkCase(db, { incidentId, caseId: a.id, actor: 'agent:li', toldUpTo: 0 });
    const during = await event(2);
    expect((await queueIncidentDeliveries(db, incidentId, [during])).sort()).toEqual(
      [acmeSub.id, allSub.id].sort(),
    );
    await markTold(db, incidentId, a.id, 2, true);
    const after = await event(3);
    expect(await queueIncidentDeliveries(db, incidentId, [after])).toEqual([allSub.id]);
    expect(await deliveredTo(acmeSub.id)).toEqual(
      [...a.opening.events.map((e) => `${a.id}:${e.seq}`), during].sort(),
    );
    expect(await deliveredTo(otherSub.id)).toEqual([]);
    for (const s of [acmeSub, otherSub, allSub]) await unsubscribe(db, s.id);
  });
});

describe('subscriptions', () => {
  it('are listed and found per integration; another integration finds nothing', async () => {
    const acme = `acme-${uid()}`;
    const mine = await subscribe(acme);
    const admins = await subscribe(null);
    expect((await listSubscriptions(db, acme)).map((s) => s.id)).toEqual([mine.id]);
    expect((await listSubscriptions(db)).map((s) => s.id)).toEqual(
      expect.arrayContaining([mine.id, admins.id]),
    );
    expect(await findSubscription(db, mine.id, { integration: acme })).toMatchObject({ id: mine.id });
    expect(await findSubscription(db, mine.id, { integration: 'someone-else' })).toBeUndefined();
    expect(await findSubscription(db, admins.id, { integration: acme })).toBeUndefined();
    expect(await findSubscription(db, admins.id)).toMatchObject({ integration: null });

    const until = new Date(Date.now() + 60_000);
    const rotated = await rotateSecret(db, mine.id, 'whsec_bmV3LXNlY3JldC0wMTIzNDU2Nw==', until);
    expect(rotated).toMatchObject({
      secret: 'whsec_bmV3LXNlY3JldC0wMTIzNDU2Nw==',
      previous_secret: mine.secret,
    });
    expect(rotated.previous_secret_until).toEqual(until);

    expect(await unsubscribe(db, mine.id)).toBe(true);
    expect(await findSubscription(db, mine.id, { integration: acme })).toBeUndefined();
    expect(await findSubscription(db, mine.id, { integration: acme, ended: true })).toMatchObject({
      active: false,
    });
    expect(await unsubscribe(db, `whk_${uid()}`)).toBe(false);
    await unsubscribe(db, admins.id);
  });
});

describe('the delivery queue', () => {
  it('claims what is due, case by case in order, records attempts, and releases', async () => {
    const sub = await subscribe(`q-${uid()}`);
    const ping = await queuePing(db, sub.id, {
      id: `ping:${uid()}`,
      type: 'webhook.ping',
      payload: { hello: 1 },
    });
    expect(ping).toMatchObject({ case_id: `ping:${sub.id}`, seq: 0, status: 'pending' });
    expect(await subscriptionsWithPending(db)).toContain(sub.id);
    const claimed = await claimDueDeliveries(db, sub.id);
    expect(claimed.map((c) => c.event_id)).toEqual([ping.event_id]);
    // Claimed: a second pass gets nothing until the claim lapses or is released.
    expect(await claimDueDeliveries(db, sub.id)).toEqual([]);
    expect((await outboxPayloads(db, [ping.event_id])).get(ping.event_id)).toEqual({ hello: 1 });
    await releaseDeliveries(db, sub.id, [ping.event_id]);
    expect((await claimDueDeliveries(db, sub.id)).length).toBe(1);

    const retryAt = new Date(Date.now() + 3_600_000);
    await recordAttempt(db, sub.id, ping.event_id, {
      status: 'pending',
      attempts: 1,
      statusCode: 503,
      error: 'HTTP 503',
      nextAttemptAt: retryAt,
    });
    expect(await claimDueDeliveries(db, sub.id)).toEqual([]);
    expect(await nextClaimableAt(db, sub.id)).toBe(retryAt.getTime());
    const [row] = await listDeliveries(db, sub.id, { limit: 10 });
    expect(row).toMatchObject({
      attempts: 1,
      last_status_code: 503,
      last_error: 'HTTP 503',
      status: 'pending',
    });

    // Unsubscribed: pending deliveries are cancelled, and a late attempt's record leaves them so.
    await unsubscribe(db, sub.id);
    await recordAttempt(db, sub.id, ping.event_id, {
      status: 'delivered',
      attempts: 2,
      statusCode: 204,
      error: null,
      nextAttemptAt: new Date(),
    });
    expect((await listDeliveries(db, sub.id, { limit: 10 }))[0]).toMatchObject({ status: 'cancelled' });
    expect(await subscriptionsWithPending(db)).not.toContain(sub.id);
    expect(await nextClaimableAt(db, sub.id)).toBeNull();
  });
});
