/** Configuration from the environment, validated once at start so a typo fails loudly. */
import path from 'node:path';
import { z } from 'zod';
import { loadMailConfig } from './mail-config.js';

const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);
const optional = z
  .string()
  .optional()
  .transform((v) => (v && v.trim() !== '' ? v.trim() : undefined));

const EnvSchema = z.object({
  PORT: port(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./.data'),
  CASE_API_KEYS: optional,
  TEMPORAL_ADDRESS: optional,
  TEMPORAL_NAMESPACE: z.string().default('default'),
  TEMPORAL_TASK_QUEUE: z.string().default('cases'),
  WEBHOOK_TASK_QUEUE: z.string().default('webhooks'),
  WEBHOOK_RETRY_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .default(3 * 24 * 3600),
  // A pass heartbeats between sends: a timeout past 15 s could outlast the 20 s heartbeat timeout.
  WEBHOOK_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(15).default(10),
  TEMPORAL_PORT: port(7233),
  TEMPORAL_UI_PORT: port(8233),
  TEMPORAL_CLI_PATH: optional,
  DATABASE_URL: optional,
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).default(10),
  EMBEDDED_PG_PORT: port(0),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(1200),
  RATE_LIMIT_ANONYMOUS_PER_MINUTE: z.coerce.number().int().min(1).default(300),
  RATE_LIMIT_REFUSAL_DELAY_MS: z.coerce.number().int().min(0).max(10_000).default(1000),
  RATE_LIMIT_SYNC_MS: z.coerce.number().int().min(50).default(1000),
  APPROVAL_FOUR_EYES: z.enum(['true', 'false']).default('true'),
  UPDATE_TIMEOUT_MS: z.coerce.number().int().min(100).default(15000),
  PUBLIC_URL: optional,
  PAYLOAD_ENCRYPTION_KEYS: optional,
  RETENTION_DAYS: z.coerce.number().int().min(1).default(365),
  RETENTION_SWEEP_INTERVAL: z.string().default('24h'),
  // What retention keeps of a case's free text: the complaint archive's findings and resolution
  // (`analysis`), or nothing (`none`). Erasure on request always removes everything.
  RETENTION_ARCHIVE: z.enum(['analysis', 'none']).default('analysis'),
  // The audit log's own retention; the table refuses to delete entries younger than 365 days.
  AUDIT_RETENTION_DAYS: z.coerce.number().int().min(365).max(36_500).default(1095),
  IDEMPOTENCY_KEY_HOURS: z.coerce.number().int().min(24).default(72),
  CODEC_CORS_ORIGINS: optional,
  WEBHOOK_ALLOWED_HOSTS: optional,
  LOCAL_DEVELOPMENT: z.enum(['true', 'false']).default('false'),
  WORKER_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(0).default(250),
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  METRICS_HOST: optional,
});

export type Config = ReturnType<typeof loadConfig>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env) {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    apiKeys: e.CASE_API_KEYS,
    temporal: {
      /** Unset: the service starts its own dev server (embedded mode). */
      address: e.TEMPORAL_ADDRESS,
      namespace: e.TEMPORAL_NAMESPACE,
      taskQueue: e.TEMPORAL_TASK_QUEUE,
      devServerPort: e.TEMPORAL_PORT,
      uiPort: e.TEMPORAL_UI_PORT,
      cliPath: e.TEMPORAL_CLI_PATH,
      /** Cases kept in worker memory between events; the rest replay from history when a timer fires. */
      maxCachedWorkflows: e.WORKER_MAX_CACHED_WORKFLOWS,
    },
    webhooks: {
      /** The delivery workflows' own task queue: a slow receiver never competes with case decisions. */
      taskQueue: e.WEBHOOK_TASK_QUEUE,
      /** How long a delivery is retried before it is marked failed. */
      retryForMs: e.WEBHOOK_RETRY_SECONDS * 1000,
      /** How long a receiver may take to answer one delivery. */
      timeoutMs: e.WEBHOOK_TIMEOUT_SECONDS * 1000,
    },
    database: {
      /** Unset: the service runs an embedded PostgreSQL (PGlite) under DATA_DIR. */
      url: e.DATABASE_URL,
      poolSize: e.DATABASE_POOL_SIZE,
      embeddedPort: e.EMBEDDED_PG_PORT,
    },
    /** Customer notifications and case links (app/mail-config.ts). */
    mail: loadMailConfig(env),
    logLevel: e.LOG_LEVEL,
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    anonymousRateLimitPerMinute: e.RATE_LIMIT_ANONYMOUS_PER_MINUTE,
    /** How long a refusal for an address (no valid key) is held before it is written. */
    refusalDelayMs: e.RATE_LIMIT_REFUSAL_DELAY_MS,
    rateLimitSyncMs: e.RATE_LIMIT_SYNC_MS,
    updateTimeoutMs: e.UPDATE_TIMEOUT_MS,
    /** Whoever proposed a resolution may not approve it. */
    fourEyes: e.APPROVAL_FOUR_EYES === 'true',
    publicUrl: e.PUBLIC_URL,
    /** Every process serves /metrics here, apart from the API's port. */
    metricsPort: e.METRICS_PORT ?? 9464,
    metricsHost: e.METRICS_HOST ?? e.HOST,
    /** `id:base64key,…`, newest first; embedded mode keeps its own under DATA_DIR when unset. */
    encryptionKeys: e.PAYLOAD_ENCRYPTION_KEYS,
    retention: {
      days: e.RETENTION_DAYS,
      sweepEvery: e.RETENTION_SWEEP_INTERVAL,
      keepArchive: e.RETENTION_ARCHIVE === 'analysis',
      auditLogDays: e.AUDIT_RETENTION_DAYS,
      idempotencyKeyHours: e.IDEMPOTENCY_KEY_HOURS,
    },
    /** Internal webhook receivers allowed despite being loopback/private (host names, addresses, CIDR). */
    webhookAllowedHosts: e.WEBHOOK_ALLOWED_HOSTS ?? '',
    /** The operator says this machine is theirs alone: published example keys are tolerated. */
    localDevelopment: e.LOCAL_DEVELOPMENT === 'true',
    codecCorsOrigins: (
      e.CODEC_CORS_ORIGINS ??
      `http://localhost:${e.TEMPORAL_UI_PORT},http://127.0.0.1:${e.TEMPORAL_UI_PORT},http://localhost:8080`
    )
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
  };
}
