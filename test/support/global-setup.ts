/**
 * Once per test run: a real PostgreSQL (throwaway, or TEST_DATABASE_URL) migrated to the latest
 * schema, and a real Temporal dev server with the case search attributes. Nothing is skipped when
 * one is missing: the run fails and says how to install it.
 */
import type { TestProject } from 'vitest/node';
import { createDb, migrate } from '../../db/database.js';
import { startDevServer } from '../../dev/temporal-dev-server.js';
import {
  findTemporalCli,
  findTestServer,
  MISSING_CLI_HELP,
  MISSING_TEST_SERVER_HELP,
} from '../../dev/temporal-binaries.js';
import { shippedBundle } from '../../dev/workflow-bundle.js';
import { freePort, startTestPostgres } from './postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    temporalAddress: string;
  }
}

export default async function setup(project: TestProject) {
  if (!findTemporalCli()) throw new Error(MISSING_CLI_HELP);
  if (!findTestServer()) throw new Error(MISSING_TEST_SERVER_HELP);

  // The workflow bundle every test worker loads, rebuilt here once if its sources changed (rather
  // than by each test file: see bundleCaseWorkflows).
  await shippedBundle();
  const pg = process.env.TEST_DATABASE_URL ? undefined : await startTestPostgres();
  const databaseUrl = process.env.TEST_DATABASE_URL ?? pg!.url;
  const db = createDb(databaseUrl, 2);
  await migrate(db);
  await db.destroy();

  const temporal = await startDevServer({ port: await freePort() });
  project.provide('databaseUrl', databaseUrl);
  project.provide('temporalAddress', temporal.address);

  return async () => {
    await temporal.stop();
    await pg?.stop();
  };
}
