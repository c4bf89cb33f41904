/** What every command is given besides its flags, and the colours of its output (off unless on a terminal). */
import { Chalk } from 'chalk';
import type { Colours } from '../diagnostics/reporters.js';
import type { CliIo } from './io.js';

export interface CommandContext {
  validateOnly: boolean;
  version: string;
  /** The build's identity: with the version, what the build cache knows the tool by. */
  build: string;
}

export function colours(io: CliIo, stream: 'stdout' | 'stderr'): Colours {
  const env = io.env;
  let level: 0 | 1 | 2 | 3 = io[stream].isTTY ? 2 : 0;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') level = 0;
  if (env.FORCE_COLOR !== undefined) level = env.FORCE_COLOR === '0' || env.FORCE_COLOR === 'false' ? 0 : env.FORCE_COLOR === '' ? 1 : (Math.min(3, Math.max(1, Number(env.FORCE_COLOR) || 1)) as 1 | 2 | 3);
  const chalk = new Chalk({ level });
  return { red: chalk.red, yellow: chalk.yellow, blue: chalk.blue, dim: chalk.dim, bold: chalk.bold, green: chalk.green };
}
