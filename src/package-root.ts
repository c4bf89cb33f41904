import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The installed package's root folder (where schemas/, templates/ and locales/ live). */
export const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export const packagePath = (...parts: string[]): string => resolve(PACKAGE_ROOT, ...parts);
