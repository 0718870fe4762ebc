/** API keys: made at random, stored and compared only as their SHA-256. */
import { createHash, randomBytes } from 'node:crypto';

export const hashKey = (key: string) => createHash('sha256').update(key).digest('hex');

export function generateApiKey(): string {
  return `csk_${randomBytes(24).toString('base64url')}`;
}
