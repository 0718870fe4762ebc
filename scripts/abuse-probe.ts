/**
 * What a flood of random tokens costs the API: starts a throwaway PostgreSQL and Temporal dev
 * server, runs the compiled API (`dist/bin/main.js api`, as deployed; `npm run build` first) as its
 * own process, measures its RSS (from /proc) before, right after and 5 s after 20 000 requests
 * with random Bearer tokens, and the latency of valid requests alone and during the flood.
 *
 *   npx tsx scripts/abuse-probe.ts [--requests 20000] [--concurrency 50] [--anonymous-limit N]
 *                                  [--rate PER_SECOND] [--profile DIR]
 *
 * --anonymous-limit raises RATE_LIMIT_ANONYMOUS_PER_MINUTE (default: the service's 300), so every
 * random token reaches the key lookup instead of the per-address limit: the worst case for caches.
 * --rate paces the flood (default: as fast as the API answers, which saturates a process on a
 * small machine: then every request waits behind the flood's, whatever each costs).
 * --profile runs the API under `node --cpu-prof` (summarise with bench/profile-summary.ts).
 *
 * The flood runs in a worker thread: the valid requests are timed on this thread, so their
 * latency is the API's, not the queue of the flood's own fetches in this process.
 */
import { execSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { createDb, migrate } from '../db/database.js';
import { buildIsFresh } from '../dev/workflow-bundle.js';
import { startDevServer } from '../dev/temporal-dev-server.js';
import { freePort, startTestPostgres } from '../test/support/postgres.js';

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '20000' },
    concurrency: { type: 'string', default: '50' },
    rate: { type: 'string' },
    'anonymous-limit': { type: 'string' },
    profile: { type: 'string' },
  },
});
const REQUESTS = Number(values.requests);
const CONCURRENCY = Number(values.concurrency);
const RATE = values.rate ? Number(values.rate) : null;
const VALID_KEY = `probe-${randomBytes(12).toString('hex')}`;

const rssMiB = (pid: number) =>
  Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;
