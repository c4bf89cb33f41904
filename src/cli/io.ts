import type { EarlyWorker } from '../early-worker.js';

/** Everything the CLI takes from the process, so tests can run it in-process. */
export interface OutputStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface CliIo {
  stdout: OutputStream;
  stderr: OutputStream;
  cwd: string;
  env: Record<string, string | undefined>;
  platform: string;
  /** Running as root: Chromium's sandbox cannot start. */
  isRoot: boolean;
  cpuCount: number;
  /** The first worker thread, started by the executable before the CLI loaded (src/early-worker.ts). */
  earlyWorker?: EarlyWorker;
  /** Called with a cleanup function that must run if the process is interrupted. */
  onInterrupt?: (cleanup: () => Promise<void>) => () => void;
}
