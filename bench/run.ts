/**
 * The benchmark: the hand-written Temporal baseline and our case service, measured in one run on
 * the same Temporal server and the same PostgreSQL.
 *
 *   npm run bench             full run
 *   npm run bench -- --quick  under ~3 minutes
 *   … -- --save               also copy the results into bench/results/ (the committed figures)
 *
 * A run writes to bench/out/ (ignored by git), so it leaves the work tree clean.
 *
 * It starts a Temporal dev server (in memory) and a throwaway PostgreSQL unless given
 * --temporal-address / --database-url, then runs each role as its own process, compiled as shipped
 * (it runs `npm run build` first unless dist/ is fresh): our worker and our API exactly as deployed
 * (`dist/bin/main.js worker|api`, the worker loading dist/workflow-bundle.js), and the baseline
 * worker (`dist/bench/baseline/worker.js`) on its own task queues with its own table. See
 * BENCHMARKS.md.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { sql } from 'kysely';
import { createDb, migrate, type Db } from '../db/database.js';
import { AesGcmCodec, parseEncryptionKeys } from '../platform/payload-codec.js';
import { startDevServer, type RunningDevServer } from '../dev/temporal-dev-server.js';
import { buildIsFresh } from '../dev/workflow-bundle.js';
import { freePort, startTestPostgres, type TestPostgres } from '../test/support/postgres.js';
import { createBaselineTable } from './baseline/activities.js';
import { renderChart } from './chart/chart.js';
import { Api, CASE_API_KEYS } from './lib/api.js';
import { CpuMeter, findTemporalPid, postmasterPid } from './lib/cpu.js';
import { describeCode, describeMachine } from './lib/machine.js';
import { parseOptions, SAVED_RESULTS_DIR, type BenchOptions } from './lib/options.js';
import { ROOT, startService, type ServiceProcess } from './lib/processes.js';
import { Progress } from './lib/progress.js';
import { markdownSummary, printSummary } from './lib/report.js';
import type { BenchResults } from './lib/results.js';
import * as phases from './phases/index.js';
import { incidentFanOut, type IncidentFanOut } from './incidents.js';

export interface BenchContext {
  opts: BenchOptions;
  runId: string;
  api: Api;
  client: Client;
  /** A client with the service's payload codec: talks to case workflows directly, bypassing the API. */
  codecClient: Client;
  db: Db;
  taskQueue: string;
  worker: ServiceProcess;
  apiProcess: ServiceProcess;
  baselineWorker: ServiceProcess;
  cpu: CpuMeter;
  progress: Progress;
  workerMetricsUrl: string;
  /** Cases our creation phase opened (still `new`), for the accept phase. */
  createdCaseIds: string[];
  /** The baseline cases the same rounds opened, for the baseline's accept phase. */
  createdBaselineIds: string[];
  /** Creations answered 503 and sent again with the same Idempotency-Key (reported, never hidden). */
  creationRetries: number;
}

const PHASES = 12;

