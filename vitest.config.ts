import { defineConfig } from 'vitest/config';
import SlowFirstSequencer from './test/support/sequencer.js';
import TimingReporter from './test/support/timing-reporter.js';

// Per-file import, hook and test times at the end of the run (.ci/run asks for them).
const timings = process.env.VITEST_TIMINGS || process.env.VITEST_TIMINGS_OUT ? [new TimingReporter()] : [];

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // The chaos test first on a fresh clone; vitest's longest-first once it knows the durations.
    sequence: { sequencer: SlowFirstSequencer },
    reporters: process.env.VITEST_JSON_OUT
      ? ['default', ['json', { outputFile: process.env.VITEST_JSON_OUT }], ...timings]
      : ['default', ...timings],
  },
});
