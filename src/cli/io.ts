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
  /** Called with a cleanup function that must run if the process is interrupted. */
  onInterrupt?: (cleanup: () => Promise<void>) => () => void;
}
