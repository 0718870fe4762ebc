/** A customer link opens with exactly the signature it was given: no other spelling passes. */
import { describe, expect, it } from 'vitest';
import { CustomerLinks, parseLinkKeys } from '../../platform/customer-links.js';

const links = new CustomerLinks(
  parseLinkKeys('k1:unit-test-link-key-0123456789'),
  () => 'http://x',
  3_600_000,
);
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

describe('customer link signatures', () => {
  it('refuses every change of the last character, though base64url would decode some alike', () => {
    for (let i = 0; i < 20; i++) {
      const token = links.token(`01CASE${String(i).padStart(20, '0')}`);
      expect(links.verify(token).ok).toBe(true);
      for (const ch of ALPHABET) {
        if (ch === token.at(-1)) continue;
        const tampered = token.slice(0, -1) + ch;
        expect([tampered, links.verify(tampered)]).toEqual([tampered, { ok: false, reason: 'signature' }]);
      }
    }
  });
});
