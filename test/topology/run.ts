/**
 * npm run topology:test [-- --sabotage]
 *
 * Starts docker-compose.yml's topology natively on an empty PostgreSQL (scripts/topology) and
 * drives it: the fresh start's schema, namespace and search attributes; lifecycles spread over
 * both APIs while a worker and an API are SIGKILLed; a Temporal server restart; a rolling upgrade
 * from workers of the previous release; rate limits and codec sessions with two API instances.
 * Every case must close with no event lost or doubled, every workflow complete, every webhook
 * arrive. Ends with `topology: N passed, N failed`; exits non-zero on any failure.
 * --sabotage checks the upgrade check: the previous workers run a workflow change shipped without
 * a patch, so the run must fail with nondeterminism. TOPOLOGY_KEEP=1 keeps the logs.
 */
import { randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { AesGcmCodec, newEncryptionKey, parseEncryptionKeys } from '../../platform/payload-codec.js';
import { ROOT, Topology } from '../../scripts/topology/topology.js';
import { KEYS, startWebhookReceiver } from '../chaos/cluster.js';
import { HttpStats } from '../chaos/driver.js';
import { LIMITS_KEY, limitsAndSessions } from './limits.js';
import { Report } from './report.js';
import {
  checkBootstrap,
  checkSchema,
  checkTaskQueues,
  killWorkerAndApi,
  restartTemporal,
  settle,
  spreadIntegrator,
  type Ctx,
} from './scenarios.js';
import { rollingUpgrade } from './upgrade.js';

const LIMIT_MS = 15 * 60_000;

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const sabotage = args.includes('--sabotage');
  if (args.some((a) => a !== '--sabotage')) throw new Error('unknown argument (use --sabotage)');
  const log = (line: string) => console.log(line);
  const report = new Report(log);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cases-topology-'));
  const privateClone = makeClonePrivate();
  const encryptionKeys = newEncryptionKey('topology');
  const t = new Topology({
    dir,
    fast: true,
    // What a .env file next to docker-compose.yml would hold.
    variables: {
      CASE_API_KEYS: [
        ...Object.entries(KEYS).map(([role, key]) => `${role}=${key}`),
        `${LIMITS_KEY.spec}=${LIMITS_KEY.key}`,
      ].join(','),
      PAYLOAD_ENCRYPTION_KEYS: encryptionKeys,
      POSTGRES_PASSWORD: randomBytes(12).toString('hex'),
    },
    appEnv: {
      RATE_LIMIT_PER_MINUTE: '1000000',
      LOG_LEVEL: 'warn',
      // The test's webhook receiver listens on loopback.
      WEBHOOK_ALLOWED_HOSTS: '127.0.0.1',
    },
    log,
  });
  const abort = (why: string, code: number) => {
    console.error(`\n${why}: stopping every process of the run (logs: ${dir})`);
    t.killAll();
    console.log(`topology: ${report.passed} passed, ${report.failed + 1} failed`);
    process.exit(code);
  };
  setTimeout(() => abort(`the run took longer than ${LIMIT_MS / 60_000} min`, 3), LIMIT_MS).unref();
  process.once('SIGINT', () => abort('SIGINT', 130));
  process.once('SIGTERM', () => abort('SIGTERM', 143));
  process.on('exit', () => t.killAll());

  let connection: Connection | undefined;
  const webhooks = await startWebhookReceiver();
  const t0 = Date.now();
  try {
    log(`starting docker-compose.yml's topology natively on an empty PostgreSQL (logs: ${dir})…`);
    const stats = new HttpStats();
    const sentTo: number[] = [];
    const ctx = {
      t,
      report,
      log,
      runTag: `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`,
      webhooks,
      stats,
      sentTo,
      api: spreadIntegrator(t, stats, sentTo),
      runs: [],
      faults: [],
    } as Omit<Ctx, 'client'> as Ctx;
    await t.start({
      afterSchema: () => checkSchema(ctx),
      afterBootstrap: async () => {
        connection = await Connection.connect({ address: t.temporalAddress });
        ctx.client = new Client({
          connection,
          dataConverter: { payloadCodecs: [new AesGcmCodec(parseEncryptionKeys(encryptionKeys))] },
        });
        await checkBootstrap(ctx);
      },
    });
    const startup = (Date.now() - t0) / 1000;
    const phases = Object.entries(t.timings).map(([k, v]) => `${k} ${v.toFixed(1)} s`);
    report.figure(`start-up: ${startup.toFixed(1)} s (${phases.join(', ')})`);
    log(`topology up in ${startup.toFixed(1)} s: APIs ${t.apiPorts.map((_, i) => t.apiUrl(i)).join(', ')}`);
    report.check(
      'the topology starts: 2 workers and 2 APIs ready',
      t.liveWorkers.length === 2 && t.apis.length === 2,
    );
    await checkTaskQueues(ctx);
    if (privateClone) {
      report.check(
        'started from a private clone (mode 700): PostgreSQL, as its own user, read nothing of it',
        !postgresCanRead(path.join(ROOT, 'deploy/postgres-init.sql')),
        'the postgres user could read the clone after all',
      );
    }

    const subscribed = await ctx.api.call('admin', 'POST', '/v1/webhooks', {
      url: webhooks.url,
      events: ['*'],
    });
    report.check(
      'webhook subscription',
      subscribed.status === 201,
      `${subscribed.status} ${JSON.stringify(subscribed.body)}`,
    );

    log('[kill-worker-and-api]');
    await killWorkerAndApi(ctx);
    log('[temporal-restart]');
    await restartTemporal(ctx);
    log('[rolling-upgrade]');
    await rollingUpgrade(ctx, { sabotage });
    log('[settle]');
    await settle(ctx);
    log('[limits-and-sessions]');
    await limitsAndSessions(ctx);

    report.check('no 500 from any API', stats.get('500') === 0, stats.errors.slice(0, 5).join('; '));
    report.check('no process exited by itself', t.crashes.length === 0, t.crashes.slice(0, 3).join('; '));
    const cases = ctx.runs.reduce((n, r) => n + r.figures.cases, 0);
    const lost = ctx.runs.reduce((n, r) => n + r.figures.lost, 0);
    const doubled = ctx.runs.reduce((n, r) => n + r.figures.doubled, 0);
    report.figure(
      `cases driven: ${cases} (${ctx.runs.map((r) => `${r.name} ${r.figures.cases}`).join(', ')}); lost ${lost}, doubled ${doubled}`,
    );
    report.figure(`HTTP: ${stats.summary()}; attempts per API: ${sentTo.join(', ')}`);
    report.figure(`faults: ${ctx.faults.join('; ')}`);
  } catch (err) {
    report.check('the run itself', false, (err as Error).stack ?? String(err));
  } finally {
    await t.stop().catch((err) => report.check('teardown', false, (err as Error).message));
    await connection?.close().catch(() => {});
    await webhooks.close();
    privateClone?.restore();
  }
  report.figure(`total: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  if (report.failed === 0 && !process.env.TOPOLOGY_KEEP) {
    rmSync(dir, { recursive: true, force: true });
    if (t.pgDir !== dir) rmSync(t.pgDir, { recursive: true, force: true });
  } else log(`logs of the run: ${dir}`);
  log('');
  for (const line of report.summary()) log(line);
  return report.failed === 0 ? 0 : 1;
}

/**
 * As root, the run starts from a private clone, as a clone in a home folder or a mode-700 CI
 * checkout is: the clone is mode 700 for the run (its mode is restored afterwards), so anything
 * that runs as another user and reads from it fails here first.
 */
function makeClonePrivate(): { restore: () => void } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const mode = statSync(ROOT).mode & 0o7777;
  chmodSync(ROOT, 0o700);
  let restored = false;
  const restore = () => {
    if (restored) return;
    restored = true;
    chmodSync(ROOT, mode);
  };
  process.on('exit', restore);
  return { restore };
}

function postgresCanRead(file: string): boolean {
  try {
    execFileSync('runuser', ['-u', 'postgres', '--', 'test', '-r', file], { stdio: 'ignore', cwd: '/' });
    return true;
  } catch {
    return false;
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    console.log('topology: 0 passed, 1 failed');
    process.exit(2);
  },
);
