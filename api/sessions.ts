/**
 * Browser sessions for clients that cannot (the Temporal Web UI's codec calls) or must not (the
 * console: no key in script-readable storage) send our Bearer header: an opaque token in an
 * HttpOnly cookie, its hash in PostgreSQL beside the key's id, so every API instance knows the
 * session and revoking or expiring the key ends it at once.
 */
import { randomBytes } from 'node:crypto';
import type { CookieOptions, Request, Response } from 'express';
import { LRUCache } from 'lru-cache';
import type { Db } from '../db/database.js';
import { deleteSession, findSession, insertSession, type SessionTable } from '../db/sessions.js';
import { type KeyStore, type Principal } from './auth.js';
import { type Role } from '../domain/people.js';
import { hashKey } from '../platform/keys.js';

export interface SessionKind {
  table: SessionTable;
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
    await insertSession(this.db, this.kind.table, {
      tokenHash: hashKey(token),
      keyId: principal.keyId,
      role: principal.role,
      name: principal.name,
      expiresAt: new Date(Date.now() + this.kind.hours * 3_600_000),
    });
    return token;
  }

  private token(req: Request): string | undefined {
    return cookieValue(req.get('Cookie'), this.kind.cookie);
  }

  /** The session's principal while its key is still live (not revoked, not expired, still configured). */
  async fromRequest(req: Request): Promise<Principal | undefined> {
    const token = this.token(req);
    if (!token) return undefined;
    const row = await findSession(this.db, this.kind.table, hashKey(token));
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
      await deleteSession(this.db, this.kind.table, hashKey(token));
    }
    res.clearCookie(this.kind.cookie, this.cookieOptions);
  }
}