const p = (xs: number[], q: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main() {
  if (!buildIsFresh()) {
    process.stderr.write('dist/ is missing or older than the sources: npm run build…\n');
    execSync('npm run --silent build', { stdio: 'inherit' });
  }
  const pg = await startTestPostgres();
  const db = createDb(pg.url, 2);
  await migrate(db);
  await db.destroy();
  const temporal = await startDevServer({ port: await freePort() });
  const port = await freePort();
  const profile = values.profile ? ['--cpu-prof', '--cpu-prof-dir', values.profile] : [];
  const api = spawn(process.execPath, [...profile, 'dist/bin/main.js', 'api'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      METRICS_PORT: '0',
      DATABASE_URL: pg.url,
      TEMPORAL_ADDRESS: temporal.address,
      TEMPORAL_TASK_QUEUE: 'abuse-probe',
      CASE_API_KEYS: `supervisor:probe=${VALID_KEY}`,
      PAYLOAD_ENCRYPTION_KEYS: `probe:${randomBytes(32).toString('base64')}`,
      RATE_LIMIT_PER_MINUTE: String(1e9),
      ...(values['anonymous-limit'] ? { RATE_LIMIT_ANONYMOUS_PER_MINUTE: values['anonymous-limit'] } : {}),
      LOG_LEVEL: 'silent',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  try {
    await new Promise<void>((resolve, reject) => {
      api.stdout!.on('data', (d: Buffer) => d.toString().includes('API:') && resolve());
      api.once('exit', (code) => reject(new Error(`api exited with ${code}`)));
    });
    const get = async (key: string) => {
      const t = performance.now();
      try {
        const r = await fetch(`${url}/v1/cases?limit=1`, { headers: { Authorization: `Bearer ${key}` } });
        await r.arrayBuffer();
        return { status: r.status, ms: performance.now() - t };
      } catch {
        return { status: 0, ms: performance.now() - t }; // connection reset: counted, not fatal
      }
    };
    let failures = 0;
    const validLoop = async (stop: () => boolean) => {
      const times: number[] = [];
      while (!stop()) {
        const r = await get(VALID_KEY);
        if (r.status === 200) times.push(r.ms);
        else failures += 1;
      }
      return times;
    };
    const randomToken = () => `csk_${randomBytes(24).toString('base64url')}`;

    // Warm up both paths, then the baseline: valid requests alone for 10 s.
    for (let i = 0; i < 300; i++) await get(VALID_KEY);
    for (let i = 0; i < 300; i++) await get(randomToken());
    await sleep(2000);
    const until = Date.now() + 10_000;
    const alone = await validLoop(() => Date.now() > until);
    const before = rssMiB(api.pid!);

    // The flood, with valid requests going on meanwhile.
    let flooding = true;
    const during = validLoop(() => !flooding);
    const t0 = performance.now();
    const statuses = await flood(url, REQUESTS, CONCURRENCY, RATE);
    const floodSeconds = (performance.now() - t0) / 1000;
    flooding = false;
    const duringTimes = await during;
    const after = rssMiB(api.pid!);
    await sleep(5000);
    const settled = rssMiB(api.pid!);

    const fmt = (n: number) => n.toFixed(1);
    console.log(
      JSON.stringify(
        {
          requests: REQUESTS,
          concurrency: CONCURRENCY,
          ratePerSecond: RATE ?? 'unpaced',
          floodPerSecond: fmt(REQUESTS / floodSeconds),
          anonymousLimitPerMinute: values['anonymous-limit'] ? Number(values['anonymous-limit']) : 300,
          floodSeconds: fmt(floodSeconds),
          randomTokenAnswers: statuses,
          rssMiB: {
            before: fmt(before),
            afterFlood: fmt(after),
            fiveSecondsLater: fmt(settled),
            growth: fmt(after - before),
          },
          validRequestsAlone: { count: alone.length, p50ms: fmt(p(alone, 0.5)), p99ms: fmt(p(alone, 0.99)) },
          validRequestsFailed: failures,
          validRequestsDuringFlood: {
            count: duringTimes.length,
            p50ms: fmt(p(duringTimes, 0.5)),
            p99ms: fmt(p(duringTimes, 0.99)),
          },
        },
        null,
        2,
      ),
    );
  } finally {
    if (api.exitCode === null && api.signalCode === null) {
      api.kill('SIGTERM');
      await new Promise((r) => api.once('exit', r));
    }
    await temporal.stop();
    await pg.stop();
  }
}

/** Sends `requests` random-token requests at `concurrency` (paced to `rate` a second when given) from a worker thread; answers by status. */
async function flood(url: string, requests: number, concurrency: number, rate: number | null) {
  const worker = new Worker(
    `
    const { workerData, parentPort } = require('node:worker_threads');
    const { randomBytes } = require('node:crypto');
    const { url, requests, concurrency, rate } = workerData;
    const t0 = performance.now();
    const statuses = {};
    let sent = 0;
    const one = async () => {
      try {
        const r = await fetch(url + '/v1/cases?limit=1', {
          headers: { Authorization: 'Bearer csk_' + randomBytes(24).toString('base64url') },
        });
        await r.arrayBuffer();
        return r.status;
      } catch {
        return 0; // connection reset: counted, not fatal
      }
    };
    Promise.all(Array.from({ length: concurrency }, async () => {
      while (sent < requests) {
        sent += 1;
        const due = rate ? t0 + (sent / rate) * 1000 : 0;
        if (due > performance.now()) await new Promise((r) => setTimeout(r, due - performance.now()));
        const s = await one();
        statuses[s] = (statuses[s] ?? 0) + 1;
      }
    })).then(() => parentPort.postMessage(statuses));
    `,
    { eval: true, workerData: { url, requests, concurrency, rate } },
  );
  const statuses = await new Promise<Record<string, number>>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  await worker.terminate();
  return statuses;
}

main().catch((err: Error) => {
  console.error(err.message);
  process.exit(1);
});
