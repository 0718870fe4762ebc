/**
 * npm run chaos [-- --quick | --reduced | --full] [--only=worker-kill,api-restart] [--cases=N] [--sabotage]
 *
 * Profiles: full (default; 50 cases, 30 s database outage), quick (12 cases, short outages),
 * reduced (what `npm test` runs: worker kill and API restart, 8 cases). --sabotage checks the
 * checks: it doubles a case and deletes an event after the lifecycles, so the run must fail.
 *
 * Runs the fault scenarios on a real PostgreSQL, a real Temporal dev server and the service's own
 * worker and API processes; prints each scenario's figures and a summary table; exits non-zero if
 * any event was lost or doubled, any lifecycle did not finish, or the API misbehaved.
 * CHAOS_KEEP_LOGS=1 keeps the cluster's logs (the folder is printed at start).
 */
import { PROFILES, runChaos, SCENARIOS, summaryTable, type Profile, type ScenarioName } from './scenarios.js';
import type { Cluster } from './cluster.js';

function parseArgs(argv: string[]): { profile: Profile; scenarios?: ScenarioName[] } {
  let profile: Profile = PROFILES.full;
  let scenarios: ScenarioName[] | undefined;
  let sabotage = false;
  let cases: number | undefined;
  for (const arg of argv) {
    if (arg === '--quick') profile = PROFILES.quick;
    else if (arg === '--reduced') profile = PROFILES.reduced;
    else if (arg === '--full') profile = PROFILES.full;
    else if (arg === '--sabotage') sabotage = true;
    else if (arg.startsWith('--only=')) {
      scenarios = arg
        .slice('--only='.length)
        .split(',')
        .map((s) => s.trim()) as ScenarioName[];
      const unknown = scenarios.filter((s) => !SCENARIOS.includes(s));
      if (unknown.length)
        throw new Error(`unknown scenario(s) ${unknown.join(', ')}; known: ${SCENARIOS.join(', ')}`);
    } else if (arg.startsWith('--cases=')) {
      const n = Number(arg.slice('--cases='.length));
      if (!Number.isInteger(n) || n < 1 || n > 500) throw new Error('--cases must be 1..500');
      cases = n;
    } else
      throw new Error(
        `unknown argument '${arg}': use --quick, --reduced, --full, --only=a,b, --cases=N, --sabotage`,
      );
  }
  return { profile: { ...profile, ...(cases ? { cases } : {}), sabotage }, scenarios };
}

async function main(): Promise<number> {
  const { profile, scenarios } = parseArgs(process.argv.slice(2));
  const log = (line: string) => console.log(line);
  log(
    `chaos profile ${profile.name}: ${profile.cases} concurrent lifecycles per scenario; ` +
      `scenarios ${(scenarios ?? profile.scenarios).join(', ')}`,
  );

  // A bound on the whole run, and cleanup on Ctrl-C / SIGTERM: no child outlives us.
  let cluster: Cluster | undefined;
  const abort = async (why: string, code: number) => {
    console.error(`\n${why}: stopping every process of the run…`);
    await cluster?.stop(true).catch(() => {});
    if (cluster) console.error(`logs of the run: ${cluster.dir}`);
    process.exit(code);
  };
  const limitMs = profile.name === 'full' ? 30 * 60_000 : 12 * 60_000;
  const watchdog = setTimeout(
    () => void abort(`the run took longer than ${limitMs / 60_000} min`, 3),
    limitMs,
  );
  watchdog.unref();
  process.once('SIGINT', () => void abort('SIGINT', 130));
  process.once('SIGTERM', () => void abort('SIGTERM', 143));
  process.once('uncaughtException', (err) => void abort(`uncaught ${err.stack ?? err}`, 2));
  process.once('unhandledRejection', (err) => void abort(`unhandled rejection ${String(err)}`, 2));

  const run = await runChaos(profile, { log, scenarios, cluster: (c) => (cluster = c) });
  clearTimeout(watchdog);
  log('');
  log(summaryTable(run));
  for (const p of run.problems) log(`! ${p}`);
  return run.ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(2);
  },
);
