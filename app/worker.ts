/**
 * The workers: case and incident workflows and their activities on the case task queue, webhook
 * delivery and customer mail each on their own queue; scale out by running more.
 */
import { existsSync } from 'node:fs';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import type { Logger } from 'pino';
import type { Client } from '@temporalio/client';
import { createActivities } from '../activities/case.js';
import { createDeliveryActivities } from '../activities/webhooks.js';
import type { MailQueueDeps } from '../activities/mail.js';
import type { StaffNoticeDeps } from '../activities/staff-notices.js';
import { createMailActivities } from '../activities/mail-sender.js';
import type { Transporter } from 'nodemailer';
import { mailWaker } from './mail-delivery.js';
import { createIncidentActivities } from '../activities/incidents.js';
import type { Db } from '../db/database.js';
import type { PersonalData } from '../db/personal-data.js';
import { SHARED_WORKFLOW_MODULES, SHIPPED_BUNDLE_PATH, WORKFLOWS_PATH } from '../platform/workflow-code.js';
import { deliveryWaker } from './webhook-delivery.js';
import type { WebhookTargets } from '../platform/webhook-targets.js';

/** This module runs compiled (dist/, `npm start`) rather than from the sources through tsx. */
const COMPILED = import.meta.url.endsWith('.js');

/** What the three workers (cases, webhooks, mail) are made of. */
export interface WorkerDeps {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  db: Db;
  logger: Logger;
  personalData: PersonalData;
  webhookTargets?: WebhookTargets;
  dataConverter: WorkerOptions['dataConverter'];
  /** A bundle of the caller's (tests bundle once per file); otherwise see workflowCode. */
  workflowBundle?: WorkerOptions['workflowBundle'];
  identity?: string;
  maxCachedWorkflows?: number;
  /** Starts and wakes delivery workflows on the webhook task queue. */
  client: Client;
  webhooks: { taskQueue: string; retryForMs: number; timeoutMs?: number };
  /** Customer notifications (workflows/mail.ts on their own task queue); none when absent. */
  mail?: MailWorkerOptions;
  /** Retention keeps the complaint archive's findings and resolution text (default true). */
  keepArchive?: boolean;
  /** Staff notifications: who besides the database's keys is a supervisor. */
  staff?: StaffNoticeDeps;
}

export interface MailWorkerOptions {
  taskQueue: string;
  retryForMs: number;
  queue: MailQueueDeps;
  transport: Transporter;
  from: string;
}

export async function createCaseWorker(o: WorkerDeps): Promise<Worker> {
  // One waker for the worker's cases and incidents, so their wakes coalesce together.
  const wakeDeliveries = deliveryWaker(o.client, o.webhooks.taskQueue);
  return createWorker(o, {
    taskQueue: o.taskQueue,
    activities: {
      ...createActivities({
        db: o.db,
        logger: o.logger.child({ component: 'activities' }),
        personalData: o.personalData,
        wakeDeliveries,
        ...(o.keepArchive === undefined ? {} : { keepArchive: o.keepArchive }),
        staff: o.staff,
        ...(o.mail
          ? {
              mail: {
                queue: o.mail.queue,
                wake: mailWaker(o.client, o.mail.taskQueue),
              },
            }
          : {}),
      }),
      ...createIncidentActivities({
        db: o.db,
        logger: o.logger.child({ component: 'incidents' }),
        client: o.client,
        wakeDeliveries,
      }),
    },
    // Cases wait on timers for days: a bounded cache keeps worker memory flat however many are open;
    // an evicted case replays its (short, continued-as-new) history when its next event comes.
    maxCachedWorkflows: o.maxCachedWorkflows ?? 250,
  });
}

/** Webhook delivery on its own task queue: a slow receiver never takes a case's worker slots. */
export async function createWebhookWorker(o: WorkerDeps): Promise<Worker> {
  return createWorker(o, {
    taskQueue: o.webhooks.taskQueue,
    activities: createDeliveryActivities({
      db: o.db,
      logger: o.logger.child({ component: 'webhooks' }),
      retryForMs: o.webhooks.retryForMs,
      ...(o.webhooks.timeoutMs ? { timeoutMs: o.webhooks.timeoutMs } : {}),
      ...(o.webhookTargets ? { targets: o.webhookTargets } : {}),
    }),
    maxCachedWorkflows: 100,
  });
}

/** Customer notifications on their own task queue: a slow mail server never takes a case's slots. */
export async function createMailWorker(o: WorkerDeps & { mail: MailWorkerOptions }): Promise<Worker> {
  return createWorker(o, {
    taskQueue: o.mail.taskQueue,
    activities: createMailActivities({
      db: o.db,
      logger: o.logger.child({ component: 'mail' }),
      transport: o.mail.transport,
      from: o.mail.from,
      client: o.client,
      taskQueue: o.mail.taskQueue,
      retryForMs: o.mail.retryForMs,
    }),
    maxCachedWorkflows: 100,
  });
}

/** Every worker runs the same workflow code with the same converter; its queue and activities differ. */
function createWorker(
  o: WorkerDeps,
  own: { taskQueue: string; activities: WorkerOptions['activities']; maxCachedWorkflows: number },
): Promise<Worker> {
  return Worker.create({
    connection: o.connection,
    namespace: o.namespace,
    taskQueue: own.taskQueue,
    ...(o.identity ? { identity: o.identity } : {}),
    ...workflowCode(o.workflowBundle),
    dataConverter: o.dataConverter,
    activities: own.activities,
    maxCachedWorkflows: own.maxCachedWorkflows,
    shutdownGraceTime: '10s',
  });
}

/**
 * Compiled, the worker loads the bundle built with it, never bundling at start: every worker runs
 * exactly the code the replay tests checked. From the sources (`npm run dev`) it bundles at start.
 */
function workflowCode(given: WorkerOptions['workflowBundle']): Partial<WorkerOptions> {
  if (given) return { workflowBundle: given };
  if (COMPILED) {
    if (!existsSync(SHIPPED_BUNDLE_PATH))
      throw new Error(`no workflow bundle at ${SHIPPED_BUNDLE_PATH}: run \`npm run build\``);
    return { workflowBundle: { codePath: SHIPPED_BUNDLE_PATH } };
  }
  return { workflowsPath: WORKFLOWS_PATH, bundlerOptions: { preloadModules: SHARED_WORKFLOW_MODULES } };
}
