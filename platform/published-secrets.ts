/**
 * Keys anyone can read are no keys. Every API key and payload key that appears in this
 * repository's docs and examples (README, docs/, docker-compose.yml, deploy/, and those that did in
 * earlier versions) is listed here by its SHA-256, and the service refuses to start with one of
 * them unless the operator says this is local development (LOCAL_DEVELOPMENT=true).
 * test/unit/published-secrets.test.ts scans the docs and fails when a key there is missing here.
 */
import { createHash } from 'node:crypto';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export const PUBLISHED_SECRET_HASHES: ReadonlySet<string> = new Set([
  // README: dev-i, dev-a, dev-s, dev-adm; k1, k2, k3, k4
  '8cf0762e59e4d4582458ba32759f865b2a4edd110d9802b6b1522d297fe4c0e1',
  '54373e2227f6e19d219f5bf7128f68ad073ae2a3b5f0faf5302edc3bf10f3068',
  '67e872653fb78fe17a2116814e552d5c7ac5fbfc1c563c1106e588fef490edc3',
  'deee753beea00ccf33a809107fc903a6245c6c9ae20a45999924f02a246648c4',
  '6ab9f1eb8f7d3388f4f9d586f66e99fd54080df2c446f0e58668b09c08a16dd0',
  '015f7e6bc5aeaf483724089e9252cc13b50951a6b69412522765cff4d780306e',
  '2f5052c9fd15b19a18c584d01363568198613f0c34e84409ef7938709a159ec2',
  '94091dd64a21ffe94214bc6d17deeb43873a5cf2f0a71b4b5caa9a5c81b6967d',
  // docker-compose.yml's former defaults: dev-integrator, dev-agent, dev-supervisor, dev-admin, and
  // the payload key dev:BwcH…
  '5e75d40162ef64ab9fecc6e4891060bc24a6f27f438cb9a8e59777ee112e6ee2',
  '7e542874dafc353f457e15db9d96910462164284b71e73ea6d64ac83d3b7405f',
  '276d0e5a97ca3b842f4038aebdedfe160b968616cff1d9a399de50fe756e3cca',
  'de72d648e29b247c1875138a7140256dbe5df3e6c9f37d592b07d9de509d2878',
  'ebbad97f478755d90c8f34bec04444dc8b0025d5fc09ed3523aa5d17e6059d86',
]);

/** Which of the configured secrets are published (descriptions, never the secrets). */
export function publishedSecrets(
  config: { apiKeys?: string; encryptionKeys?: string },
  published: ReadonlySet<string> = PUBLISHED_SECRET_HASHES,
): string[] {
  const found: string[] = [];
  for (const pair of (config.apiKeys ?? '').split(',')) {
    const eq = pair.indexOf('=');
    if (eq > 0 && published.has(sha256(pair.slice(eq + 1).trim()))) {
      found.push(`CASE_API_KEYS: the key of '${pair.slice(0, eq).trim()}'`);
    }
  }
  for (const pair of (config.encryptionKeys ?? '').split(',')) {
    const colon = pair.indexOf(':');
    if (colon > 0 && published.has(sha256(pair.slice(colon + 1).trim()))) {
      found.push(`PAYLOAD_ENCRYPTION_KEYS: key '${pair.slice(0, colon).trim()}'`);
    }
  }
  return found;
}

export const secretHash = sha256;
