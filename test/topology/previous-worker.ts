/**
 * A worker of the previous release, for the topology test's rolling upgrade: the service's own
 * worker role (same configuration, same activities) with the case workflow as it ran before the
 * patches in workflows/patches.ts — every patch check answers "not patched" and records no marker,
 * the code path the replay fixtures keep (test/support/patches-before.ts).
 * TOPOLOGY_PREVIOUS_PATCHES=<module> swaps in another patches module instead (the test's
 * --sabotage: a change shipped without a patch, which the upgrade must catch).
 */
import path from 'node:path';
import { loadConfig } from '../../app/config.js';
import { startStack } from '../../app/stack.js';
import { bundleCaseWorkflowsWithPatches } from '../support/time-skipping.js';

const patches = path.resolve(
  import.meta.dirname,
  process.env.TOPOLOGY_PREVIOUS_PATCHES ?? '../support/patches-before.ts',
);

async function main(): Promise<void> {
  const t0 = Date.now();
  const progress = (m: string) => console.log(`[${((Date.now() - t0) / 1000).toFixed(1)}s] ${m}`);
  const workflowBundle = await bundleCaseWorkflowsWithPatches(patches);
  progress(`previous release's workflows bundled (patches: ${path.basename(patches)})`);
  const stack = await startStack(loadConfig(), { roles: ['worker'], workflowBundle, progress });
  const stop = async () => {
    await stack.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  progress('ready');
}

main().catch((err: Error) => {
  console.error(`failed to start: ${err.message}`);
  process.exit(1);
});
