/**
 * Records the histories of the outbox sender workflows (webhook delivery, customer mail) into
 * test/histories/outbox/*.json, for test/workflow/outbox-replay.test.ts: a pass that leaves a
 * retry due, a wake signal while it sleeps, a pass that leaves nothing, then idle until it
 * completes. On the time-skipping test server with the activities stubbed: only the workflow's
 * decisions matter here.
 *
 *   npx tsx scripts/record-outbox-histories.ts webhookDelivery mailOutbox
 *
 * Re-record only on purpose: a new history is a new promise to keep.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Worker } from '@temporalio/worker';
import { PROJECT_ROOT } from '../platform/project-root.js';
import { bundleCaseWorkflows, createTimeSkippingEnv } from '../test/support/time-skipping.js';
import { historyToJSON } from '../test/support/history-json.js';

const DIR = path.join(PROJECT_ROOT, 'test', 'histories', 'outbox');

/** Each workflow: how it is started and woken. */
const SENDERS: Record<string, { args: unknown[]; signal: string }> = {
  webhookDelivery: { args: [{ subscriptionId: 'whk_replay' }], signal: 'deliveriesDue' },
  mailOutbox: { args: [], signal: 'mailDue' },
};

async function main(names: string[]): Promise<void> {
  const env = await createTimeSkippingEnv();
  try {
    const taskQueue = 'outbox-replay';
    let passes = 0;
    const pass = async () => {
      passes += 1;
      // The first pass leaves a retry due in a minute; the later ones leave nothing.
      return { nextAt: passes === 1 ? (await env.currentTimeMs()) + 60_000 : null, stop: false };
    };
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: await bundleCaseWorkflows(),
      activities: { deliverDue: pass, sendDueMail: pass },
    });
    mkdirSync(DIR, { recursive: true });
    await worker.runUntil(async () => {
      for (const name of names) {
        const sender = SENDERS[name];
        if (!sender) throw new Error(`no outbox workflow ${name}: ${Object.keys(SENDERS).join(', ')}`);
        passes = 0;
        const handle = await env.client.workflow.start(name, {
          args: sender.args,
          workflowId: `outbox-replay-${name}`,
          taskQueue,
        });
        await env.sleep(20_000); // asleep until the retry is due
        await handle.signal(sender.signal);
        await handle.result(); // idle for 10 minutes after the last pass: completed
        const history = await handle.fetchHistory();
        const file = path.join(DIR, `${name}.json`);
        writeFileSync(file, historyToJSON(history) + '\n');
        console.log(
          `${name}: ${passes} passes, ${history.events?.length ?? 0} events → ${path.relative(PROJECT_ROOT, file)}`,
        );
      }
    });
  } finally {
    await env.teardown();
  }
}

await main(process.argv.slice(2));
