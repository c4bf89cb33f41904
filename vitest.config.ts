import { defineConfig } from 'vitest/config';
import SlowFirstSequencer from './test/sequencer.js';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // The run's folder for builds that test files share (test/helpers/shared-builds.ts).
    globalSetup: ['test/global-setup.ts'],
    // Three workers on the 2-core machine: a third of a worker's time is spent waiting (real time limits, signals,
    // Chromium), and a third worker fills it (docs/performance.md, "Third round": 150 s against 181-189 s).
    maxWorkers: 3,
    pool: 'forks',
    // A worker keeps the modules it loaded (src/, the helpers, pdf.js) from one test file to the next instead of
    // loading and transforming them again for each of the ~100 files: about half the CPU of the unit tests.
    // Each test file is still run from the start; no test replaces a module (no vi.mock).
    isolate: false,
    // The slowest files start first (test/sequencer.ts).
    sequence: { sequencer: SlowFirstSequencer },
  },
});
