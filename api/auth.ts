/**
 * API keys and who holds them. Every key belongs to one named person or system with one role:
 * keys from CASE_API_KEYS (`role=key`, named after the role, or `role:name=key`), plus keys stored
 * hashed in the database (created by the CLI or /v1/api-keys, possibly expiring).
 */
import { LRUCache } from 'lru-cache';
import type { Db } from '../db/database.js';
import { useApiKey } from '../db/sessions.js';
import { PERSON_NAME, ROLES, type Role } from '../domain/people.js';
import { hashKey } from '../platform/keys.js';

export interface Principal {
  role: Role;
  /** The person or system acting (an agent key's name is its agent id in the directory). */
  name: string;
  keyId: string;
  /** An integrator key that sees only the cases its integration (this name) opened. */
  scoped?: boolean;
}

export function parseEnvKeys(spec: string | undefined): Map<string, Principal> {
  const keys = new Map<string, Principal>();
  if (!spec) return keys;
  for (const pair of spec
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const eq = pair.indexOf('=');
    const [role = '', name = role] = pair.slice(0, Math.max(eq, 0)).trim().split(':');
    const key = pair.slice(eq + 1).trim();
    if (eq < 1 || !key || !(ROLES as readonly string[]).includes(role) || !PERSON_NAME.test(name)) {
      throw new Error(
        `CASE_API_KEYS: '${pair.replace(/=.*/, '=…')}' is not role=key or role:name=key with a role of ${ROLES.join(', ')}`,
      );
    }
    const hash = hashKey(key);
    if (keys.has(hash)) throw new Error(`CASE_API_KEYS: the key of '${role}:${name}' is given twice`);
    keys.set(hash, { role: role as Role, name, keyId: `env:${role}:${name}:${hash.slice(0, 8)}` });
  }
  return keys;
}

export class KeyStore {
  /** Recently seen valid keys by hash; bounded, so random tokens cannot grow it. */
  private readonly cache: LRUCache<string, { principal: Principal; until: number }>;

  constructor(
    private readonly envKeys: Map<string, Principal>,
    private readonly db: Db,
    private readonly cacheMs = 10_000,
    cacheSize = 10_000,
  ) {
    this.cache = new LRUCache({ max: cacheSize });
  }

  /** The principal of a key known without asking the database (CASE_API_KEYS or recently used). */
  known(key: string): Principal | undefined {
    const hash = hashKey(key);
    const env = this.envKeys.get(hash);
    if (env) return env;
    const cached = this.cache.get(hash);
    return cached && cached.until > Date.now() ? cached.principal : undefined;
  }

  /** Whether this instance's CASE_API_KEYS still hold the key with this id. */
  hasEnvKey(keyId: string): boolean {
    for (const p of this.envKeys.values()) if (p.keyId === keyId) return true;
    return false;
  }

  get cacheEntries(): number {
    return this.cache.size;
  }

  /** Forgets cached keys (after a revocation through this instance). */
  forget(): void {
    this.cache.clear();
  }

  async authenticate(key: string): Promise<Principal | null> {
    const known = this.known(key);
    if (known) return known;
    const hash = hashKey(key);
    // One statement finds a live key and records its use (at most once per cache period).
    const row = await useApiKey(this.db, hash);
    if (!row) return null;
    const principal: Principal = {
      role: row.role as Role,
      name: row.name,
      keyId: row.id,
      scoped: row.scoped,
    };
    const expires = row.expires_at ? new Date(row.expires_at).getTime() : Infinity;
    this.cache.set(hash, { principal, until: Math.min(Date.now() + this.cacheMs, expires) });
    return principal;
  }
}
