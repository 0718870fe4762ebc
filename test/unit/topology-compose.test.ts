/**
 * The native topology reads docker-compose.yml as compose does: interpolation, anchors and merge
 * keys, mounts, ports and replicas. And the compose file's mounted files in deploy/ exist, so the
 * native topology and compose run the same ones.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hostPath, interpolate, loadCompose, service } from '../../scripts/topology/compose.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

describe('compose interpolation', () => {
  it('follows compose: defaults, required variables, escapes', () => {
    const env = { SET: 'v', EMPTY: '' };
    expect(interpolate('${SET:-d} ${EMPTY:-d} ${UNSET:-d} ${EMPTY-d} ${UNSET-d}', env)).toBe('v d d  d');
    expect(interpolate('$SET-$$SET-${SET}', env)).toBe('v-$SET-v');
    expect(interpolate('${SET:?needed}', env)).toBe('v');
    expect(() => interpolate('${UNSET:?set a password}', env)).toThrow(/requires UNSET: set a password/);
    expect(() => interpolate('${EMPTY:?x}', env)).toThrow(/EMPTY/);
  });
});

describe('docker-compose.yml as the native topology reads it', () => {
  const services = loadCompose(path.join(ROOT, 'docker-compose.yml'), {
    POSTGRES_PASSWORD: 'pw',
    PAYLOAD_ENCRYPTION_KEYS: 'k1:key',
    CASE_API_KEYS: 'admin:ops=key',
  });

  it('gives the merged environment, replicas and published ports of each service', () => {
    const worker = service(services, 'worker');
    expect(worker.environment.DATABASE_URL).toBe('postgres://postgres:pw@postgresql:5432/cases');
    expect(worker.replicas).toBe(2);
    const api = service(services, 'api');
    expect(api.replicas).toBe(2);
    expect(api.ports.map((p) => p.host)).toEqual([3000, 3001]);
    expect(api.ports.every((p) => p.container === 3000)).toBe(true);
    expect(service(services, 'temporal').environment.DB).toBe('postgres12');
  });

  it('mounts files of deploy/ that exist: schema, bootstrap, server and dynamic config, init SQL', () => {
    const temporal = service(services, 'temporal');
    for (const key of ['TEMPORAL_SERVER_CONFIG_FILE_PATH', 'DYNAMIC_CONFIG_FILE_PATH']) {
      const file = hostPath(temporal, temporal.environment[key]!);
      expect(file, key).toMatch(/\/deploy\/temporal\//);
      expect(existsSync(file!), file).toBe(true);
    }
    for (const name of ['temporal-schema', 'temporal-admin-tools']) {
      const s = service(services, name);
      const script = s.argv.map((a) => hostPath(s, a)).find(Boolean);
      expect(script && existsSync(script), `${name}: ${s.argv.join(' ')}`).toBe(true);
    }
    const init = service(services, 'postgresql').mounts.filter((m) =>
      m.target.startsWith('/docker-entrypoint-initdb.d/'),
    );
    expect(init.map((m) => path.relative(ROOT, m.source))).toEqual(['deploy/postgres-init.sql']);
  });
});
