import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // The run's folder for builds that test files share (test/helpers/shared-builds.ts).
    globalSetup: ['test/global-setup.ts'],
    // Browser tests start Chromium; two workers fit the 2-core machines.
    maxWorkers: 2,
    pool: 'forks',
  },
});