async function main(): Promise<void> {
  const opts = parseOptions(process.argv.slice(2));
  // What ships is what is measured: the compiled output, built from the sources as they are.
  if (!buildIsFresh()) {
    process.stderr.write('dist/ is missing or older than the sources: npm run build…\n');
    execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
  }
  const started = Date.now();
  // Before anything loads the product code: what exactly is being measured.
  const code = describeCode(ROOT);
  const runId = `${new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14)}-${Math.random().toString(36).slice(2, 6)}`;
  const progress = new Progress(PHASES);
  const logDir = mkdtempSync(path.join(os.tmpdir(), 'cases-bench-'));
  const loadAtStart = os.loadavg();
  if (loadAtStart[0]! > 0.5 * os.cpus().length)
    progress.log(
      `note: the machine is already busy (load average ${loadAtStart.map((l) => l.toFixed(2)).join(' ')}); figures will be noisy — see 'other' in each phase's cpuSeconds`,
    );
  progress.log(
    `bench ${opts.mode}: ${opts.creations} creations at concurrency ${opts.concurrency}, ${opts.actions} updates at ${opts.actionConcurrency}, ` +
      `${opts.breachCases} breach cases, open-case checkpoints ${opts.scaleCheckpoints.join(' → ')}; logs in ${logDir}`,
  );

  const stops: (() => Promise<unknown>)[] = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) {
      try {
        await stop();
      } catch (err) {
        process.stderr.write(`\nwhile stopping: ${(err as Error).message}\n`);
      }
    }
  };
  let interrupted = false;
  const onSignal = (sig: string) => {
    if (interrupted) return;
    interrupted = true;
    process.stderr.write(`\n${sig}: stopping the bench's servers…\n`);
    void stopAll().then(() => process.exit(130));
  };
  process.once('SIGINT', () => onSignal('SIGINT'));
  process.once('SIGTERM', () => onSignal('SIGTERM'));

  try {
    // ---- 1. the servers: one Temporal and one PostgreSQL for both stacks
    progress.start('starting Temporal, PostgreSQL, our worker + API, the baseline worker');
    let pg: TestPostgres | undefined;
    let databaseUrl = opts.databaseUrl;
    if (!databaseUrl) {
      pg = await startTestPostgres();
      stops.push(() => pg!.stop());
      databaseUrl = pg.url;
    }
    let dev: RunningDevServer | undefined;
    let temporalAddress = opts.temporalAddress;
    let temporalPort: number | undefined;
    if (!temporalAddress) {
      temporalPort = await freePort();
      dev = await startDevServer({ port: temporalPort });
      stops.push(() => dev!.stop());
      temporalAddress = dev.address;
    }
    const db = createDb(databaseUrl, 4);
    stops.push(() => db.destroy());
    await migrate(db);
    await createBaselineTable(db);
    const pgVersion =
      (await sql<{ v: string }>`SELECT current_setting('server_version') AS v`.execute(db)).rows[0]?.v ??
      'unknown';

    const connection = await Connection.connect({ address: temporalAddress });
    stops.push(() => connection.close());
    const client = new Client({ connection, namespace: process.env.TEMPORAL_NAMESPACE ?? 'default' });
    const serverInfo = await connection.workflowService.getSystemInfo({});

    const payloadKeys = process.env.PAYLOAD_ENCRYPTION_KEYS ?? `bench:${randomBytes(32).toString('base64')}`;
    const codecClient = new Client({
      connection,
      namespace: client.options.namespace,
      dataConverter: { payloadCodecs: [new AesGcmCodec(parseEncryptionKeys(payloadKeys))] },
    });

    // ---- 2. the roles, each its own process
    const taskQueue = `bench-cases-${runId}`;
    const common = {
      TEMPORAL_ADDRESS: temporalAddress,
      DATABASE_URL: databaseUrl,
      TEMPORAL_TASK_QUEUE: taskQueue,
      // Shared servers need the payload key (every worker and API the same); a fresh one per run.
      PAYLOAD_ENCRYPTION_KEYS: payloadKeys,
      // The service's defaults otherwise (LOG_LEVEL info, pool size 10, …), as deployed.
    };
    const metricsPort = await freePort();
    const nodeArgs = (name: string) =>
      opts.profile.includes(name)
        ? ['--cpu-prof', '--cpu-prof-dir', path.join(logDir, 'profiles', name)]
        : [];
    // All three start in parallel; every one that came up is registered for stopping before a
    // sibling's failure is thrown, so none is left running.
    const settled = await Promise.allSettled([
      startService({
        name: 'worker',
        args: ['dist/bin/main.js', 'worker'],
        env: { ...common, METRICS_PORT: String(metricsPort), HOST: '127.0.0.1' },
        readyPattern: /\] ready/,
        logDir,
        nodeArgs: nodeArgs('worker'),
      }),
      startService({
        name: 'api',
        args: ['dist/bin/main.js', 'api'],
        env: {
          ...common,
          PORT: '0',
          HOST: '127.0.0.1',
          CASE_API_KEYS,
          METRICS_PORT: '0',
          // The bench sends far more than an integrator's 1 200 a minute from one key.
          RATE_LIMIT_PER_MINUTE: String(1e9),
        },
        readyPattern: /API:\s+(http:\/\/\S+)\/v1/,
        logDir,
        nodeArgs: nodeArgs('api'),
      }),
      startService({
        name: 'baseline-worker',
        args: ['dist/bench/baseline/worker.js'],
        env: common,
        readyPattern: /baseline worker ready/,
        logDir,
        nodeArgs: nodeArgs('baseline-worker'),
      }),
    ]);
    for (const r of settled) if (r.status === 'fulfilled') stops.push(() => r.value.stop());
    const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
    const [worker, apiProcess, baselineWorker] = settled.map(
      (r) => (r as PromiseFulfilledResult<ServiceProcess>).value,
    ) as [ServiceProcess, ServiceProcess, ServiceProcess];
    const api = new Api(apiProcess.ready[1]!);

    const pgdata = pg ? path.join(pg.dataDir, 'data') : undefined;
    const temporalPid = temporalPort ? findTemporalPid(temporalPort) : undefined;
    const postgresPid = pgdata ? postmasterPid(pgdata) : undefined;
    const cpu = new CpuMeter(
      () => ({
        bench: { pid: process.pid },
        api: { pid: apiProcess.pid },
        worker: { pid: worker.pid },
        baselineWorker: { pid: baselineWorker.pid },
        temporal: { pid: temporalPid },
        postgres: { pid: postgresPid, tree: true },
      }),
      () => [process.pid, ...(postgresPid ? [postgresPid] : [])],
    );

    const ctx: BenchContext = {
      opts,
      runId,
      api,
      client,
      codecClient,
      db,
      taskQueue,
      worker,
      apiProcess,
      baselineWorker,
      cpu,
      progress,
      workerMetricsUrl: `http://127.0.0.1:${metricsPort}/metrics`,
      createdCaseIds: [],
      createdBaselineIds: [],
      creationRetries: 0,
    };
    await phases.seed(ctx);
    progress.end(`Temporal ${temporalAddress}, PostgreSQL ${pgVersion}, API ${api.baseUrl}`);

    // ---- 3. the measurements
    const scale: phases.ScaleCheckpoint[] = [];
    const [firstCheckpoint, ...laterCheckpoints] = opts.scaleCheckpoints;
    const phaseSeconds: Record<string, number> = { setup: Math.round((Date.now() - started) / 1000) };
    const timed = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
      const t = Date.now();
      const out = await fn();
      phaseSeconds[name] = Math.round((Date.now() - t) / 1000);
      return out;
    };
    if (opts.incidentsOnly) {
      const file = await writeIncidents(opts.outDir, opts.mode, await measureIncidents(ctx));
      if (opts.save) saveCopies([file]);
      return;
    }
    const warmup = await timed('warmup', () => phases.churn(ctx));
    scale.push(await timed('scaleFirst', () => phases.scaleCheckpoint(ctx, firstCheckpoint!)));
    const ceiling = await timed('ceiling', () => phases.ceiling(ctx));
    const { baseline, ours } = await timed('creation', () => phases.creations(ctx));
    const rawUpdate = await timed('rawUpdates', () => phases.rawUpdates(ctx));
    const baselineAccept = await timed('baselineAccepts', () => phases.baselineAccepts(ctx));
    const accept = await timed('accepts', () => phases.apiAccepts(ctx));
    const breach = await timed('breach', () => phases.breaches(ctx, ours.casesPerSecond));
    const history = await timed('history', () => phases.historyCost(ctx));
    progress.start('scale: opening cases up to each checkpoint', laterCheckpoints.at(-1) ?? 0);
    await timed('scale', async () => {
      for (const target of laterCheckpoints) scale.push(await phases.scaleCheckpoint(ctx, target, true));
    });
    progress.end();
    const incidents = await timed('incidents', () => measureIncidents(ctx));

    // ---- 4. the figures
    progress.start('writing results');
    const first = scale[0]!;
    const last = scale[scale.length - 1]!;
    const results: BenchResults = {
      schema: 1,
      mode: opts.mode,
      runId,
      startedAt: new Date(started).toISOString(),
      durationSeconds: Math.round((Date.now() - started) / 1000),
      phaseSeconds,
      createRatio: round3(ours.casesPerSecond / baseline.casesPerSecond),
      createCpuRatio: round3((baseline.cpuMsPerCase.stack ?? NaN) / (ours.cpuMsPerOp.stack ?? NaN)),
      actionBaselineP99Ratio: round3(accept.latencyMs.p99 / baselineAccept.latencyMs.p99),
      actionP99Ratio: round3(accept.latencyMs.p99 / rawUpdate.latencyMs.p99),
      breachLatencyP99Ms: breach.detectedLateMs.p99,
      breachVisibleP99Ms: breach.visibleLateMs.p99,
      workerRssMb: { [first.openCases]: first.worker.rssMb, [last.openCases]: last.worker.rssMb },
      workerRssGrowth: round3(last.worker.rssMb / first.worker.rssMb),
      listP99Ms: { [first.openCases]: first.list.latencyMs.p99, [last.openCases]: last.list.latencyMs.p99 },
      listP99Growth: round3(last.list.latencyMs.p99 / first.list.latencyMs.p99),
      creationRetries: ctx.creationRetries,
      targets: {
        createRatio: { target: '>= 0.9', met: ours.casesPerSecond / baseline.casesPerSecond >= 0.9 },
        actionBaselineP99Ratio: {
          target: '<= 1.2',
          met: accept.latencyMs.p99 / baselineAccept.latencyMs.p99 <= 1.2,
        },
        actionP99Ratio: { target: '<= 2.0', met: accept.latencyMs.p99 / rawUpdate.latencyMs.p99 <= 2.0 },
        breachLatencyP99Ms: { target: '<= 500', met: breach.detectedLateMs.p99 <= 500 },
        workerRssFlat: {
          target: 'within 1.25x from first to last checkpoint',
          met: last.worker.rssMb / first.worker.rssMb <= 1.25,
        },
        listP99Flat: {
          target: 'within 1.5x from first to last checkpoint',
          met: last.list.latencyMs.p99 / first.list.latencyMs.p99 <= 1.5,
        },
      },
      machine: describeMachine({
        postgres: pgVersion,
        temporalServer: serverInfo.serverVersion,
        temporal: opts.temporalAddress
          ? `external ${temporalAddress}`
          : `dev server (in memory) ${temporalAddress}`,
        database: opts.databaseUrl ? 'external' : 'throwaway PostgreSQL (fsync off)',
        loadAverageAtStart: loadAtStart.map((l) => Math.round(l * 100) / 100),
        loadAverageAtEnd: os.loadavg().map((l) => Math.round(l * 100) / 100),
      }),
      code,
      config: { ...opts, databaseUrl: opts.databaseUrl ? '(given)' : undefined, warmupChurn: warmup },
      create: { ceiling, baseline, ours },
      actions: { raw: rawUpdate, baseline: baselineAccept, accept },
      breach,
      scale,
      history,
      incidents,
    };
    mkdirSync(opts.outDir, { recursive: true });
    const json = JSON.stringify(results, null, 2);
    const written: string[] = [];
    const write = (name: string, data: string | Buffer) => {
      writeFileSync(path.join(opts.outDir, name), data);
      written.push(path.join(opts.outDir, name));
    };
    write('latest.json', json);
    write(`${opts.mode}.json`, json);
    write(`${opts.mode}.md`, markdownSummary(results));
    if (opts.chart) write(opts.mode === 'full' ? 'latency.png' : 'latency-quick.png', renderChart(results));
    written.push(await writeIncidents(opts.outDir, opts.mode, incidents));
    progress.end(`${path.relative(process.cwd(), opts.outDir)}/latest.json`);
    if (opts.save) saveCopies(written);
    printSummary(results);
  } finally {
    process.stderr.write('stopping…\n');
    await stopAll();
  }
}

