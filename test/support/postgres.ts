/**
 * A throwaway real PostgreSQL for tests and benchmarks: initdb into a temporary folder, started on a
 * free loopback port, removed afterwards. As root it runs as the `postgres` user (the server refuses root).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createDb, migrate } from '../../db/database.js';

export interface TestPostgres {
  url: string;
  dataDir: string;
  port: number;
  stop(): Promise<void>;
  /** Stops the server but keeps its data (fault tests). */
  pause(): void;
  resume(): void;
}

export function findPgBin(name: string): string | undefined {
  const onPath = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).stdout.trim();
  if (onPath) return onPath;
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return undefined;
  const versions = readdirSync(base).sort((a, b) => Number(b) - Number(a));
  for (const v of versions) {
    const p = path.join(base, v, 'bin', name);
    if (existsSync(p)) return p;
  }
  return undefined;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export async function startTestPostgres(): Promise<TestPostgres> {
  const initdb = findPgBin('initdb');
  const pgCtl = findPgBin('pg_ctl');
  if (!initdb || !pgCtl) {
    throw new Error(
      'PostgreSQL server binaries not found: run `bash scripts/install-postgres.sh` or set TEST_DATABASE_URL',
    );
  }
  const asRoot = process.getuid?.() === 0;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'cases-pg-'));
  chmodSync(dataDir, 0o777);
  const run = (cmd: string, args: string[]) => {
    if (asRoot) execFileSync('runuser', ['-u', 'postgres', '--', cmd, ...args], { stdio: 'pipe' });
    else execFileSync(cmd, args, { stdio: 'pipe' });
  };
  if (asRoot) execFileSync('chown', ['postgres', dataDir]);
  const pgdata = path.join(dataDir, 'data');
  run(initdb, ['-D', pgdata, '--auth=trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale=C']);
  const port = await freePort();
  const opts = `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${dataDir} -c fsync=off -c max_connections=300 -c synchronous_commit=off -c full_page_writes=off`;
  const start = () => run(pgCtl, ['-D', pgdata, '-o', opts, '-l', path.join(dataDir, 'log'), '-w', 'start']);
  const stopServer = () => {
    try {
      run(pgCtl, ['-D', pgdata, '-m', 'fast', '-w', 'stop']);
    } catch {
      // already stopped
    }
  };
  const running = () => {
    try {
      run(pgCtl, ['-D', pgdata, 'status']);
      return true;
    } catch {
      return false;
    }
  };
  start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    dataDir,
    port,
    pause: stopServer,
    resume: () => {
      if (!running()) start();
    },
    async stop() {
      stopServer();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A throwaway PostgreSQL of a test file's own, migrated: for tests that stop it or erase everything. */
export async function startMigratedPostgres(): Promise<TestPostgres> {
  const pg = await startTestPostgres();
  const db = createDb(pg.url, 1);
  try {
    await migrate(db);
  } finally {
    await db.destroy();
  }
  return pg;
}
