/**
 * The projection activity against a real PostgreSQL, with the API's and the worker's personal-data
 * keys held by separate instances (separate processes in production): once a customer is erased,
 * no later projection puts their data back, even from a worker that revealed the case a moment
 * before (and would have had the key cached).
 */
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { createActivities } from '../../activities/index.js';
import { createDb, type Db } from '../../db/database.js';
import { ERASED, PersonalData } from '../../db/personal-data.js';
import { CALENDAR_24X7 } from '../../domain/calendar/index.js';
import { applyCommand, openCase } from '../../domain/case/machine.js';
import { toProjection } from '../../domain/case/projection.js';
import type { OpenCaseInput } from '../../domain/case/types.js';
import { parseEncryptionKeys } from '../../runtime/payload-codec.js';
import { TEST_ENCRYPTION_KEYS } from '../support/stack.js';

let db: Db;
beforeAll(() => {
  db = createDb(inject('databaseUrl'), 4);
});
afterAll(async () => {
  await db?.destroy();
});

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
    const sealed = await api.seal(id, customerId, {
      subject: 'Router keeps rebooting',
      description: 'Call Wang Fang on +86 139 1111 2222',
      name: 'Wang Fang',
      email: 'wang.fang@example.com',
    });
    const input: OpenCaseInput = {
      id,
      number: 'CS-2026-990001',
      type: 'complaint',
      channel: 'api',
      subject: sealed.subject!,
      description: sealed.description!,
      customer: { id: customerId, name: sealed.name!, email: sealed.email!, tier: 'standard' },
      classification: { priority: 'normal', level: 1, reasons: [] },
      sla: {
        name: 'test',
        calendar: CALENDAR_24X7,
        respondWithin: 'PT4H',
        resolveWithin: 'P2D',
        callbackWithin: 'P1D',
        rateWithin: 'P5D',
      },
      openedBy: 'integrator:test',
      receivedAt: new Date().toISOString(),
    };
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
