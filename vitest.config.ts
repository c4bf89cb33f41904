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
    // A worker keeps the modules it loaded (src/, the helpers, pdf.js) from one test file to the next instead of
    // loading and transforming them again for each of the ~100 files: about half the CPU of the unit tests.
    // Each test file is still run from the start; no test replaces a module (no vi.mock).
    isolate: false,
  },
});
