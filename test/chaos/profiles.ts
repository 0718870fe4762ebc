/** The chaos scenarios by name, their run order, and the profiles (quick, reduced, full) that size them. */
import { DEFAULT_RETRY, type RetryPolicy } from './driver.js';

export const SCENARIOS = [
  'worker-kill',
  'temporal-restart',
  'postgres-outage',
  'api-restart',
  'dead-subscriber',
  'receiver-down',
  'incident-fanout',
] as const;
/** Run order: the scenarios whose webhooks take longest to catch up first, so that their catching
 *  up overlaps the later scenarios. */
const RUN_ORDER: readonly ScenarioName[] = [
  'receiver-down',
  'postgres-outage',
  'dead-subscriber',
  'worker-kill',
  'temporal-restart',
  'api-restart',
  'incident-fanout',
];
export type ScenarioName = (typeof SCENARIOS)[number];

export interface Profile {
  name: string;
  /** Concurrent lifecycles per scenario. */
  cases: number;
  scenarios: readonly ScenarioName[];
  /** The fault comes when this share of all lifecycle steps is done. */
  faultAt: number;
  workerDownMs: number;
  temporalDownMs: number;
  postgresDownMs: number;
  apiDownMs: number;
  /** Cases linked to the incident in `incident-fanout`. */
  incidentCases: number;
  /** How long verification waits for projections, workflows and webhooks to catch up. */
  catchUpMs: number;
  retry: RetryPolicy;
  /** Self-test of the checks: after the lifecycles, open a second case for one key's customer and
   *  delete one event from another case's timeline; the run must then fail. */
  sabotage?: boolean;
}

export const PROFILES: Record<'quick' | 'full' | 'reduced', Profile> = {
  quick: {
    name: 'quick',
    cases: 12,
    scenarios: RUN_ORDER,
    faultAt: 0.3,
    workerDownMs: 1000,
    // Longer than the API's update timeout (UPDATE_TIMEOUT_MS, 15 s): requests then get their 503.
    temporalDownMs: 17_000,
    postgresDownMs: 8000,
    apiDownMs: 500,
    incidentCases: 100,
    catchUpMs: 180_000,
    retry: { ...DEFAULT_RETRY, deadlineMs: 120_000 },
  },
  /** What `npm test` runs (test/chaos/chaos.test.ts): the two process kills, 8 cases each. */
  reduced: {
    name: 'reduced',
    cases: 8,
    scenarios: ['worker-kill', 'api-restart'],
    faultAt: 0.3,
    workerDownMs: 1000,
    temporalDownMs: 5000,
    postgresDownMs: 8000,
    apiDownMs: 500,
    incidentCases: 20,
    catchUpMs: 180_000,
    retry: { ...DEFAULT_RETRY, deadlineMs: 120_000 },
  },
  full: {
    name: 'full',
    cases: 50,
    scenarios: RUN_ORDER,
    faultAt: 0.3,
    workerDownMs: 3000,
    temporalDownMs: 20_000,
    postgresDownMs: 30_000,
    apiDownMs: 2000,
    incidentCases: 500,
    catchUpMs: 360_000,
    retry: { ...DEFAULT_RETRY, deadlineMs: 240_000 },
  },
};
