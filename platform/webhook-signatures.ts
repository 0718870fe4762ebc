/**
 * How deliveries are signed, two ways side by side:
 * - `X-Signature: t=<unix>,v1=<hex HMAC-SHA256 of "t.body">`, ours since version 1, keyed with the
 *   secret's text as it is;
 * - Standard Webhooks (https://www.standardwebhooks.com): `webhook-id`, `webhook-timestamp` and
 *   `webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">`, keyed with the bytes the
 *   published verifiers take from the secret (`whsec_<base64>`: the base64-decoded part).
 * During a rotation each header carries one signature per valid secret.
 */
import { createHmac, randomBytes } from 'node:crypto';

const PREFIX = 'whsec_';
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** A new secret in the Standard Webhooks form: `whsec_` and 24 random bytes in base64. */
export const newWebhookSecret = (): string => `${PREFIX}${randomBytes(24).toString('base64')}`;

/**
 * The Standard Webhooks key of a secret. `whsec_<base64>` is decoded, as every published verifier
 * does. Any other secret (one an admin chose, or one made before version 1.2 in base64url) keys
 * with its UTF-8 bytes: a receiver passes them raw (`new Webhook(bytes, { format: 'raw' })` in
 * Node, `Webhook(secret.encode())` in Python), or `whsec_` + base64 of them (docs/api.md).
 */
export function standardKey(secret: string): Buffer {
  const rest = secret.startsWith(PREFIX) ? secret.slice(PREFIX.length) : undefined;
  if (rest && BASE64.test(rest)) {
    const bytes = Buffer.from(rest, 'base64');
    // Only a canonical encoding counts: the verifiers' decoders refuse anything else.
    if (bytes.length > 0 && bytes.toString('base64') === rest) return bytes;
  }
  return Buffer.from(secret, 'utf8');
}

/** `t=<unix>,v1=<mac>`; during a secret rotation a second `v1` signs with the previous secret. */
export function legacySignature(secrets: string[], body: string, unixSeconds: number): string {
  const macs = secrets.map(
    (s) => `v1=${createHmac('sha256', s).update(`${unixSeconds}.${body}`).digest('hex')}`,
  );
  return [`t=${unixSeconds}`, ...macs].join(',');
}

/** `v1,<base64>` per secret, space-separated, over `id.timestamp.body`. */
export function standardSignature(secrets: string[], id: string, body: string, unixSeconds: number): string {
  return secrets
    .map(
      (s) =>
        `v1,${createHmac('sha256', standardKey(s)).update(`${id}.${unixSeconds}.${body}`).digest('base64')}`,
    )
    .join(' ');
}

/** Every signature header a delivery carries. */
export function signatureHeaders(
  secrets: string[],
  id: string,
  body: string,
  unixSeconds: number,
): Record<string, string> {
  return {
    'X-Event-Id': id,
    'X-Signature': legacySignature(secrets, body, unixSeconds),
    'webhook-id': id,
    'webhook-timestamp': String(unixSeconds),
    'webhook-signature': standardSignature(secrets, id, body, unixSeconds),
  };
}
