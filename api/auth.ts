/** API keys and roles: keys from CASE_API_KEYS, plus keys stored hashed in the database. */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db } from '../db/database.js';

export const ROLES = ['integrator', 'agent', 'supervisor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface Principal {
  role: Role;
  /** Who is acting, as recorded in timelines: the key's name. */
  name: string;
  keyId: string;
}

export const hashKey = (key: string) => createHash('sha256').update(key).digest('hex');

export function parseEnvKeys(spec: string | undefined): Map<string, Principal> {
  const keys = new Map<string, Principal>();
  if (!spec) return keys;
  for (const pair of spec
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const eq = pair.indexOf('=');
    const role = pair.slice(0, eq).trim();
    const key = pair.slice(eq + 1).trim();
    if (eq < 1 || !key || !(ROLES as readonly string[]).includes(role)) {
      throw new Error(
        `CASE_API_KEYS: '${pair.replace(/=.*/, '=…')}' is not role=key with a role of ${ROLES.join(', ')}`,
      );
    }
    keys.set(hashKey(key), {
      role: role as Role,
      name: role,
      keyId: `env:${role}:${hashKey(key).slice(0, 8)}`,
    });
  }
  return keys;
}

export function generateApiKey(): string {
  return `csk_${randomBytes(24).toString('base64url')}`;
}

export class KeyStore {
  private cache = new Map<string, { principal: Principal | null; until: number }>();

  constructor(
    private readonly envKeys: Map<string, Principal>,
    private readonly db: Db,
    private readonly cacheMs = 10_000,
  ) {}

  authenticate(key: string): Promise<Principal | null> {
    return this.authenticateHash(hashKey(key));
  }

  /** By the key's hash: a console session keeps only that, never the key. */
  async authenticateHash(hash: string): Promise<Principal | null> {
    for (const [h, p] of this.envKeys) {
      if (timingSafeEqual(Buffer.from(h), Buffer.from(hash))) return p;
    }
    const cached = this.cache.get(hash);
    if (cached && cached.until > Date.now()) return cached.principal;
    const row = await this.db
      .selectFrom('api_keys')
      .select(['id', 'name', 'role'])
      .where('key_hash', '=', hash)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    const principal = row ? { role: row.role as Role, name: row.name, keyId: row.id } : null;
    this.cache.set(hash, { principal, until: Date.now() + this.cacheMs });
    return principal;
  }
}

export const SESSION_COOKIE = 'case_console';
const SESSION_HOURS = 12;

/**
 * Console sign-in: an API key exchanged for an opaque token in an HttpOnly, SameSite=Strict cookie,
 * so the key never sits in storage a script can read. The database keeps the token's hash and the
 * key's hash; every request re-checks the key, so revoking it ends its sessions. Stored in
 * PostgreSQL so any API instance behind a load balancer accepts the cookie.
 */
export class ConsoleSessions {
  constructor(
    private readonly db: Db,
    private readonly keys: KeyStore,
  ) {}

  async open(key: string): Promise<{ token: string; principal: Principal; maxAgeMs: number } | null> {
    const principal = await this.keys.authenticate(key);
    if (!principal) return null;
    const token = randomBytes(32).toString('base64url');
    const maxAgeMs = SESSION_HOURS * 3_600_000;
    await this.db
      .insertInto('console_sessions')
      .values({
        token_hash: hashKey(token),
        key_hash: hashKey(key),
        expires_at: new Date(Date.now() + maxAgeMs),
      })
      .execute();
    // Expired sessions go as new ones come: no schedule needed.
    await this.db.deleteFrom('console_sessions').where('expires_at', '<', new Date()).execute();
    return { token, principal, maxAgeMs };
  }

  async principal(token: string): Promise<Principal | null> {
    const row = await this.db
      .selectFrom('console_sessions')
      .select('key_hash')
      .where('token_hash', '=', hashKey(token))
      .where('expires_at', '>', new Date())
      .executeTakeFirst();
    return row ? this.keys.authenticateHash(row.key_hash) : null;
  }

  async close(token: string): Promise<void> {
    await this.db.deleteFrom('console_sessions').where('token_hash', '=', hashKey(token)).execute();
  }
}

/** The value of one cookie in a Cookie header. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}
