/**
 * Where the workflow code is and how it is bundled: shared by the worker (app/), the bundle's
 * build (dev/workflow-bundle.ts) and the tests' own bundles.
 */
import path from 'node:path';
import { PROJECT_ROOT } from './project-root.js';

/** Workflow code is always bundled from the TypeScript sources, whether this module runs compiled or not. */
const source = (file: string) => path.join(PROJECT_ROOT, file);

export const WORKFLOWS_PATH = source('workflows/index.ts');

/**
 * Pure modules every case workflow uses (the state machine, the deadline arithmetic and luxon),
 * evaluated once per worker and shared by all workflows instead of once per workflow run: a new or
 * replayed case skips evaluating them, and a cached case does not hold its own copy. Safe because
 * they keep no per-workflow state (their only module state is the calendar memo, a pure cache).
 * Nothing that imports '@temporalio/workflow' may be listed here.
 */
export const SHARED_WORKFLOW_MODULES = [
  source('domain/case/machine.ts'),
  source('domain/case/opening.ts'),
  source('domain/case/thresholds.ts'),
  source('domain/case/view.ts'),
  source('domain/case/projection.ts'),
  'luxon',
];

/** How every case bundle is built: the shipped one (dev/workflow-bundle.ts) and tests' own. */
export const CASE_BUNDLE_OPTIONS = { workflowsPath: WORKFLOWS_PATH, preloadModules: SHARED_WORKFLOW_MODULES };

/** The bundle `npm run build` writes and the compiled worker loads: the code the replay tests check. */
export const SHIPPED_BUNDLE_PATH = path.join(PROJECT_ROOT, 'dist', 'workflow-bundle.js');
