/**
 * How much memory one cached case costs the worker: opens N cases on the time-skipping server with
 * the workflows run in this thread (debugMode) and stub activities, and reports the V8 heap used per
 * cached case after a full GC. Run: node --expose-gc --import tsx bench/memory-probe.ts [N]
 * A diagnostic for sizing WORKER_MAX_CACHED_WORKFLOWS, not a test.
 */
import { writeHeapSnapshot } from 'node:v8';
import { WithStartWorkflowOperation } from '@temporalio/client';
import { Worker } from '@temporalio/worker';
import { CALENDAR_24X7 } from '../domain/calendar/index.js';
import { workflowIdForCase } from '../domain/case/contract.js';
import type { OpenCaseInput } from '../domain/case/types.js';
import { caseWorkflow } from '../workflows/case.js';
import { openedUpdate } from '../workflows/case-updates.js';
import { bundleCaseWorkflows, createTimeSkippingEnv } from '../test/support/time-skipping.js';

const N = Number(process.argv[2] ?? 400);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');

function heapMb(): number {
  gc!();
  gc!();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

function input(i: number, receivedAt: string): OpenCaseInput {
  return {
    id: `probe-${i}`,
    number: `CS-2026-${String(i).padStart(6, '0')}`,
    type: 'complaint',
    channel: 'api',
    subject: 'pd1:probe:' + 'x'.repeat(80),
    description: 'pd1:probe:' + 'y'.repeat(200),
    customer: { id: 'cus_probe', name: 'pd1:probe:' + 'z'.repeat(40), tier: 'standard' },
    classification: { priority: 'normal', level: 1, reasons: [] },
    sla: {
      name: 'standard',
      calendar: CALENDAR_24X7,
      respondWithin: 'PT4H',
      resolveWithin: 'P3D',
      callbackWithin: 'P1D',
      rateWithin: 'P7D',
      warnBefore: 'PT1H',
    } as OpenCaseInput['sla'],
    openedBy: 'integrator:probe',
    receivedAt,
    assignee: 'agent.probe',
  };
}

async function main(): Promise<void> {
  const env = await createTimeSkippingEnv();
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue: 'probe',
    workflowBundle: await bundleCaseWorkflows(),
    debugMode: true,
    maxCachedWorkflows: N + 100,
    activities: {
      projectCase: async () => ({ deliveries: 0 }),
      deliverWebhooks: async () => ({ delivered: 0 }),
      chooseAssignee: async () => null,
    },
  });
  await worker.runUntil(async () => {
    const open = async (i: number) => {
      const op = new WithStartWorkflowOperation(caseWorkflow, {
        workflowId: workflowIdForCase(`probe-${i}`),
        taskQueue: 'probe',
        args: [{ open: input(i, new Date(await env.currentTimeMs()).toISOString()) }],
        workflowIdConflictPolicy: 'USE_EXISTING',
      });
      await env.client.workflow.executeUpdateWithStart(openedUpdate, { startWorkflowOperation: op });
    };
    for (let i = 0; i < 20; i++) await open(i); // warm: code compiled, caches filled
    const before = heapMb();
    for (let i = 20; i < N + 20; i += 10) await Promise.all([...Array(10).keys()].map((k) => open(i + k)));
    const after = heapMb();
    console.log(
      `heap ${before.toFixed(1)} → ${after.toFixed(1)} MiB for ${N} more cached cases: ${(((after - before) * 1024) / N).toFixed(1)} KiB per case`,
    );
    if (process.env.SNAPSHOT) console.log('snapshot', writeHeapSnapshot());
  });
  await env.teardown();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
