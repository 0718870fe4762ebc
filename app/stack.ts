/**
 * The composition root: wires Temporal, PostgreSQL, the worker and the API for one process, in
 * embedded mode (own dev server and PGlite under DATA_DIR) or against configured servers.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { createServer } from 'node:net';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import {
  DefaultLogger,
  NativeConnection,
  Runtime,
  type Worker,
  type WorkerOptions,
} from '@temporalio/worker';
import pino, { type Logger } from 'pino';
import { createApp } from '../api/app.js';
import { KeyStore, parseEnvKeys } from '../api/auth.js';
import { createDb, migrate, ping, type Db } from '../db/database.js';
import type { Config } from './config.js';
import { startEmbeddedPostgres } from '../dev/embedded-postgres.js';
import { ensureSearchAttributes } from './search-attributes.js';
import { configuredConnectionOptions } from '../platform/temporal-connection.js';
import { startDevServer } from '../dev/temporal-dev-server.js';
import { createCaseWorker, createMailWorker, createWebhookWorker } from './worker.js';
import { wakePendingMail } from './mail-delivery.js';
import { setUpNotifications } from './notifications.js';
import { deliveryWaker, wakePendingDeliveries } from './webhook-delivery.js';
import { AesGcmCodec, embeddedEncryptionKeys, parseEncryptionKeys } from '../platform/payload-codec.js';
import { ensureRetentionSchedule } from './retention-schedule.js';
import { serveMetrics, setSdkMetricsAddress } from '../platform/metrics.js';
import { PersonalData } from '../db/personal-data.js';
import { WebhookTargets } from '../platform/webhook-targets.js';
import type { AddressInfo } from 'node:net';
import { publishedSecrets } from '../platform/published-secrets.js';

export type Role = 'api' | 'worker';

export const embeddedUrlFile = (dataDir: string) => path.join(dataDir, 'postgres.url');

/** The running embedded database's URL, or undefined when no live service wrote the file. */
export function runningEmbeddedUrl(dataDir: string): string | undefined {
  try {
    const [url, pid] = readFileSync(embeddedUrlFile(dataDir), 'utf8').trim().split('\n');
    process.kill(Number(pid), 0); // throws when that process is gone (killed with SIGKILL)
    return url;
  } catch {
    return undefined;
  }
}

export interface Stack {
  apiUrl?: string;
  /** Prometheus metrics of this process, on METRICS_PORT. */
  metricsUrl: string;
  /** The API's Express app, route declarations and OpenAPI document (api role). */
  http?: ReturnType<typeof createApp>;
  temporalAddress: string;
  temporalUiUrl?: string;
  databaseUrl: string;
  db: Db;
  client: Client;
  worker?: Worker;
  logger: Logger;
  stop(): Promise<void>;
}

export interface StackOptions {
  roles: Role[];
  logger?: Logger;
  workflowBundle?: WorkerOptions['workflowBundle'];
  progress?: (message: string) => void;
}

