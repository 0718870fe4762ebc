/** The worker: runs case workflows and their activities on one task queue; scale out by running more. */
import { fileURLToPath } from 'node:url';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import type { Logger } from 'pino';
import { createActivities } from '../activities/index.js';
import type { Db } from '../db/database.js';
import type { PersonalData } from '../db/personal-data.js';
import type { WebhookTargets } from './webhook-targets.js';

export const WORKFLOWS_PATH = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));

/**
 * Pure modules every case workflow uses (the state machine, the deadline arithmetic and luxon),
 * evaluated once per worker and shared by all workflows instead of once per workflow run: a new or
 * replayed case skips evaluating them, and a cached case does not hold its own copy. Safe because
 * they keep no per-workflow state (their only module state is the calendar memo, a pure cache).
 * Nothing that imports '@temporalio/workflow' may be listed here.
 */
export const SHARED_WORKFLOW_MODULES = [
  fileURLToPath(new URL('../domain/case/machine.ts', import.meta.url)),
  fileURLToPath(new URL('../domain/case/projection.ts', import.meta.url)),
  'luxon',
];

/** How every case bundle is built, by the worker and by tests that bundle once per file. */
export const CASE_BUNDLE_OPTIONS = { workflowsPath: WORKFLOWS_PATH, preloadModules: SHARED_WORKFLOW_MODULES };

export interface CaseWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  db: Db;
  logger: Logger;
  personalData: PersonalData;
  webhookTargets?: WebhookTargets;
  dataConverter: WorkerOptions['dataConverter'];
  /** Pre-built bundle (tests bundle once per file); otherwise the worker bundles at start. */
  workflowBundle?: WorkerOptions['workflowBundle'];
  identity?: string;
  maxCachedWorkflows?: number;
}

export async function createCaseWorker(o: CaseWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: o.connection,
    namespace: o.namespace,
    taskQueue: o.taskQueue,
    ...(o.identity ? { identity: o.identity } : {}),
    ...(o.workflowBundle
      ? { workflowBundle: o.workflowBundle }
      : { workflowsPath: WORKFLOWS_PATH, bundlerOptions: { preloadModules: SHARED_WORKFLOW_MODULES } }),
    dataConverter: o.dataConverter,
    activities: createActivities({
      db: o.db,
      logger: o.logger.child({ component: 'activities' }),
      personalData: o.personalData,
      webhookTargets: o.webhookTargets,
    }),
    // Cases wait on timers for days: a bounded cache keeps worker memory flat however many are open;
    // an evicted case replays its (short, continued-as-new) history when its next event comes.
    maxCachedWorkflows: o.maxCachedWorkflows ?? 250,
    shutdownGraceTime: '10s',
  });
}
