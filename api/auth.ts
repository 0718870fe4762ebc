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

  async authenticate(key: string): Promise<Principal | null> {
    const hash = hashKey(key);
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
