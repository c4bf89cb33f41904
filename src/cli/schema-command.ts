import type { CliIo } from './io.js';
import { readSchema, type SchemaName } from '../validate/schema.js';

export function runSchema(name: SchemaName, io: CliIo): number {
  io.stdout.write(JSON.stringify(readSchema(name), null, 2) + '\n');
  return 0;
}
