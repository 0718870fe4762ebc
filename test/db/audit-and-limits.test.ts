/** db/codec-access.ts and db/rate-limits.ts against a real PostgreSQL. */
import { afterAll, describe, expect, it } from 'vitest';
import { listCodecAccess, recordCodecAccess } from '../../db/codec-access.js';
import { addHits, deleteWindowsBefore } from '../../db/rate-limits.js';
import { fresh, testDb } from './rows.js';

const db = testDb();
afterAll(() => db.destroy());

describe('the codec access audit', () => {
  it('records decodes and lists them newest first, by case (id or workflow id) and by actor', async () => {
    const actor = `admin:${fresh('a')}`;
    const caseA = fresh('c');
    const caseB = fresh('c');
    const base = { actor, keyId: 'key_1', via: 'key' as const, payloads: 1 };
    await recordCodecAccess(db, { ...base, caseIds: [caseA], workflowIds: [`case:${caseA}`] });
    await recordCodecAccess(db, { ...base, caseIds: [], workflowIds: [`case:${caseB}`], via: 'session' });
    await recordCodecAccess(db, { ...base, caseIds: [caseB], workflowIds: [], payloads: 3 });
    const mine = await listCodecAccess(db, { actor, limit: 10 });
    expect(mine.map((r) => r.payloads)).toEqual([3, 1, 1]);
    expect(mine[1]).toMatchObject({
      via: 'session',
      key_id: 'key_1',
      case_ids: [],
      workflow_ids: [`case:${caseB}`],
    });
    expect((await listCodecAccess(db, { caseId: caseB, limit: 10 })).map((r) => r.payloads)).toEqual([3, 1]);
    expect(await listCodecAccess(db, { caseId: caseA, limit: 10 })).toHaveLength(1);
    expect(await listCodecAccess(db, { actor, limit: 2 })).toHaveLength(2);
  });
});

describe('shared rate-limit counters', () => {
  it('adds hits per bucket and window, returns the totals, and forgets old windows', async () => {
    const [a, b] = [fresh('b'), fresh('b')];
    // Windows long past: forgetting them cannot touch the counters of tests running meanwhile.
    const w1 = new Date('2001-01-01T00:00:00Z');
    const w2 = new Date('2001-01-01T00:01:00Z');
    expect(await addHits(db, w1, [{ bucket: a, hits: 3 }])).toEqual(new Map([[a, 3]]));
    expect(
      await addHits(db, w1, [
        { bucket: a, hits: 2 },
        { bucket: b, hits: 1 },
      ]),
    ).toEqual(
      new Map([
        [a, 5],
        [b, 1],
      ]),
    );
    expect(await addHits(db, w2, [{ bucket: a, hits: 1 }])).toEqual(new Map([[a, 1]]));
    await deleteWindowsBefore(db, w2);
    const left = await db
      .selectFrom('rate_limits')
      .select(['bucket', 'hits'])
      .where('bucket', 'in', [a, b])
      .execute();
    expect(left).toEqual([{ bucket: a, hits: 1 }]);
  });
});
