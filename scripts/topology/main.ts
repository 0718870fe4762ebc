/**
 * npm run topology [-- --fresh]
 *
 * docker-compose.yml's production topology, natively (no containers): PostgreSQL, Temporal's
 * schema, the full Temporal server on PostgreSQL, the namespace and search attributes, the
 * workers and the API instances, and the Web UI when its server is installed
 * (`bash scripts/install-temporal-server.sh --ui`). State lives in DATA_DIR/topology (default
 * ./.data/topology), so a restart keeps every case; --fresh starts from an empty database.
 * Variables the compose file reads (CASE_API_KEYS, POSTGRES_PASSWORD, …) come from the
 * environment, as for compose. Ctrl-C stops everything.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { Topology } from './topology.js';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const unknown = args.filter((a) => a !== '--fresh');
  if (unknown.length) throw new Error(`unknown argument ${unknown.join(' ')} (use --fresh)`);
  const dir = path.resolve(process.env.DATA_DIR ?? '.data', 'topology');
  if (args.includes('--fresh')) rmSync(dir, { recursive: true, force: true });
  const t0 = Date.now();
  const topology = new Topology({
    dir,
    ports: { api: [3000, 3001], temporal: 7233, ui: 8080 },
    log: (line) => console.log(line),
  });
  let stopping = false;
  const stop = async (why: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${why}: stopping the APIs, the workers, Temporal and PostgreSQL…`);
    await topology.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('exit', () => stopping || topology.killAll());
  console.log(`starting docker-compose.yml's topology natively (state and logs: ${dir})…`);
  try {
    await topology.start();
  } catch (err) {
    console.error(`failed to start: ${(err as Error).message}`);
    await topology.stop();
    process.exit(1);
  }
  console.log(`ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  topology.apiPorts.forEach((_, i) => {
    console.log(`  API ${i + 1}:        ${topology.apiUrl(i)}/v1   (docs: ${topology.apiUrl(i)}/docs)`);
  });
  console.log(`  Temporal:     ${topology.temporalAddress}   (PostgreSQL persistence and visibility)`);
  console.log(
    topology.uiUrl
      ? `  Temporal UI:  ${topology.uiUrl}`
      : '  Temporal UI:  not installed (bash scripts/install-temporal-server.sh --ui)',
  );
  console.log(
    `  PostgreSQL:   postgres://${topology.env('postgresql', 'POSTGRES_USER')}@127.0.0.1:${topology.pgPort}/cases`,
  );
  console.log(`  workers:      ${topology.liveWorkers.length} on one task queue; logs in ${dir}`);
  console.log('Ctrl-C stops everything.');
}

main().catch((err: Error) => {
  console.error(err.message);
  process.exit(1);
});
