/**
 * The service refuses keys published in this repository: every key in the docs and examples must
 * be on the list platform/published-secrets.ts checks at start, and a configured one is found.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PUBLISHED_SECRET_HASHES, publishedSecrets, secretHash } from '../../platform/published-secrets.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SKIP = new Set(['node_modules', '.git', '.tools', '.data', '.test-data', 'test', 'bench']);

/** The repository's docs and examples: every Markdown file, the compose file, deploy/, .env examples. */
function docsAndExamples(dir = ROOT): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (SKIP.has(name)) continue;
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...docsAndExamples(p));
    else if (
      /\.md$|^docker-compose.*\.ya?ml$|\.env\.example$/.test(name) ||
      p.includes(`${path.sep}deploy${path.sep}`)
    )
      out.push(p);
  }
  return out;
}

export function keysIn(text: string): string[] {
  const keys = new Set<string>();
  for (const m of text.matchAll(
    /\b(?:integrator|agent|supervisor|admin)(?::[A-Za-z0-9_.@-]+)?=([^\s,'"`|)}\]<>]+)/g,
  ))
    keys.add(m[1]!);
  for (const m of text.matchAll(/Bearer\s+([A-Za-z0-9._~+/=-]+)/g)) keys.add(m[1]!);
  for (const m of text.matchAll(/\b[A-Za-z0-9_-]+:([A-Za-z0-9+/]{43}=)/g)) keys.add(m[1]!);
  return [...keys];
}

describe('published secrets', () => {
  it('lists every key that appears in the docs and examples', () => {
    const files = docsAndExamples();
    expect(files.some((f) => f.endsWith('README.md'))).toBe(true);
    const missing: string[] = [];
    for (const file of files) {
      for (const key of keysIn(readFileSync(file, 'utf8'))) {
        if (!PUBLISHED_SECRET_HASHES.has(secretHash(key)))
          missing.push(`${path.relative(ROOT, file)}: '${key}' → '${secretHash(key)}'`);
      }
    }
    expect(missing, 'add these hashes to platform/published-secrets.ts').toEqual([]);
  });

  it('finds the README example keys and published payload keys when configured', () => {
    expect(
      keysIn('export CASE_API_KEYS=integrator=dev-i,admin:ops=k4 -H "Authorization: Bearer dev-a"'),
    ).toEqual(['dev-i', 'k4', 'dev-a']);
    expect(
      publishedSecrets({
        apiKeys: 'integrator=dev-i,agent:zhang.san=a-long-private-key-nobody-has',
        encryptionKeys:
          'dev:BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc=,k2:' + Buffer.alloc(32, 9).toString('base64'),
      }),
    ).toEqual(["CASE_API_KEYS: the key of 'integrator'", "PAYLOAD_ENCRYPTION_KEYS: key 'dev'"]);
    expect(publishedSecrets({ apiKeys: 'admin=s3cr3t-only-here-1234567890' })).toEqual([]);
  });
});

describe('starting with a published key', () => {
  it('is refused outside local development, saying which key and how to make one', async () => {
    const { startStack } = await import('../../app/stack.js');
    const { loadConfig } = await import('../../app/config.js');
    const config = loadConfig({
      CASE_API_KEYS: 'integrator=dev-i,admin:ops=a-private-key-0123456789',
      DATABASE_URL: 'postgres://nowhere.invalid/cases',
      TEMPORAL_ADDRESS: 'nowhere.invalid:7233',
      LOG_LEVEL: 'silent',
    });
    await expect(startStack(config, { roles: ['api'], progress: () => {} })).rejects.toThrow(
      /refusing to start with CASE_API_KEYS: the key of 'integrator'.*openssl rand.*LOCAL_DEVELOPMENT=true/,
    );
  });
});
