/**
 * docs/configuration.md has a row for every environment variable the configuration code reads,
 * and no row for one nothing reads: the variables are taken from the code's own text (the zod
 * schemas of app/config.ts and app/mail-config.ts, and every `process.env.X` under app/, dev/ and
 * platform/).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const read = (f: string) => readFileSync(path.join(ROOT, f), 'utf8');

/** The variables the code reads: schema keys (`  NAME: z…`) and `process.env.NAME`. */
function variablesRead(): Set<string> {
  const names = new Set<string>();
  for (const file of ['app/config.ts', 'app/mail-config.ts']) {
    for (const m of read(file).matchAll(/^\s+([A-Z][A-Z0-9_]+):\s/gm)) names.add(m[1]!);
  }
  for (const dir of ['app', 'dev', 'platform']) {
    for (const file of readdirSync(path.join(ROOT, dir)).filter((f) => f.endsWith('.ts'))) {
      for (const m of read(`${dir}/${file}`).matchAll(/process\.env\.([A-Z][A-Z0-9_]+)/g)) names.add(m[1]!);
    }
  }
  names.delete('PATH');
  return names;
}

/** The variables with a row of their own: `| \`NAME\` | …`. */
function variablesDocumented(): Set<string> {
  return new Set([...read('docs/configuration.md').matchAll(/^\| `([A-Z][A-Z0-9_]+)`/gm)].map((m) => m[1]!));
}

describe('docs/configuration.md', () => {
  it('has a row for every variable the configuration code reads', () => {
    const read = variablesRead();
    expect(read.size).toBeGreaterThan(30);
    const missing = [...read].filter((v) => !variablesDocumented().has(v));
    expect(missing, 'add a row to docs/configuration.md').toEqual([]);
  });

  it('documents only variables something reads', () => {
    // Temporal's client settings are read by @temporalio/envconfig; tests read TEST_DATABASE_URL.
    const elsewhere = /^TEMPORAL_(API_KEY|TLS.*|PROFILE|CONFIG_FILE|TEST_SERVER_PATH)$|^TEST_DATABASE_URL$/;
    const read = variablesRead();
    const unread = [...variablesDocumented()].filter((v) => !read.has(v) && !elsewhere.test(v));
    expect(unread, 'a row for a variable nothing reads').toEqual([]);
  });
});
