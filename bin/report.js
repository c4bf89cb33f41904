#!/usr/bin/env node
// The executable: hands the process over to main() and sets the exit code.
import { availableParallelism } from 'node:os';
import { main } from '../dist/cli/main.js';

const interruptHandlers = new Set();
const onSignal = (signal) => {
  const exit = signal === 'SIGINT' ? 130 : 143;
  Promise.allSettled([...interruptHandlers].map((cleanup) => cleanup())).finally(() => process.exit(exit));
};
process.once('SIGINT', onSignal);
process.once('SIGTERM', onSignal);

const code = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
  env: process.env,
  platform: process.platform,
  isRoot: typeof process.getuid === 'function' && process.getuid() === 0,
  cpuCount: availableParallelism(),
  onInterrupt: (cleanup) => {
    interruptHandlers.add(cleanup);
    return () => interruptHandlers.delete(cleanup);
  },
});
process.exitCode = code;
