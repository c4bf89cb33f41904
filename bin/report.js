#!/usr/bin/env node
// The executable: hands the process over to main() and sets the exit code.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';

// The first worker thread (which parses and renders) loads its code beside the CLI, not after it.
const early = new URL('../dist/early-worker.js', import.meta.url);
const earlyWorker = existsSync(early) ? (await import(early.href)).startEarlyWorker(process.argv.slice(2)) : undefined;

// The bundled CLI starts faster; the module tree is the fallback (and what tests import from sources).
const bundle = new URL('../dist/report.bundle.js', import.meta.url);
const { main } = await import(existsSync(bundle) ? bundle.href : '../dist/cli/main.js');

const interruptHandlers = new Set();
// On Ctrl-C, SIGTERM or SIGHUP: close the browser and remove temporary files, then exit
// (at most a few seconds later, whatever the cleanup does).
const onSignal = (signal) => {
  const exit = 128 + ({ SIGHUP: 1, SIGINT: 2, SIGTERM: 15 }[signal] ?? 1);
  setTimeout(() => process.exit(exit), 8000).unref();
  Promise.allSettled([...interruptHandlers].map((cleanup) => cleanup())).finally(() => process.exit(exit));
};
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.once(signal, onSignal);

const code = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
  env: process.env,
  platform: process.platform,
  isRoot: typeof process.getuid === 'function' && process.getuid() === 0,
  cpuCount: availableParallelism(),
  earlyWorker,
  onInterrupt: (cleanup) => {
    interruptHandlers.add(cleanup);
    return () => interruptHandlers.delete(cleanup);
  },
});
process.exitCode = code;
