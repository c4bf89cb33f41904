/**
 * The CLI bundle (scripts/bundle.mjs) leaves what a run reaches only through a dynamic import in chunks beside
 * it, so that start-up (`--version`, an HTML build) does not compile them: pdf-lib (PDF/UA and PDF/A finishing)
 * and mammoth (`import` of Word files). Reads the built files (`npm run build` first, as for every CLI test);
 * esbuild marks each bundled module with a `// node_modules/<package>/...` comment.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

const dist = join(ROOT, 'dist');
const read = (name: string) => readFileSync(join(dist, name), 'utf8');
const holds = (code: string, pkg: string) => code.includes(`\n// node_modules/${pkg}/`);

describe('the CLI bundle', () => {
  const bundle = read('report.bundle.js');
  const chunks = readdirSync(dist).filter((name) => /^report\.chunk-.*\.js$/.test(name));

  it('holds the code every run needs, not pdf-lib or mammoth', () => {
    expect(holds(bundle, 'commander')).toBe(true);
    expect(holds(bundle, '@cantoo/pdf-lib')).toBe(false);
    expect(holds(bundle, 'mammoth')).toBe(false);
  });

  it('loads them from chunks beside it, by dynamic imports only', () => {
    for (const pkg of ['@cantoo/pdf-lib', 'mammoth']) {
      const chunk = chunks.find((name) => holds(read(name), pkg));
      expect(chunk, pkg).toBeDefined();
      expect(bundle).toContain(`import("./${chunk}")`);
      expect(bundle).not.toMatch(new RegExp(`from\\s*"\\./${chunk!.replace(/\./g, '\\.')}"`));
    }
  });
});