export async function startStack(config: Config, opts: StackOptions): Promise<Stack> {
  const logger = opts.logger ?? createLogger(config.logLevel);
  const progress = opts.progress ?? ((m: string) => logger.info(m));
  const stops: (() => Promise<unknown>)[] = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) {
      try {
        await stop();
      } catch (err) {
        logger.warn({ err }, 'error while stopping');
      }
    }
  };

  try {
    refusePublishedSecrets(config, logger);
    // 1. Temporal: the configured server, or our own dev server with a persistent SQLite file.
    const embedded = !config.temporal.address || !config.database.url;
    let temporalAddress = config.temporal.address;
    let temporalUiUrl: string | undefined;
    if (!temporalAddress) {
      const dev = await startDevServer({
        port: config.temporal.devServerPort,
        uiPort: config.temporal.uiPort,
        dbFile: path.join(config.dataDir, 'temporal.sqlite'),
        logFile: path.join(config.dataDir, 'temporal.log'),
        codecEndpoint: `${config.publicUrl ?? `http://localhost:${config.port}`}/codec`,
        onProgress: progress,
      });
      stops.push(() => dev.stop());
      temporalAddress = dev.address;
      temporalUiUrl = dev.uiUrl;
    }
    const connectionOptions = config.temporal.address
      ? configuredConnectionOptions(temporalAddress)
      : { address: temporalAddress };
    progress(`connecting to Temporal at ${temporalAddress} (namespace ${config.temporal.namespace})…`);
    const connection = await Connection.connect(
      connectionOptions as Parameters<typeof Connection.connect>[0],
    );
    stops.push(() => connection.close());
    if (config.temporal.address) {
      const added = await ensureSearchAttributes(connection, config.temporal.namespace);
      if (added.length) progress(`registered search attributes: ${added.join(', ')}`);
    }
    // Personal data never reaches Temporal in the clear: every payload goes through the codec.
    const encryptionKeys = parseEncryptionKeys(
      config.encryptionKeys ?? (embedded ? embeddedEncryptionKeys(config.dataDir) : missingKeys()),
    );
    const dataConverter = { payloadCodecs: [new AesGcmCodec(encryptionKeys)] };
    const client = new Client({ connection, namespace: config.temporal.namespace, dataConverter });

    // 2. PostgreSQL: the configured server, or PGlite under DATA_DIR served over the wire protocol.
    let databaseUrl = config.database.url;
    let poolSize = config.database.poolSize;
    if (!databaseUrl) {
      progress('starting embedded PostgreSQL (PGlite)…');
      // PGlite runs one query at a time; one pooled connection keeps protocol messages from interleaving.
      poolSize = 1;
      const pg = await startEmbeddedPostgres({
        dataDir: path.join(config.dataDir, 'pg'),
        port: config.database.embeddedPort,
        maxConnections: 8,
      });
      stops.push(() => pg.stop());
      databaseUrl = pg.url;
      // The CLI finds the running embedded database through this file.
      const urlFile = embeddedUrlFile(config.dataDir);
      // With our pid: a process killed with SIGKILL leaves the file behind, and the CLI must tell.
      writeFileSync(urlFile, `${pg.url}\n${process.pid}\n`);
      stops.push(async () => rmSync(urlFile, { force: true }));
    }
    const db = createDb(databaseUrl, poolSize);
    stops.push(() => db.destroy());
    const applied = await migrate(db);
    if (applied.length) progress(`database migrations applied: ${applied.join(', ')}`);
    const personalData = new PersonalData(db, encryptionKeys);
    const webhookTargets = new WebhookTargets(config.webhookAllowedHosts);
    const notifications = await setUpNotifications(config, encryptionKeys);
    stops.push(() => notifications.stop());
    if (notifications.mailbox)
      progress(`no SMTP_URL: notifications are captured by ${notifications.smtpUrl}`);

    // 3. The roles this process plays.
    let worker: Worker | undefined;
    if (opts.roles.includes('worker')) {
      await installSdkRuntime(logger);
      progress(`starting worker on task queue '${config.temporal.taskQueue}'…`);
      const workerConnection = await NativeConnection.connect(connectionOptions);
      stops.push(() => workerConnection.close());
      const workerOptions = {
        connection: workerConnection,
        namespace: config.temporal.namespace,
        taskQueue: config.temporal.taskQueue,
        db,
        logger,
        personalData,
        webhookTargets,
        dataConverter,
        maxCachedWorkflows: config.temporal.maxCachedWorkflows,
        workflowBundle: opts.workflowBundle,
        client,
        webhooks: config.webhooks,
        mail: notifications.worker,
        keepArchive: config.retention.keepArchive,
        // CASE_API_KEYS' supervisors are people to tell too: the database does not list them.
        staff: {
          envSupervisors: [...parseEnvKeys(config.apiKeys).values()]
            .filter((k) => k.role === 'supervisor')
            .map((k) => k.name),
        },
      };
      worker = await createCaseWorker(workerOptions);
      const webhookWorker = await createWebhookWorker(workerOptions);
      await ensureRetentionSchedule(client, {
        taskQueue: config.temporal.taskQueue,
        olderThanDays: config.retention.days,
        every: config.retention.sweepEvery,
        idempotencyKeyHours: config.retention.idempotencyKeyHours,
        auditLogDays: config.retention.auditLogDays,
      });
      const running = worker.run();
      stops.push(async () => {
        if (worker!.getState() === 'RUNNING') worker!.shutdown();
        await running;
      });
      const webhooksRunning = webhookWorker.run();
      stops.push(async () => {
        if (webhookWorker.getState() === 'RUNNING') webhookWorker.shutdown();
        await webhooksRunning;
      });
      const mailWorker = await createMailWorker(workerOptions);
      const mailRunning = mailWorker.run();
      stops.push(async () => {
        if (mailWorker.getState() === 'RUNNING') mailWorker.shutdown();
        await mailRunning;
      });
      const mailPending = await wakePendingMail(
        db,
        client,
        notifications.worker.taskQueue,
        notifications.worker.retryForMs,
      );
      if (mailPending) progress(`${mailPending} notification(s) pending: the mail sender woken`);
      const woken = await wakePendingDeliveries(db, deliveryWaker(client, config.webhooks.taskQueue));
      if (woken)
        progress(`webhook deliveries pending for ${woken} subscription(s): delivery workflows woken`);
    }

    // Metrics on their own port, never the API's: the API port faces integrators, this one only
    // the operator's Prometheus.
    const metricsServer = await serveMetrics(config.metricsPort, config.metricsHost);
    stops.push(() => new Promise<void>((r) => metricsServer.close(() => r())));
    const metricsUrl = `http://${hostForUrl(config.metricsHost)}:${(metricsServer.address() as AddressInfo).port}/metrics`;
    progress(`metrics on ${metricsUrl}`);

    let apiUrl: string | undefined;
    let http: ReturnType<typeof createApp> | undefined;
    if (opts.roles.includes('api')) {
      const keys = new KeyStore(parseEnvKeys(config.apiKeys), db);
      http = createApp({
        db,
        logger,
        readiness: () => readiness(db, connection),
        temporal: {
          client,
          taskQueue: config.temporal.taskQueue,
          updateTimeoutMs: config.updateTimeoutMs,
          uiUrl: temporalUiUrl,
        },
        cases: { fourEyes: config.fourEyes },
        console: { databaseUrl },
        security: {
          keys,
          personalData,
          codec: dataConverter.payloadCodecs[0]!,
          codecCorsOrigins: config.codecCorsOrigins,
          publicUrl: config.publicUrl,
          rateLimits: {
            perKeyPerMinute: config.rateLimitPerMinute,
            perAddressPerMinute: config.anonymousRateLimitPerMinute,
            refusalDelayMs: config.refusalDelayMs,
            syncMs: config.rateLimitSyncMs,
          },
        },
        webhooks: {
          wakeDeliveries: deliveryWaker(client, config.webhooks.taskQueue),
          targets: webhookTargets,
        },
        mail: {
          customerLinks: notifications.links,
          locale: { defaultLocale: config.mail.defaultLocale, timeZone: config.mail.timeZone },
          // Customers' mail is shown only on a developer's machine (embedded mode or LOCAL_DEVELOPMENT).
          devMailbox: embedded || config.localDevelopment ? notifications.mailbox : undefined,
        },
      });
      const server = await new Promise<Server>((resolve, reject) => {
        const s = http!.app.listen(config.port, config.host, () => resolve(s)).once('error', reject);
      });
      stops.push(() => closeServer(server));
      // Open event streams would hold the server open: end them first (stops run last first).
      stops.push(() => http!.feed.stop());
      const addr = server.address();
      const port = typeof addr === 'object' && addr ? addr.port : config.port;
      apiUrl = `http://${hostForUrl(config.host)}:${port}`;
      notifications.setBaseUrl(apiUrl);
    }

    let stopped: Promise<void> | undefined;
    return {
      apiUrl,
      metricsUrl,
      http,
      temporalAddress,
      temporalUiUrl,
      databaseUrl,
      db,
      client,
      worker,
      logger,
      stop: () => (stopped ??= stopAll()),
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}

const hostForUrl = (host: string) =>
  host === '0.0.0.0' ? 'localhost' : host.includes(':') ? `[${host}]` : host;

/** Keys printed in our docs are known to everyone: only a developer's own machine may use them. */
function refusePublishedSecrets(config: Config, logger: Logger): void {
  const published = publishedSecrets(config);
  if (published.length === 0) return;
  const what = `${published.join('; ')}: published in this repository's docs or examples, so anyone may know it`;
  if (config.localDevelopment) return void logger.warn(`${what} (tolerated: LOCAL_DEVELOPMENT=true)`);
  throw new Error(
    `refusing to start with ${what}. Make your own (API keys: \`openssl rand -hex 24\` or \`npm run cli -- keys create\`; ` +
      `payload keys: id:<\`openssl rand -base64 32\`>), or set LOCAL_DEVELOPMENT=true on a machine only you use`,
  );
}

function missingKeys(): never {
  throw new Error(
    'PAYLOAD_ENCRYPTION_KEYS is required with shared servers (every worker and API must use the same keys): ' +
      "set it to id:<32 random bytes in base64>, e.g. `node -e \"console.log('k1:'+require('crypto').randomBytes(32).toString('base64'))\"`",
  );
}

async function readiness(db: Db, connection: Connection): Promise<Record<string, string>> {
  const check = async (fn: () => Promise<unknown>) => {
    try {
      await Promise.race([
        fn(),
        new Promise((_, rej) => setTimeout(() => rej(new Error('timed out after 2 s')), 2000)),
      ]);
      return 'ok';
    } catch (err) {
      return `unavailable: ${(err as Error).message}`;
    }
  };
  const [database, temporal] = await Promise.all([
    check(() => ping(db)),
    check(() => connection.healthService.check({})),
  ]);
  return { database, temporal };
}

/** Stop taking requests, let the ones in flight finish. */
function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
    setTimeout(() => server.closeAllConnections(), 10_000).unref();
  });
}

