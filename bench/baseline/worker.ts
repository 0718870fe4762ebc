/**
 * The baseline worker, run as its own process by the bench (like ours): the baseline workflows on
 * their own task queue, SDK defaults otherwise. Env: TEMPORAL_ADDRESS, DATABASE_URL.
 */
import { fileURLToPath } from 'node:url';
import { NativeConnection, Worker } from '@temporalio/worker';
import { createDb } from '../../db/database.js';
import { createBaselineActivities } from './activities.js';
import { BASELINE_TASK_QUEUE } from './workflows.js';

async function main(): Promise<void> {
  const address = process.env.TEMPORAL_ADDRESS;
  const databaseUrl = process.env.DATABASE_URL;
  if (!address || !databaseUrl) throw new Error('set TEMPORAL_ADDRESS and DATABASE_URL');
  const db = createDb(databaseUrl, Number(process.env.DATABASE_POOL_SIZE ?? 10));
  const connection = await NativeConnection.connect({ address });
  const worker = await Worker.create({
    connection,
    namespace: process.env.TEMPORAL_NAMESPACE ?? 'default',
    taskQueue: BASELINE_TASK_QUEUE,
    workflowsPath: fileURLToPath(new URL('./workflows.ts', import.meta.url)),
    activities: createBaselineActivities(db),
  });
  const running = worker.run();
  console.log('baseline worker ready');
  const stop = () => worker.shutdown();
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
