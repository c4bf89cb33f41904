/**
 * One temporary folder for the whole run, where test files share what is expensive to make (the examples printed
 * to PDF in both templates: test/helpers/shared-builds.ts). It costs nothing by itself: a file builds what it needs
 * the first time it asks, and every other file of the same run reads the same files. Removed when the run ends.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    sharedBuilds: string;
  }
}

export default function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'report-suite-'));
  project.provide('sharedBuilds', dir);
  return () => rmSync(dir, { recursive: true, force: true });
}
