/** A thread running a batch collects its garbage every so many files (see src/heap-budget.ts). */
import { constants, PerformanceObserver } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { heapBudget } from '../../src/heap-budget.js';

/** The number of full (major) collections while `run` runs. */
async function majorCollections(run: () => void): Promise<number> {
  let count = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if ((entry as unknown as { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) count++;
  });
  observer.observe({ entryTypes: ['gc'] });
  run();
  // GC entries are delivered asynchronously.
  await new Promise((resolve) => setTimeout(resolve, 50));
  observer.disconnect();
  return count;
}

describe('heapBudget', () => {
  it('runs a full collection once every `every` files, not in between', async () => {
    const afterFile = heapBudget(3);
    expect(await majorCollections(() => {
      afterFile();
      afterFile();
    })).toBe(0);
    expect(await majorCollections(() => afterFile())).toBe(1);
    expect(await majorCollections(() => {
      for (let i = 0; i < 6; i++) afterFile();
    })).toBe(2);
  });
});