async function measureIncidents(ctx: BenchContext): Promise<IncidentFanOut[]> {
  const out: IncidentFanOut[] = [];
  for (const n of ctx.opts.incidentCases) out.push(await incidentFanOut(ctx, n));
  return out;
}

/** The committed figures are a deliberate copy of a run's (--save), never a side effect of running. */
function saveCopies(files: string[]): void {
  mkdirSync(SAVED_RESULTS_DIR, { recursive: true });
  for (const f of files) copyFileSync(f, path.join(SAVED_RESULTS_DIR, path.basename(f)));
  process.stdout.write(
    `saved into ${path.relative(process.cwd(), SAVED_RESULTS_DIR)}/: ${files.map((f) => path.basename(f)).join(', ')}\n`,
  );
}

/** <out>/incidents-<mode>.json, also written by an --incidents-only run; returns its path. */
async function writeIncidents(outDir: string, mode: string, figures: IncidentFanOut[]): Promise<string> {
  mkdirSync(outDir, { recursive: true });
  const machine = { cpus: os.cpus().length, loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100) };
  const file = path.join(outDir, `incidents-${mode}.json`);
  writeFileSync(file, JSON.stringify({ measuredAt: new Date().toISOString(), machine, figures }, null, 2));
  for (const f of figures)
    process.stdout.write(
      `incident fan-out: ${f.linkedCases} linked cases — one update in all timelines after ${f.fanOutSeconds} s ` +
        `(${f.casesPerSecond}/s, half after ${f.halfSeconds} s; POST answered in ${f.postMs} ms); ` +
        `incident history ${f.history.events} events, ${Math.round(f.history.bytes / 1024)} KiB\n`,
    );
  return file;
}

const round3 = (v: number) => Math.round(v * 1000) / 1000;

main().then(
  () => process.exit(0),
  (err: Error) => {
    process.stderr.write(`\nbench failed: ${err.stack ?? err.message}\n`);
    process.exit(1);
  },
);
