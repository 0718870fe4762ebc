/**
 * The baseline worker, run as its own process by the bench (like ours, compiled: `npm run build`
 * puts it in dist/bench/baseline/). Two workers in it:
 *   - the baseline cases, with the same workflow cache size as ours (WORKER_MAX_CACHED_WORKFLOWS,
 *     read by the same config code), so an action finds a case cached or replays it alike;
 *   - the raw ceiling and floor (empty and trivial workflows), with the SDK's default cache.
 * Env: TEMPORAL_ADDRESS, DATABASE_URL.
 */
import { fileURLToPath } from 'node:url';
import { NativeConnection, Worker } from '@temporalio/worker';
import { createDb } from '../../db/database.js';
import { loadConfig } from '../../app/config.js';
import { createBaselineActivities } from './activities.js';
import { BASELINE_TASK_QUEUE, RAW_TASK_QUEUE } from './workflows.js';

/** workflows.js beside this file once compiled, workflows.ts when run from the sources. */
const workflowsPath = fileURLToPath(
  new URL(`./workflows${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url),
);

async function main(): Promise<void> {
  const address = process.env.TEMPORAL_ADDRESS;
  const databaseUrl = process.env.DATABASE_URL;
  if (!address || !databaseUrl) throw new Error('set TEMPORAL_ADDRESS and DATABASE_URL');
  const config = loadConfig();
  const db = createDb(databaseUrl, config.database.poolSize);
  const connection = await NativeConnection.connect({ address });
  const common = { connection, namespace: config.temporal.namespace, workflowsPath };
  const cases = await Worker.create({
    ...common,
    taskQueue: BASELINE_TASK_QUEUE,
    activities: createBaselineActivities(db),
    maxCachedWorkflows: config.temporal.maxCachedWorkflows,
  });
  const raw = await Worker.create({ ...common, taskQueue: RAW_TASK_QUEUE });
  const running = Promise.all([cases.run(), raw.run()]);
  console.log(`baseline worker ready (cases cached: ${config.temporal.maxCachedWorkflows})`);
  const stop = () => {
    cases.shutdown();
    raw.shutdown();
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  await running;
  await connection.close();
  await db.destroy();
}

main().catch((err: Error) => {
  console.error(`baseline worker failed: ${err.stack ?? err.message}`);
  process.exit(1);
});
