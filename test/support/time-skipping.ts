/**
 * The real time-skipping test server for workflow tests (and the history recorder): found where
 * the project installs it, with the case search attributes registered. Never skipped when missing.
 */
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, DefaultLogger, Runtime } from '@temporalio/worker';
import webpack from 'webpack';
import { registerSearchAttributes } from '../../app/search-attributes.js';
import { findTestServer, MISSING_TEST_SERVER_HELP } from '../../dev/temporal-binaries.js';
import { CASE_BUNDLE_OPTIONS } from '../../platform/workflow-code.js';
import { quietBundlerLogger } from '../../dev/workflow-bundle.js';

export { quietBundlerLogger };

export async function createTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  const path = findTestServer();
  if (!path) throw new Error(MISSING_TEST_SERVER_HELP);
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    // installed already in this process: keep it
  }
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path } },
  });
  // The workflow upserts the case search attributes; the test server refuses undefined ones.
  await registerSearchAttributes(env.connection, env.namespace ?? 'default');
  return env;
}

export function bundleCaseWorkflows(extra: Partial<Parameters<typeof bundleWorkflowCode>[0]> = {}) {
  return bundleWorkflowCode({ ...CASE_BUNDLE_OPTIONS, logger: quietBundlerLogger, ...extra });
}

/** The case workflows with workflows/patches.ts swapped for `patchesModule`: how an older worker
 *  answered the patch checks (the patching test, the topology test's previous release). */
export function bundleCaseWorkflowsWithPatches(patchesModule: string) {
  return bundleCaseWorkflows({
    webpackConfigHook: (config) => {
      config.plugins = [
        ...(config.plugins ?? []),
        new webpack.NormalModuleReplacementPlugin(/^\.\.?\/patches\.js$/, patchesModule),
      ];
      return config;
    },
  });
}
