/** The shape of bench/results/latest.json. */
import type {
  ActionMeasured,
  BaselineCreation,
  BreachResult,
  HistoryResult,
  Measured,
  OurCreation,
  ScaleCheckpoint,
} from '../phases/index.js';
import type { IncidentFanOut } from '../incidents.js';

export interface BenchResults {
  schema: 1;
  mode: 'quick' | 'full';
  runId: string;
  startedAt: string;
  durationSeconds: number;
  phaseSeconds: Record<string, number>;
  /** Ours ÷ baseline, cases recorded per second. */
  createRatio: number;
  /**
   * Baseline ÷ ours, CPU of our processes per case: what createRatio is on a CPU-bound box with
   * nothing else running (it does not move with other users of a shared machine).
   */
  createCpuRatio: number;
  /** API accept p99 ÷ raw executeUpdate p99 (on a cached no-op workflow): the floor. */
  actionP99Ratio: number;
  /**
   * API accept p99 ÷ the hand-written case's accept p99 (an Update recorded by a local activity,
   * its timer moved, the same cache size and open cases): the headline. Absent in older runs.
   */
  actionBaselineP99Ratio?: number;
  /** sla.breached detectedAt − deadline, p99, ms. */
  breachLatencyP99Ms: number;
  /** First GET showing the breach − deadline, p99, ms. */
  breachVisibleP99Ms: number;
  workerRssMb: Record<string, number>;
  workerRssGrowth: number;
  listP99Ms: Record<string, number>;
  listP99Growth: number;
  /** Creations answered 503 and retried with the same Idempotency-Key (absent in older runs). */
  creationRetries?: number;
  targets: Record<string, { target: string; met: boolean }>;
  machine: Record<string, unknown>;
  /** The commit measured; product files that differed from it when the run started. */
  code: { commit: string; dirtyOutsideBench: string[] };
  config: Record<string, unknown>;
  create: { ceiling: Measured; baseline: BaselineCreation; ours: OurCreation };
  actions: { raw: ActionMeasured; baseline?: ActionMeasured; accept: ActionMeasured };
  breach: BreachResult;
  scale: ScaleCheckpoint[];
  history: HistoryResult;
  /** One incident update fanned out to N linked cases (bench/incidents.ts); absent in older runs. */
  incidents?: IncidentFanOut[];
}
