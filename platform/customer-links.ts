/**
 * The customer's signed link to their case page: `v1.<case id>.<issued>.<expires>.<key id>.<mac>`,
 * HMAC-SHA256 over everything before the mac. Bound to one case, expiring, revocable (a case's
 * links issued before its revocation time stop working) and signed with the newest of several keys
 * (older ones still verify, so keys rotate without breaking links already sent). The revocations
 * live in PostgreSQL: db/customer-links.ts.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export interface LinkKey {
  id: string;
  secret: Buffer;
}

/** `id:secret,…`, newest first; secrets of at least 16 characters. */
export function parseLinkKeys(spec: string): LinkKey[] {
  const keys = spec
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)
    .map((pair) => {
      const i = pair.indexOf(':');
      const id = pair.slice(0, i);
      const secret = pair.slice(i + 1);
      if (i < 1 || !/^[A-Za-z0-9_-]{1,32}$/.test(id) || secret.length < 16) {
        throw new Error(
          'CUSTOMER_LINK_KEYS: each key is `id:secret` (id letters/digits, secret 16+ characters)',
        );
      }
      return { id, secret: Buffer.from(secret) };
    });
  if (keys.length === 0) throw new Error('CUSTOMER_LINK_KEYS is empty');
  return keys;
}

/** Without CUSTOMER_LINK_KEYS: keys derived from the payload encryption keys, so every instance agrees. */
export function derivedLinkKeys(encryptionKeys: { id: string; key: Buffer }[]): LinkKey[] {
  return encryptionKeys.map((k) => ({
    id: `p${createHash('sha256').update(k.id).digest('hex').slice(0, 8)}`,
    secret: createHmac('sha256', k.key).update('customer-case-links/v1').digest(),
  }));
}

export type LinkCheck =
  | { ok: true; caseId: string; issuedAt: number; expiresAt: number }
  | { ok: false; reason: 'malformed' | 'signature' | 'expired' | 'revoked' };

const b64 = (b: Buffer) => b.toString('base64url');

export class CustomerLinks {
  constructor(
    private readonly keys: LinkKey[],
    private readonly baseUrl: () => string,
    private readonly validForMs: number,
  ) {}

  token(caseId: string, now = Date.now()): string {
    const key = this.keys[0]!;
    const body = `v1.${caseId}.${Math.floor(now / 1000)}.${Math.floor((now + this.validForMs) / 1000)}.${key.id}`;
    return `${body}.${b64(createHmac('sha256', key.secret).update(body).digest())}`;
  }

  url(caseId: string, now = Date.now()): string {
    return `${this.baseUrl().replace(/\/$/, '')}/c/${this.token(caseId, now)}`;
  }

  /** Signature and expiry only (no database): what a token claims, if it is ours and current. */
  verify(token: string, now = Date.now()): LinkCheck {
    const parts = token.split('.');
    if (parts.length !== 6 || parts[0] !== 'v1') return { ok: false, reason: 'malformed' };
    const [, caseId, iat, exp, kid, mac] = parts as [string, string, string, string, string, string];
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(caseId) || !/^\d{1,12}$/.test(iat) || !/^\d{1,12}$/.test(exp)) {
      return { ok: false, reason: 'malformed' };
    }
    const key = this.keys.find((k) => k.id === kid);
    if (!key) return { ok: false, reason: 'signature' };
    // Compared as text, not decoded: base64url's last character carries spare bits, so decoding
    // would let several spellings of one signature pass (a link "tampered" in its last character).
    const expected = Buffer.from(
      b64(createHmac('sha256', key.secret).update(parts.slice(0, 5).join('.')).digest()),
    );
    const given = Buffer.from(mac);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return { ok: false, reason: 'signature' };
    }
    if (Number(exp) * 1000 <= now) return { ok: false, reason: 'expired' };
    return { ok: true, caseId, issuedAt: Number(iat) * 1000, expiresAt: Number(exp) * 1000 };
  }
}
