import type { CliIo } from './io.js';
import { builtInTemplates } from '../render/template.js';

export function runTemplates(io: CliIo): number {
  for (const t of builtInTemplates()) io.stdout.write(`${t.name.padEnd(12)} ${t.description}\n`);
  return 0;
}