/**
 * JSON logs; keys and codec credentials never reach them. Written asynchronously (one request log
 * line per request would otherwise be a blocking write each); pino flushes what is pending on exit.
 */
export function createLogger(level: string): Logger {
  return pino(
    {
      level,
      redact: {
        paths: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["idempotency-key"]'],
        censor: '[redacted]',
      },
    },
    pino.destination({ dest: 1, sync: false }),
  );
}

let sdkRuntimeInstalled = false;
/**
 * The SDK's runtime is global to the process: its log lines go through our logger, and its
 * Prometheus exporter listens on a loopback port that our /metrics folds in.
 */
async function installSdkRuntime(logger: Logger): Promise<void> {
  if (sdkRuntimeInstalled) return;
  sdkRuntimeInstalled = true;
  const sdk = logger.child({ component: 'temporal-sdk' });
  const level = logger.level === 'silent' ? 'ERROR' : logger.isLevelEnabled('debug') ? 'DEBUG' : 'WARN';
  const bindAddress = `127.0.0.1:${await freeLoopbackPort()}`;
  try {
    Runtime.install({
      logger: new DefaultLogger(level, (entry) => {
        const fn = entry.level === 'ERROR' ? sdk.error : entry.level === 'WARN' ? sdk.warn : sdk.debug;
        fn.call(sdk, entry.meta ?? {}, entry.message);
      }),
      telemetryOptions: { metrics: { prometheus: { bindAddress } } },
    });
    setSdkMetricsAddress(bindAddress);
  } catch {
    // A runtime was installed already (by the embedding program): keep it.
  }
}

function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}
