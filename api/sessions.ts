/**
 * Browser sessions for clients that cannot (the Temporal Web UI's codec calls) or must not (the
 * console: no key in script-readable storage) send our Bearer header: an opaque token in an
 * HttpOnly cookie, its hash in PostgreSQL beside the key's id, so every API instance knows the
 * session and revoking or expiring the key ends it at once.
 */
import { randomBytes } from 'node:crypto';
import type { CookieOptions, Request, Response } from 'express';
import { sql } from 'kysely';
import { LRUCache } from 'lru-cache';
import type { Db } from '../db/database.js';
import { type KeyStore, type Principal } from './auth.js';
import { type Role } from '../domain/people.js';
import { hashKey } from '../platform/keys.js';

export interface SessionKind {
  /** Both tables have the same columns (migrations 010 and 011). */
  table: 'codec_sessions' | 'console_sessions';
  cookie: string;
  hours: number;
  sameSite: 'lax' | 'strict';
}

export const CODEC_SESSIONS: SessionKind = {
  table: 'codec_sessions',
  cookie: 'codec_session',
  hours: 8,
  sameSite: 'lax',
};
export const CONSOLE_SESSIONS: SessionKind = {
  table: 'console_sessions',
  cookie: 'case_console',
  hours: 12,
  sameSite: 'strict',
};

/** The value of one cookie in a Cookie header. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

export class BrowserSessions {
  /** Sessions this instance saw valid lately, by token hash: only for rate limiting, never for access. */
  private readonly recent = new LRUCache<string, Principal>({ max: 10_000, ttl: 10_000 });

  constructor(
    private readonly db: Db,
    private readonly keys: KeyStore,
    readonly kind: SessionKind,
    /** PUBLIC_URL is https: the cookie is Secure. */
    private readonly secure: boolean,
  ) {}

  /** The same columns either way: typed as one of them. */
  private get table() {
    return this.kind.table as 'codec_sessions';
  }

  private get cookieOptions(): CookieOptions {
    return { httpOnly: true, secure: this.secure, sameSite: this.kind.sameSite, path: '/' };
  }

  /** Opens a session for `principal` and sets its cookie on the response. */
  async open(res: Response, principal: Principal): Promise<void> {
    const token = await this.create(principal);
    res.cookie(this.kind.cookie, token, { ...this.cookieOptions, maxAge: this.kind.hours * 3_600_000 });
  }

  private async create(principal: Principal): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await this.db
      .insertInto(this.table)
      .values({
        token_hash: hashKey(token),
        key_id: principal.keyId,
        role: principal.role,
        name: principal.name,
        expires_at: new Date(Date.now() + this.kind.hours * 3_600_000),
      })
      .execute();
    // Expired sessions go as new ones come: no schedule needed.
    await this.db
      .deleteFrom(this.table)
      .where('expires_at', '<', sql<Date>`now()`)
      .execute();
    return token;
  }

  private token(req: Request): string | undefined {
    return cookieValue(req.get('Cookie'), this.kind.cookie);
  }

  /** The session's principal while its key is still live (not revoked, not expired, still configured). */
  async fromRequest(req: Request): Promise<Principal | undefined> {
    const token = this.token(req);
    if (!token) return undefined;
    const row = await this.db
      .selectFrom(`${this.table} as s`)
      .leftJoin('api_keys as k', 'k.id', 's.key_id')
      .select(['s.key_id', 's.role', 's.name', 'k.id as stored', 'k.revoked_at', 'k.expires_at', 'k.scoped'])
      .where('s.token_hash', '=', hashKey(token))
      .where('s.expires_at', '>', sql<Date>`now()`)
      .executeTakeFirst();
    if (!row) return undefined;
    const live = row.stored
      ? row.revoked_at === null && (row.expires_at === null || new Date(row.expires_at) > new Date())
      : this.keys.hasEnvKey(row.key_id);
    if (!live) return undefined;
    // A scoped integrator stays scoped through its session.
    const principal: Principal = { role: row.role as Role, name: row.name, keyId: row.key_id };
    if (row.scoped) principal.scoped = true;
    this.recent.set(hashKey(token), principal);
    return principal;
  }

  /** The principal of a session this instance checked in the last seconds, without the database. */
  known(req: Request): Principal | undefined {
    const token = this.token(req);
    return token ? this.recent.get(hashKey(token)) : undefined;
  }

  /** Ends the request's session and clears its cookie. */
  async close(req: Request, res: Response): Promise<void> {
    const token = this.token(req);
    if (token) {
      this.recent.delete(hashKey(token));
      await this.db.deleteFrom(this.table).where('token_hash', '=', hashKey(token)).execute();
    }
    res.clearCookie(this.kind.cookie, this.cookieOptions);
  }
}
