/** Command-line options and the two modes' sizes. */

export interface BenchOptions {
  mode: 'quick' | 'full';
  /** Creations per stack (baseline, ours, the empty-workflow ceiling). */
  creations: number;
  concurrency: number;
  /** Creation runs in this many alternating rounds (baseline, ours, baseline, ours, …). */
  rounds: number;
  /** Updates per kind (raw, API accept), and their concurrency. */
  actions: number;
  actionConcurrency: number;
  /** Updates per kind run one at a time after the concurrent ones: the unloaded path length. */
  sequentialActions: number;
  /** Operations run before each measured phase and not counted. */
  warmup: number;
  breachCases: number;
  /** Respond deadline of the breach cases (ISO duration, and ms). */
  breachAfter: string;
  breachAfterMs: number;
  /** Open-case counts at which memory and list latency are measured; the first and last are the headline. */
  scaleCheckpoints: number[];
  listRequests: number;
  listConcurrency: number;
  /** Full standard lifecycles per stack for the history cost. */
  lifecycles: number;
  temporalAddress?: string;
  databaseUrl?: string;
  /** Where latest.json, <mode>.json and the PNG go: bench/out/ (ignored by git) unless --out. */
  outDir: string;
  /** Also copy the run's files into bench/results/, the committed figures BENCHMARKS.md cites. */
  save: boolean;
  chart: boolean;
  /** Cases opened and withdrawn before the first checkpoint, so the worker is measured warm. */
  churn: number;
  /** Roles to run under `node --cpu-prof` (profiles land in the run's log folder). */
  profile: string[];
  /** Linked cases per incident fan-out measurement. */
  incidentCases: number[];
  /** Run only the incident fan-out phase (after the setup). */
  incidentsOnly: boolean;
}

/** A run's output: never tracked, so running the bench leaves the work tree clean. */
export const RUN_RESULTS_DIR = new URL('../out', import.meta.url).pathname;
/** The figures BENCHMARKS.md cites: written only by a deliberate --save. */
export const SAVED_RESULTS_DIR = new URL('../results', import.meta.url).pathname;

const MODES = {
  quick: {
    creations: 300,
    concurrency: 16,
    rounds: 2,
    actions: 200,
    actionConcurrency: 8,
    sequentialActions: 30,
    warmup: 20,
    breachCases: 20,
    scaleCheckpoints: [100, 1000],
    listRequests: 400,
    listConcurrency: 4,
    lifecycles: 2,
    churn: 100,
    incidentCases: [100, 500],
  },
  full: {
    creations: 1500,
    concurrency: 16,
    rounds: 5,
    actions: 1000,
    actionConcurrency: 8,
    sequentialActions: 100,
    warmup: 50,
    breachCases: 100,
    scaleCheckpoints: [100, 1000, 2500, 5000, 10000],
    listRequests: 1000,
    listConcurrency: 4,
    lifecycles: 5,
    churn: 300,
    incidentCases: [100, 2000],
  },
} as const;

const HELP = `npm run bench [-- options]

  --quick                    the short run (under ~3 minutes): 300 creations, 100 vs 1 000 open cases
  --temporal-address H:P     use this Temporal frontend instead of starting a dev server
                             (also BENCH_TEMPORAL_ADDRESS; the namespace is TEMPORAL_NAMESPACE or 'default')
  --database-url URL         use this PostgreSQL instead of starting a throwaway one (also BENCH_DATABASE_URL)
  --creations N              creations per stack            (quick 300, full 1500)
  --concurrency C            creations in flight            (16)
  --rounds R                 creation in R alternating rounds baseline/ours (quick 2, full 5)
  --actions N                updates per kind               (quick 200, full 1000)
  --action-concurrency C     updates in flight              (8)
  --breach-cases M           cases with a ${'5 s'} respond deadline (quick 20, full 100)
  --scale A,B,...            open-case checkpoints          (quick 100,1000; full 100,1000,2500,5000,10000)
  --out DIR                  a run's results folder         (bench/out, ignored by git)
  --save                     also copy the results into bench/results/, the committed figures (BENCHMARKS.md)
  --no-chart                 skip the PNG
  --profile ROLE,...         run worker / api / baseline-worker under node --cpu-prof (profiles in the log folder)
  --incidents-only           only the incident fan-out (one update to 100 and 2 000 linked cases; quick: 100, 500)
`;

export function parseOptions(argv: string[]): BenchOptions {
  const args = [...argv];
  const quick = args.includes('--quick');
  const base = MODES[quick ? 'quick' : 'full'];
  const value = (flag: string): string | undefined => {
    const i = args.indexOf(flag);
    if (i < 0) return undefined;
    const v = args[i + 1];
    if (!v || v.startsWith('--')) throw new Error(`${flag} needs a value`);
    return v;
  };
  const int = (flag: string, fallback: number): number => {
    const v = value(flag);
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) throw new Error(`${flag} must be a positive integer`);
    return n;
  };
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(HELP);
    process.exit(0);
  }
  const known = new Set([
    '--quick',
    '--temporal-address',
    '--database-url',
    '--creations',
    '--concurrency',
    '--rounds',
    '--actions',
    '--action-concurrency',
    '--breach-cases',
    '--scale',
    '--out',
    '--save',
    '--no-chart',
    '--profile',
    '--incidents-only',
  ]);
  for (const a of args)
    if (a.startsWith('--') && !known.has(a)) throw new Error(`unknown option ${a}\n\n${HELP}`);
  const scale = value('--scale')
    ?.split(',')
    .map((s) => Number(s.trim()));
  if (scale && (scale.length < 2 || scale.some((n) => !Number.isInteger(n) || n < 1)))
    throw new Error('--scale takes at least two positive integers, e.g. 100,1000');
  const breachSeconds = 5;
  const creations = int('--creations', base.creations);
  const actions = int('--actions', base.actions);
  return {
    mode: quick ? 'quick' : 'full',
    creations,
    concurrency: int('--concurrency', base.concurrency),
    rounds: int('--rounds', base.rounds),
    // The accepts act on cases the creation phase opened: warm-up, concurrent, and two one-at-a-time runs.
    actions: Math.min(actions, creations - base.warmup - 2 * base.sequentialActions),
    actionConcurrency: int('--action-concurrency', base.actionConcurrency),
    sequentialActions: base.sequentialActions,
    warmup: base.warmup,
    breachCases: Math.min(200, int('--breach-cases', base.breachCases)),
    breachAfter: `PT${breachSeconds}S`,
    breachAfterMs: breachSeconds * 1000,
    scaleCheckpoints: [...(scale ?? base.scaleCheckpoints)].sort((a, b) => a - b),
    listRequests: base.listRequests,
    listConcurrency: base.listConcurrency,
    lifecycles: base.lifecycles,
    temporalAddress: value('--temporal-address') ?? process.env.BENCH_TEMPORAL_ADDRESS,
    databaseUrl: value('--database-url') ?? process.env.BENCH_DATABASE_URL,
    outDir: value('--out') ?? RUN_RESULTS_DIR,
    save: args.includes('--save'),
    chart: !args.includes('--no-chart'),
    churn: base.churn,
    profile: value('--profile')?.split(',') ?? [],
    incidentCases: [...base.incidentCases],
    incidentsOnly: args.includes('--incidents-only'),
  };
}
