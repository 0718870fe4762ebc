/**
 * The projection activity against a real PostgreSQL, with the API's and the worker's personal-data
 * keys held by separate instances (separate processes in production): once a customer is erased,
 * no later projection puts their data back, even from a worker that revealed the case a moment
 * before (and would have had the key cached).
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { createActivities } from '../../activities/case.js';
import { createDb, type Db } from '../../db/database.js';
import { ERASED, PersonalData } from '../../db/personal-data.js';
import { applyCommand } from '../../domain/case/machine.js';
import { openCase } from '../../domain/case/opening.js';
import { toProjection } from '../../domain/case/projection.js';
import type { OpenCaseInput } from '../../domain/case/types.js';
import { parseEncryptionKeys } from '../../platform/payload-codec.js';
import { caseInput } from '../support/case-input.js';
import { TEST_ENCRYPTION_KEYS } from '../support/stack.js';

let db: Db;
beforeAll(() => {
  db = createDb(inject('databaseUrl'), 4);
});
afterAll(async () => {
  await db?.destroy();
});

/** An opening as the API makes it: subject, description and contact fields sealed with the case's key. */
async function sealedOpening(api: PersonalData, id: string, customerId: string): Promise<OpenCaseInput> {
  const sealed = await api.seal(id, customerId, {
    subject: 'Router keeps rebooting',
    description: 'Call Wang Fang on +86 139 1111 2222',
    name: 'Wang Fang',
    email: 'wang.fang@example.com',
  });
  return caseInput(id, {
    subject: sealed.subject!,
    description: sealed.description!,
    customer: { id: customerId, name: sealed.name!, email: sealed.email!, tier: 'standard' },
  });
}

describe('projecting an erased case', () => {
  it('writes [erased], never the data, even right after the worker revealed it', async () => {
    const keys = parseEncryptionKeys(TEST_ENCRYPTION_KEYS);
    const api = new PersonalData(db, keys);
    const worker = new PersonalData(db, keys); // its own key cache, as in the worker process
    const activities = createActivities({
      db,
      logger: pino({ level: 'silent' }),
      personalData: worker,
      wakeDeliveries: async () => {},
    });

    const id = `erasure-${randomUUID().slice(0, 8)}`;
    const customerId = `cust-${randomUUID().slice(0, 8)}`;
    const input = await sealedOpening(api, id, customerId);
    const opened = openCase(input, { now: Date.now(), actor: 'integrator:test' });
    await activities.projectCase(toProjection(opened.state, opened.events));
    const view = async () =>
      (await db.selectFrom('cases').select('view').where('id', '=', id).executeTakeFirstOrThrow()).view;
    expect((await view()).subject).toBe('Router keeps rebooting');
    // The worker has just used the key (a reveal through its cache would still hold it).
    expect((await worker.reveal(input)).customer.name).toBe('Wang Fang');

    await api.eraseCustomer(customerId);
    expect((await view()).subject).toBe(ERASED);

    // The workflow still holds the sealed values: its next change is projected with them.
    const noted = applyCommand(
      opened.state,
      {
        action: 'notes',
        text: (await api.seal(id, customerId, { text: 'left a voicemail' })).text!,
        visibility: 'internal',
      },
      { now: Date.now(), actor: 'agent:test' },
    );
    await activities.projectCase(toProjection(noted.state, noted.events));
    const after = await view();
    expect(after.subject).toBe(ERASED);
    expect(after.description).toBe(ERASED);
    expect(after.customer.name).toBe(ERASED);
    expect(JSON.stringify(after)).not.toContain('Wang Fang');
    expect(JSON.stringify(after)).not.toContain('wang.fang@example.com');
    const opening = await db
      .selectFrom('case_events')
      .select('data')
      .where('case_id', '=', id)
      .where('seq', '=', 1)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(opening.data)).not.toContain('Router keeps rebooting');
  });
});

describe('an erasure racing a case projected for the first time', () => {
  it('scrubs the new case too: the cases are found inside the transaction that destroys the keys', async () => {
    const keys = parseEncryptionKeys(TEST_ENCRYPTION_KEYS);
    const api = new PersonalData(db, keys);
    const activities = createActivities({
      db,
      logger: pino({ level: 'silent' }),
      personalData: new PersonalData(db, keys),
      wakeDeliveries: async () => undefined,
    });
    const customerId = `race-${randomUUID().slice(0, 8)}`;
    await db
      .insertInto('customers')
      .values({ id: customerId, name: 'Wang Fang', tier: 'standard', updated_at: new Date() })
      .execute();
    const project = async (id: string) => {
      const opened = openCase(await sealedOpening(api, id, customerId), {
        now: Date.now(),
        actor: 'integrator:test',
      });
      await activities.projectCase(toProjection(opened.state, opened.events));
    };
    const earlier = `race-a-${randomUUID().slice(0, 8)}`;
    const fresh = `race-b-${randomUUID().slice(0, 8)}`;
    await project(earlier);

    // Hold the customer row so the erasure stops at its first write, then project a new case.
    const holder = new pg.Client({ connectionString: inject('databaseUrl') });
    await holder.connect();
    let erasure: Promise<number> | undefined;
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT 1 FROM customers WHERE id = $1 FOR UPDATE', [customerId]);
      erasure = api.eraseCustomer(customerId);
      await waitForLockWait(customerId);
      await project(fresh);
    } finally {
      await holder.query('COMMIT');
      await holder.end();
    }
    expect(await erasure).toBe(2);

    for (const id of [earlier, fresh]) {
      const row = await db.selectFrom('cases').select('view').where('id', '=', id).executeTakeFirstOrThrow();
      const events = await db.selectFrom('case_events').select('data').where('case_id', '=', id).execute();
      const stored = JSON.stringify([row.view, events]);
      expect(row.view.subject, id).toBe(ERASED);
      expect(stored, id).not.toContain('Router keeps rebooting');
      expect(stored, id).not.toContain('Wang Fang');
    }
  });
});

/** Waits until a statement on customers waits for a lock: the erasure, behind the held row. */
async function waitForLockWait(customerId: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_stat_activity
      WHERE wait_event_type = 'Lock' AND query LIKE '%customers%'`.execute(db);
    if (rows[0]!.n > 0) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`the erasure of ${customerId} never waited for the customer row`);
}
