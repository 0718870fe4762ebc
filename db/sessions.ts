/**
 * Browser sessions (codec and console) and the use of stored API keys: a session row holds the
 * token's hash beside the key's id, so revoking or expiring the key ends the session at once.
 */
import { sql } from 'kysely';
import type { Db } from './database.js';

/** Both tables have the same columns (migrations 010 and 011). */
export type SessionTable = 'codec_sessions' | 'console_sessions';

export interface NewSession {
  tokenHash: string;
  keyId: string;
  role: string;
  name: string;
  expiresAt: Date;
}

/** Stores the session; expired sessions go as new ones come (no schedule needed). */
export async function insertSession(db: Db, table: SessionTable, s: NewSession): Promise<void> {
  const t = table as 'codec_sessions';
  await db
    .insertInto(t)
    .values({ token_hash: s.tokenHash, key_id: s.keyId, role: s.role, name: s.name, expires_at: s.expiresAt })
    .execute();
  await db
    .deleteFrom(t)
    .where('expires_at', '<', sql<Date>`now()`)
    .execute();
}

/** The unexpired session with its stored key's state (no key row: a key from CASE_API_KEYS). */
export function findSession(db: Db, table: SessionTable, tokenHash: string) {
  return db
    .selectFrom(`${table as 'codec_sessions'} as s`)
    .leftJoin('api_keys as k', 'k.id', 's.key_id')
    .select(['s.key_id', 's.role', 's.name', 'k.id as stored', 'k.revoked_at', 'k.expires_at', 'k.scoped'])
    .where('s.token_hash', '=', tokenHash)
    .where('s.expires_at', '>', sql<Date>`now()`)
    .executeTakeFirst();
}

export async function deleteSession(db: Db, table: SessionTable, tokenHash: string): Promise<void> {
  await db
    .deleteFrom(table as 'codec_sessions')
    .where('token_hash', '=', tokenHash)
    .execute();
}

/** A live stored key by hash, its use recorded in the same statement; undefined: unknown, revoked or expired. */
export function useApiKey(db: Db, keyHash: string) {
  return db
    .updateTable('api_keys')
    .set({ last_used_at: sql`now()` })
    .where('key_hash', '=', keyHash)
    .where('revoked_at', 'is', null)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', sql<Date>`now()`)]))
    .returning(['id', 'name', 'role', 'scoped', 'expires_at'])
    .executeTakeFirst();
}
