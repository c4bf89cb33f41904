/**
 * Keeps a long batch's memory where a short one's is: a thread that has
 * processed `every` files runs a full garbage collection.
 *
 * What a file leaves behind is garbage, but V8 collects its old generation
 * only once that has grown by a fixed step (~16-20 MiB) over what is alive,
 * and keeps the pages it has grown to. A batch of 100 files ends before the
 * first such collection; 1,000 files reach it on every thread, so their peak
 * was ~1.3x higher although nothing was retained. A full collection every
 * 100 files (~10 ms on the ~15 MiB a thread keeps alive) holds the peak flat;
 * its cost does not show in an HTML batch's time.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export const FILES_PER_COLLECTION = 100;

let collect: (() => void) | null | undefined;

/** V8's `gc()`, exposed to a fresh context (the run's own global stays as it is), or null where that fails. */
function collector(): (() => void) | null {
  if (collect !== undefined) return collect;
  try {
    setFlagsFromString('--expose-gc');
    const gc: unknown = runInNewContext('typeof gc === "function" ? gc : undefined');
    collect = typeof gc === 'function' ? (gc as () => void) : null;
  } catch {
    collect = null;
  }
  return collect;
}

/** A function to call after each file: every `every` calls, it collects garbage on this thread. */
export function heapBudget(every: number = FILES_PER_COLLECTION): () => void {
  let files = 0;
  return () => {
    if (++files % every === 0) collector()?.();
  };
}
