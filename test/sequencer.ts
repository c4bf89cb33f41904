/**
 * The order test files start in: the slowest known files first (real time limits, browsers, the shared example
 * builds), so that the workers do not end with one long file running alone; the others after them in vitest's own
 * order (its record of the last run's durations, or the largest file first when there is none, as after `npm ci`,
 * which empties node_modules/.vite). The list is by their time on a worker, measured (docs/performance.md).
 */
import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

export const SLOW_FIRST = [
  'test/e2e/import.test.ts', // builds the shared examples the next ones wait for
  'test/hostile/budget.test.ts',
  'test/hostile/browser-faults.test.ts',
  'test/hostile/resilience.test.ts',
  'test/e2e/pdf-standards.test.ts',
  'test/unit/paragraph-trees.test.ts',
  'test/hostile/printing-network.test.ts',
  'test/hostile/build-cache.test.ts',
  'test/e2e/editions.test.ts',
  'test/e2e/fix.test.ts',
  'test/unit/site-record.test.ts',
  'test/hostile/properties.test.ts',
  'test/e2e/cli.test.ts',
  'test/e2e/print-quality.test.ts',
  'test/hostile/parsing.test.ts',
  'test/rules/semantic.test.ts',
];

export default class SlowFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (file: TestSpecification) => {
      const at = SLOW_FIRST.indexOf(relative(file.project.config.root, file.moduleId).split('\\').join('/'));
      return at < 0 ? SLOW_FIRST.length : at;
    };
    return sorted
      .map((file, index) => ({ file, index }))
      .sort((a, b) => rank(a.file) - rank(b.file) || a.index - b.index)
      .map(({ file }) => file);
  }
}
