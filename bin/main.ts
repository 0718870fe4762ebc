/**
 * One binary, three roles:
 *   start  — everything in one process (embedded Temporal + PostgreSQL unless configured)
 *   worker — the workers only: cases, webhook and mail delivery (scale out: run more)
 *   api    — the HTTP API only
 */
import { loadConfig } from '../app/config.js';
import { startStack, type Role } from '../app/stack.js';

/** SIGINT/SIGTERM end the process within this; the worker's grace time (10 s) fits inside it. */
const STOP_BOUND_MS = 30_000;

const ROLES: Record<string, Role[]> = { start: ['api', 'worker'], worker: ['worker'], api: ['api'] };

async function main(): Promise<void> {
  const mode = process.argv[2] ?? 'start';
  const roles = ROLES[mode];
  if (!roles) throw new Error(`unknown role '${mode}': use start, worker or api`);
  const config = loadConfig();
  if (mode !== 'start' && (!config.temporal.address || !config.database.url)) {
    throw new Error(
      `'${mode}' runs one role against shared servers: set TEMPORAL_ADDRESS and DATABASE_URL (or use npm start for the embedded stack)`,
    );
  }
  const t0 = Date.now();
  const progress = (m: string) => console.log(`[${((Date.now() - t0) / 1000).toFixed(1)}s] ${m}`);
  const stack = await startStack(config, { roles, progress });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) {
      // A second Ctrl-C: stop now (the exit hook kills the embedded Temporal server).
      progress(`${signal} again: stopping at once`);
      process.exit(130);
    }
    stopping = true;
    progress(
      `${signal}: stopping within ${STOP_BOUND_MS / 1000} s (API first, then the worker drains, then embedded servers; again to stop at once)…`,
    );
    // Whatever is in flight, the process ends within the bound.
    setTimeout(() => {
      progress(`not stopped after ${STOP_BOUND_MS / 1000} s: exiting`);
      process.exit(1);
    }, STOP_BOUND_MS).unref();
    await stack.stop();
    progress('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  progress('ready');
  if (stack.apiUrl) {
    console.log(`  Console:      ${stack.apiUrl}/console`);
    console.log(`  API:          ${stack.apiUrl}/v1`);
    console.log(`  API docs:     ${stack.apiUrl}/docs   (OpenAPI: ${stack.apiUrl}/openapi.json)`);
  }
  console.log(`  Temporal:     ${stack.temporalAddress}`);
  if (stack.temporalUiUrl) console.log(`  Temporal UI:  ${stack.temporalUiUrl}`);
  console.log(`  Metrics:      ${stack.metricsUrl}   (Prometheus; not on the API port)`);
  if (!config.apiKeys)
    console.log('  (no CASE_API_KEYS set: create keys with `npm run cli -- keys create --role admin`)');
}

main().catch((err: Error) => {
  console.error(`failed to start: ${err.message}`);
  process.exit(1);
});
