/**
 * docker-compose.yml carries no usable secret: without POSTGRES_PASSWORD, PAYLOAD_ENCRYPTION_KEYS
 * or CASE_API_KEYS, `docker-compose config` fails and says how to make the missing one; with them
 * it validates, and the Web UI is published on loopback only. Needs docker-compose (.ci/run
 * installs it); under CI a missing binary fails the test.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const REQUIRED = {
  POSTGRES_PASSWORD: 'a-password-of-this-deployment',
  PAYLOAD_ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 5).toString('base64')}`,
  CASE_API_KEYS: 'admin:ops=a-key-of-this-deployment',
};
const EMPTY_ENV = path.join(mkdtempSync(path.join(tmpdir(), 'compose-')), 'empty.env');
writeFileSync(EMPTY_ENV, '');
const available = spawnSync('docker-compose', ['version'], { encoding: 'utf8' }).status === 0;
if (!available && process.env.CI) throw new Error('docker-compose is missing: .ci/run installs it');

function config(env: Record<string, string>) {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !(k in REQUIRED) && k !== 'TEMPORAL_UI_BIND'),
  );
  // An empty env file, so a developer's own .env next to the compose file does not count.
  return spawnSync('docker-compose', ['-f', 'docker-compose.yml', '--env-file', EMPTY_ENV, 'config'], {
    cwd: ROOT,
    env: { ...clean, ...env },
    encoding: 'utf8',
  });
}

describe.runIf(available || process.env.CI)('docker-compose.yml', () => {
  it.each(Object.keys(REQUIRED))('fails without %s and says how to make it', (missing) => {
    const env: Record<string, string> = { ...REQUIRED };
    delete env[missing];
    const r = config(env);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain(`set ${missing}, e.g. in .env: ${missing}=`);
    expect(r.stderr).toMatch(/openssl rand/);
  });

  it('validates with them set, and publishes the Web UI on loopback unless told otherwise', () => {
    const r = config(REQUIRED);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('127.0.0.1:8080:8080');
    expect(r.stdout).not.toMatch(/dev-(integrator|agent|supervisor|admin)|BwcHBwcH/);
    const open = config({ ...REQUIRED, TEMPORAL_UI_BIND: '0.0.0.0' });
    expect(open.stdout).toContain('0.0.0.0:8080:8080');
  });
});
