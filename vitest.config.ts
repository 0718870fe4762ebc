import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 180_000,
    reporters: process.env.VITEST_JSON_OUT
      ? ['default', ['json', { outputFile: process.env.VITEST_JSON_OUT }]]
      : ['default'],
  },
});
