/**
 * Start-up time, compiled (`node dist/bin/main.js`, what `npm start` runs) against the sources
 * through tsx (`node --import tsx bin/main.ts`, what `npm run dev` runs and `npm start` ran before
 * the build): `start` to a 200 from /readyz on a warm DATA_DIR, and one `worker` process to its
 * ready line against a running Temporal and PostgreSQL. Alternates the two, N times each.
 *   npx tsx bench/startup.ts [N]        (run `npm run build` first)
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { startDevServer } from '../dev/temporal-dev-server.js';
import { freePort, startTestPostgres } from '../test/support/postgres.js';
import { ROOT } from './lib/processes.js';
import { median, sleep } from './lib/stats.js';

const VARIANTS = {
  compiled: ['dist/bin/main.js'],
  tsx: ['--import', 'tsx', 'bin/main.ts'],
};
type Variant = keyof typeof VARIANTS;

/** Spawns a role, waits until `ready()` says so, stops it; returns the milliseconds to ready. */
async function timeToReady(
  variant: Variant,
  role: string,
  env: Record<string, string>,
  ready: (output: string) => Promise<boolean>,
): Promise<number> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [...VARIANTS[variant], role], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise((r) => child.once('exit', r));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${variant} ${role} exited:\n${output}`);
      if (performance.now() - t0 > 180_000) throw new Error(`${variant} ${role}: not ready in 180 s`);
      if (await ready(output)) return performance.now() - t0;
      await sleep(25);
    }
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

async function readyz(url: string): Promise<boolean> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(1000) })).status === 200;
  } catch {
    return false;
  }
}

async function main(): Promise<void> {
  const n = Number(process.argv[2] ?? 3);
  const results: Record<string, number[]> = {};
  const record = (k: string, ms: number) => (results[k] ??= []).push(Math.round(ms));

  // `start`: embedded Temporal + PostgreSQL under a data dir made warm by one unmeasured start.
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'cases-startup-'));
  const ports = {
    PORT: await freePort(),
    TEMPORAL_PORT: await freePort(),
    TEMPORAL_UI_PORT: await freePort(),
  };
  const startEnv = { DATA_DIR: dataDir, HOST: '127.0.0.1', ...mapValues(ports) };
  const url = `http://127.0.0.1:${ports.PORT}/readyz`;
  await timeToReady('compiled', 'start', startEnv, () => readyz(url));
  for (let i = 0; i < n; i++)
    for (const v of Object.keys(VARIANTS) as Variant[])
      record(`start ${v}`, await timeToReady(v, 'start', startEnv, () => readyz(url)));
  rmSync(dataDir, { recursive: true, force: true });

  // One worker process against running servers, to its "ready" line.
  const pg = await startTestPostgres();
  const dev = await startDevServer({ port: await freePort() });
  try {
    const workerEnv = {
      TEMPORAL_ADDRESS: dev.address,
      DATABASE_URL: pg.url,
      PAYLOAD_ENCRYPTION_KEYS: `k:${randomBytes(32).toString('base64')}`,
      METRICS_PORT: String(await freePort()),
      HOST: '127.0.0.1',
    };
    const readyLine = async (out: string) => /\] ready/.test(out);
    await timeToReady('compiled', 'worker', workerEnv, readyLine);
    for (let i = 0; i < n; i++)
      for (const v of Object.keys(VARIANTS) as Variant[])
        record(`worker ${v}`, await timeToReady(v, 'worker', workerEnv, readyLine));
  } finally {
    await dev.stop();
    await pg.stop();
  }
  console.log(
    `load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')} (${os.cpus().length} cores)`,
  );
  for (const [k, v] of Object.entries(results))
    console.log(`${k.padEnd(16)} median ${median(v)} ms   runs ${v.join(', ')}`);
}

const mapValues = (o: Record<string, number>) =>
  Object.fromEntries(Object.entries(o).map(([k, v]) => [k, String(v)]));

main().then(
  () => process.exit(0),
  (err: Error) => {
    console.error(err.message);
    process.exit(1);
  },
);
