/**
 * Records the Temporal histories of representative cases into test/histories/*.json, for the replay
 * test (test/workflow/replay.test.ts) that guards cases in flight against non-deterministic changes.
 *
 *   npx tsx scripts/record-histories.ts            # all scenarios
 *   npx tsx scripts/record-histories.ts breach     # only the named ones
 *
 * Runs on the time-skipping test server with mocked activities (no database needed), so timers of
 * days pass in milliseconds. Re-record only on purpose: a new history is a new promise to keep.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Worker } from '@temporalio/worker';
import { workflowIdForCase } from '../domain/case/contract.js';
import { startSearchAttributes } from '../domain/case/projection.js';
import { PROJECT_ROOT } from '../platform/project-root.js';
import { caseWorkflow } from '../workflows/case.js';
import { actionUpdates } from '../workflows/case-updates.js';
import { openInput, SCENARIOS } from './history-scenarios.js';
import { bundleCaseWorkflows, createTimeSkippingEnv } from '../test/support/time-skipping.js';
import { historyToJSON } from '../test/support/history-json.js';

const HISTORIES_DIR = path.join(PROJECT_ROOT, 'test', 'histories');

async function main(only: string[]): Promise<void> {
  const env = await createTimeSkippingEnv();
  try {
    const workflowBundle = await bundleCaseWorkflows();
    const taskQueue = 'record-histories';
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle,
      activities: {
        // Every change has a webhook to send, as with a subscribed integrator: the histories then
        // include the workflow's background delivery activities too.
        async projectCase(p: { events: unknown[] }): Promise<{ deliveries: number }> {
          return { deliveries: p.events.length > 0 ? 1 : 0 };
        },
        async deliverWebhooks(): Promise<{ delivered: number }> {
          return { delivered: 1 };
        },
        async chooseAssignee(input: { type: string }): Promise<string | null> {
          return input.type === 'service_request' ? 'agent.auto' : null;
        },
        // The seeded escalation rules, as far as the scenarios need them (db/defaults.ts).
        async escalationRoute(input: { type: string; level: number; team: string | null }) {
          const team = input.level === 3 ? 'experts' : input.type === 'complaint' ? 'complaints-desk' : null;
          if (!team || team === input.team) return null;
          return { team, assignee: team === 'experts' ? null : 'agent.desk', manager: null, notify: [] };
        },
      },
    });
    mkdirSync(HISTORIES_DIR, { recursive: true });
    await worker.runUntil(async () => {
      for (const [i, scenario] of SCENARIOS.entries()) {
        if (only.length > 0 && !only.includes(scenario.name)) continue;
        const id = `replay-${String(i + 1).padStart(2, '0')}-${scenario.name}`;
        const open = openInput(id, {
          receivedAt: new Date(await env.currentTimeMs()).toISOString(),
          ...scenario.input,
        });
        const handle = await env.client.workflow.start(caseWorkflow, {
          args: [{ open }],
          workflowId: workflowIdForCase(id),
          taskQueue,
          ...(scenario.indexedAtStart ? { typedSearchAttributes: startSearchAttributes(open) } : {}),
        });
        await scenario.run({
          env,
          handle,
          act: (command, actor = 'agent.zhang') =>
            handle.executeUpdate(actionUpdates[command.action], { args: [{ actor, command }] }),
          sleep: (ms) => env.sleep(ms),
        });
        const view = await handle.result();
        const history = await handle.fetchHistory();
        const file = path.join(HISTORIES_DIR, `${scenario.name}.json`);
        writeFileSync(file, historyToJSON(history) + '\n');
        console.log(
          `${scenario.name}: ${view.status}, ${history.events?.length ?? 0} events → ${path.relative(PROJECT_ROOT, file)}`,
        );
      }
    });
  } finally {
    await env.teardown();
  }
}

await main(process.argv.slice(2));
