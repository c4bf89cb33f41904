/**
 * A production install (`npm ci --omit=dev`) has `dependencies` only: every package the built code can load at
 * run time must be one of them. Reads what dist/ imports (static and dynamic imports, require calls), following
 * its relative imports from the entry points, with esbuild's own resolver (nothing is run).
 */
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
const dependencies = new Set(Object.keys(pkg.dependencies));

/** The packages Puppeteer itself depends on: the copy bundled into dist/vendor may load those. */
const puppeteerDependencies = new Set(
  Object.keys((JSON.parse(readFileSync(join(ROOT, 'node_modules', 'puppeteer-core', 'package.json'), 'utf8')) as { dependencies: Record<string, string> }).dependencies),
);

/** Loaded inside try/catch by bundled libraries and optional by design (ws: native speed-ups; debug: colours). */
const OPTIONAL = new Set(['bufferutil', 'utf-8-validate', 'supports-color']);

const packageOf = (specifier: string) => (specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!);
const builtins = new Set(builtinModules);
const isBuiltin = (specifier: string) => specifier.startsWith('node:') || builtins.has(specifier) || builtins.has(specifier.split('/')[0]!);

/** Every bare import reachable from the entry points: `[importing file, package]`. */
async function bareImports(entryPoints: string[]): Promise<Array<[string, string]>> {
  const result = await build({
    entryPoints: entryPoints.map((e) => join(ROOT, e)),
    absWorkingDir: ROOT,
    bundle: true,
    write: false,
    metafile: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    logLevel: 'silent',
    outdir: join(ROOT, 'dist-unused'),
  });
  const found: Array<[string, string]> = [];
  for (const [file, input] of Object.entries(result.metafile.inputs)) {
    for (const imported of input.imports) {
      // (`<runtime>`: esbuild's own helpers, which it imports when it reads a CommonJS file such as the worker bundle)
      if (!imported.external || isBuiltin(imported.path) || imported.path.startsWith('data:') || imported.path === '<runtime>') continue;
      found.push([file, packageOf(imported.path)]);
    }
  }
  return found;
}

describe('run-time dependencies', () => {
  it('every package the built CLI can load is in `dependencies`', async () => {
    const found = await bareImports(['bin/report.js', 'dist/report.bundle.js', 'dist/batch-worker.bundle.cjs', 'dist/cli/main.js', 'dist/batch-worker.js']);
    expect(found.length).toBeGreaterThan(5);
    const missing = found
      .filter(([file, name]) => !dependencies.has(name) && !OPTIONAL.has(name) && !(file.startsWith('dist/vendor/') && puppeteerDependencies.has(name)))
      .map(([file, name]) => `${name} (imported by ${file})`);
    expect([...new Set(missing)]).toEqual([]);
    // The PDF reader's fallback is among them (so this test sees dynamic imports).
    expect(found.some(([, name]) => name === 'pdfjs-dist')).toBe(true);
  });
});
