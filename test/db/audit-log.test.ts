/**
 * The audit log's retention against a real PostgreSQL: the sweep's activity deletes entries past
 * the retention, never one younger than the table's 365-day floor, even when asked for fewer days.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { createActivities } from '../../activities/case.js';
import { appendAudit, listAudit } from '../../db/audit-log.js';
import { createDb, type Db } from '../../db/database.js';
import { PersonalData } from '../../db/personal-data.js';
import { parseEncryptionKeys } from '../../platform/payload-codec.js';
import { TEST_ENCRYPTION_KEYS } from '../support/stack.js';

let db: Db;
beforeAll(() => {
  db = createDb(inject('databaseUrl'), 2);
});
afterAll(async () => {
  await db?.destroy();
});

describe('audit log retention', () => {
  it('prunes entries past the retention and keeps the young ones, whatever it is asked', async () => {
    const target = `retention-${randomUUID().slice(0, 8)}`;
    const at = (days: number) => new Date(Date.now() - days * 86_400_000);
    for (const days of [1200, 800, 400, 10]) {
      // Inserting old entries is allowed: only updates and young deletions are refused.
      await db
        .insertInto('audit_log')
        .values({ actor: 'test:t', action: 'team.put', target_type: 'team', target_id: target, at: at(days) })
        .execute();
    }
    await appendAudit(db, { actor: 'test:t', action: 'team.put', targetType: 'team', targetId: target });
    const activities = createActivities({
      db,
      logger: pino({ level: 'silent' }),
      personalData: new PersonalData(db, parseEncryptionKeys(TEST_ENCRYPTION_KEYS)),
      wakeDeliveries: async () => {},
    });
    const ages = async () =>
      (await listAudit(db, { targetId: target, limit: 10 })).map((e) =>
        Math.round((Date.now() - e.at.getTime()) / 86_400_000),
      );

    expect((await activities.pruneAuditLog({ olderThanDays: 1095 })).pruned).toBeGreaterThanOrEqual(1);
    expect(await ages()).toEqual([0, 10, 400, 800]);
    // Asked for 30 days, it still keeps a year: the floor the table enforces.
    await activities.pruneAuditLog({ olderThanDays: 30 });
    expect(await ages()).toEqual([0, 10]);
    await expect(sql`DELETE FROM audit_log WHERE target_id = ${target}`.execute(db)).rejects.toThrow(
      /younger than 365 days/,
    );
  });
});
