/** db/sessions.ts against a real PostgreSQL: browser sessions and the use of stored API keys. */
import { afterAll, describe, expect, it } from 'vitest';
import { deleteSession, findSession, insertSession, useApiKey } from '../../db/sessions.js';
import { fresh, testDb } from './rows.js';

const db = testDb();
afterAll(() => db.destroy());

const hour = 3_600_000;
async function storedKey(k: { revoked?: boolean; expiresAt?: Date | null; scoped?: boolean }) {
  const id = fresh('key_');
  const hash = fresh('hash');
  await db
    .insertInto('api_keys')
    .values({
      id,
      name: 'shop',
      role: 'integrator',
      key_hash: hash,
      expires_at: k.expiresAt ?? null,
      revoked_at: k.revoked ? new Date() : null,
      scoped: k.scoped ?? false,
    })
    .execute();
  return { id, hash };
}

describe('stored API keys', () => {
  it('finds a live key by hash and records its use; revoked and expired keys are unknown', async () => {
    const live = await storedKey({ scoped: true, expiresAt: new Date(Date.now() + hour) });
    expect(await useApiKey(db, live.hash)).toMatchObject({
      id: live.id,
      name: 'shop',
      role: 'integrator',
      scoped: true,
    });
    const row = await db
      .selectFrom('api_keys')
      .select('last_used_at')
      .where('id', '=', live.id)
      .executeTakeFirstOrThrow();
    expect(row.last_used_at).not.toBeNull();
    expect(await useApiKey(db, (await storedKey({ revoked: true })).hash)).toBeUndefined();
    expect(
      await useApiKey(db, (await storedKey({ expiresAt: new Date(Date.now() - 1000) })).hash),
    ).toBeUndefined();
    expect(await useApiKey(db, fresh('nohash'))).toBeUndefined();
  });
});

describe('browser sessions', () => {
  for (const table of ['codec_sessions', 'console_sessions'] as const) {
    it(`${table}: stores, finds with its key's state, ends, and clears expired ones`, async () => {
      const key = await storedKey({ scoped: true });
      const token = fresh('tok');
      const expired = fresh('tok');
      const session = { keyId: key.id, role: 'integrator', name: 'shop' };
      await insertSession(db, table, {
        ...session,
        tokenHash: expired,
        expiresAt: new Date(Date.now() + 50),
      });
      await new Promise((r) => setTimeout(r, 100));
      // A new session clears the expired ones.
      await insertSession(db, table, {
        ...session,
        tokenHash: token,
        expiresAt: new Date(Date.now() + hour),
      });
      const left = await db
        .selectFrom(table)
        .select('token_hash')
        .where('token_hash', '=', expired)
        .execute();
      expect(left).toEqual([]);
      expect(await findSession(db, table, token)).toMatchObject({
        key_id: key.id,
        role: 'integrator',
        name: 'shop',
        stored: key.id,
        revoked_at: null,
        scoped: true,
      });
      // An environment key has no row: the session says so (stored null).
      const envToken = fresh('tok');
      await insertSession(db, table, {
        ...session,
        keyId: 'env:x',
        tokenHash: envToken,
        expiresAt: new Date(Date.now() + hour),
      });
      expect(await findSession(db, table, envToken)).toMatchObject({ key_id: 'env:x', stored: null });
      await deleteSession(db, table, token);
      expect(await findSession(db, table, token)).toBeUndefined();
    });
  }
});
