import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Browser tests start Chromium; two workers fit the 2-core machines.
    maxWorkers: 2,
    pool: 'forks',
  },
});
