// The build's second step, after tsc: precompiles the JSON Schemas and the built-in templates, and bundles the
// CLI into one file (dist/report.bundle.js, with chunks for what only dynamic imports reach) so that a run does not
// load several hundred small modules before it starts (~0.15 s less per run). pdf.js and the font package stay outside (loaded from node_modules); Puppeteer
// gets a bundle of its own. Last, it writes the build's identity (dist/build-id.txt).
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { build } from 'esbuild';
import Handlebars from 'handlebars';
import { BUILT_IN_TEMPLATES_DIR, COMPILE_OPTIONS, DEFAULT_TEMPLATE_DIR, PRECOMPILED_TEMPLATES, readDir, sourceDigest } from '../dist/render/template.js';
import { createAjv, PRECOMPILED_VALIDATORS, SCHEMA_IDS, schemasDigest } from '../dist/validate/schema.js';
import { newStageWorker, WORKER_BUNDLE, WORKER_CODE_CACHE, WRITE_CODE_CACHE } from '../dist/early-worker.js';

// The JSON Schemas compiled to validation code now, not at the start of every run; the digest lets a run
// check that they were compiled from the schemas it has.
{
  const ajv = createAjv(true);
  const code = standaloneCode.default ?? standaloneCode;
  writeFileSync(PRECOMPILED_VALIDATORS.join('/'), `${code(ajv, SCHEMA_IDS)}\nexports.digest = ${JSON.stringify(schemasDigest())};\n`);
}

// The built-in templates' files precompiled too, each with the digest of the text it came from.
{
  const entries = [];
  for (const name of readdirSync(BUILT_IN_TEMPLATES_DIR).sort()) {
    const dir = join(BUILT_IN_TEMPLATES_DIR, name);
    for (const file of readDir(dir).files.filter((f) => f.endsWith('.hbs'))) {
      const source = readFileSync(file, 'utf8');
      const key = relative(BUILT_IN_TEMPLATES_DIR, file).split(sep).join('/');
      entries.push(`  ${JSON.stringify(key)}: { digest: ${JSON.stringify(sourceDigest(source))}, spec: ${Handlebars.precompile(source, COMPILE_OPTIONS)} },`);
    }
  }
  writeFileSync(PRECOMPILED_TEMPLATES.join('/'), `"use strict";\nexports.templates = {\n${entries.join('\n')}\n};\n`);
}

const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['puppeteer-core', 'pdfjs-dist', '@fontsource/noto-sans'],
  // CommonJS dependencies (handlebars, ajv) call require(); give the ES module one.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  logLevel: 'warning',
  sourcemap: true,
};

// Puppeteer's connect path in a few files instead of ~300 modules (~60 ms less before the first PDF); the parts
// a run never reaches (launching and downloading browsers, WebDriver BiDi) stay in chunks loaded only on demand.
await build({
  ...common,
  entryPoints: { 'puppeteer-core': 'node_modules/puppeteer-core/lib/esm/puppeteer/puppeteer-core.js' },
  outdir: 'dist/vendor',
  splitting: true,
  sourcemap: false,
  external: ['chromium-bidi', 'chromium-bidi/*'],
});
// Puppeteer's launch flags, asked of the Puppeteer just bundled (the one that connects at run time): a run reads
// them from this file, so Chromium can start before Puppeteer has loaded (src/print/launch-chromium.ts).
{
  const vendored = await import(new URL('../dist/vendor/puppeteer-core.js', import.meta.url).href);
  const puppeteer = vendored.default ?? vendored;
  const { version } = JSON.parse(readFileSync('node_modules/puppeteer-core/package.json', 'utf8'));
  writeFileSync('dist/puppeteer-default-args.json', `${JSON.stringify({ puppeteer: version, args: puppeteer.defaultArgs({ headless: true }) }, null, 2)}\n`);
}

/** The bundled CLI imports the bundled Puppeteer above (sources and tests import the package). */
const vendoredPuppeteer = {
  name: 'vendored-puppeteer',
  setup(build) {
    build.onResolve({ filter: /^puppeteer-core$/ }, () => ({ path: './vendor/puppeteer-core.js', external: true }));
  },
};

// What a run reaches only on demand (pdf-lib for PDF/UA and PDF/A, mammoth for `import`, ...: the dynamic imports)
// goes into chunks of its own beside the bundle, loaded when first imported: an HTML build or `--version` does not
// read and compile them (~60 % of the bundle) at start-up. (Chunks sit in dist/ itself, so that the bundle's
// relative import of ./vendor/puppeteer-core.js holds from any of them; the previous build's are removed first.)
for (const name of readdirSync('dist')) if (/^report\.chunk-.*\.js(\.map)?$/.test(name)) rmSync(join('dist', name));
await build({
  ...common,
  entryPoints: { 'report.bundle': 'src/cli/main.ts' },
  outdir: 'dist',
  splitting: true,
  chunkNames: 'report.chunk-[hash]',
  plugins: [vendoredPuppeteer],
});
// The worker thread of the CPU stages, so that each thread also starts fast: CommonJS, which src/worker-loader.ts
// runs through vm.Script with V8's code cache (Node 20 has none for ES modules); import.meta.url is the file's URL.
for (const name of ['batch-worker.bundle.js', 'batch-worker.bundle.js.map', WORKER_CODE_CACHE]) rmSync(join('dist', name), { force: true });
await build({
  ...common,
  format: 'cjs',
  entryPoints: ['src/batch-worker.ts'],
  outfile: `dist/${WORKER_BUNDLE}`,
  define: { 'import.meta.url': '__import_meta_url' },
  banner: { js: "const __import_meta_url = require('node:url').pathToFileURL(__filename).href;" },
});
await writeWorkerCodeCache();
// The PDF finishing thread (src/print/finishing-thread.ts): pdf-lib in one file, not ~200 modules (~0.6 s of CPU).
await build({ ...common, entryPoints: ['src/print/pdf-finishing-worker.ts'], outfile: 'dist/pdf-finishing-worker.bundle.js' });

/**
 * V8's code cache of the bundled worker, made by a real worker thread (src/worker-loader.ts) once it has prepared
 * the examples for HTML, PDF and JSON: the bytecode of every function that took, which each thread of a run then
 * loads instead of compiling (src/worker-loader.ts checks the bundle's digest; V8 checks its version and flags).
 */
async function writeWorkerCodeCache() {
  // (without the examples, e.g. outside a checkout, there is no cache: the threads compile the bundle as before)
  if (!existsSync('examples')) return;
  const examples = readdirSync('examples').filter((f) => /\.(md|ya?ml)$/.test(f)).map((f) => join(process.cwd(), 'examples', f));
  const settings = {
    cwd: process.cwd(),
    formats: ['html', 'pdf', 'json'],
    templateDir: DEFAULT_TEMPLATE_DIR,
    pageSize: 'A4',
    strict: false,
    inputPaths: examples,
    generator: 'report (build)',
    keepReport: true,
    records: { site: true, compendium: true },
    stage: new SharedArrayBuffer(4),
  };
  const worker = newStageWorker(new URL('../dist/worker-loader.js', import.meta.url), 512, settings);
  const replies = [];
  let waiting;
  worker.on('message', (message) => (waiting ? (waiting(message), (waiting = undefined)) : replies.push(message)));
  const next = () => (replies.length ? Promise.resolve(replies.shift()) : new Promise((resolve) => (waiting = resolve)));
  const failed = new Promise((_, reject) => worker.once('error', reject));
  const ask = async (message) => {
    if (message) worker.postMessage(message);
    return Promise.race([next(), failed]);
  };
  if ((await ask()).type !== 'ready') throw new Error('the worker thread did not start');
  for (let pass = 0; pass < 3; pass++) {
    for (const [id, path] of examples.entries()) {
      const reply = await ask({ type: 'file', id, input: { path, root: join(process.cwd(), 'examples') } });
      if (reply.type !== 'result') throw new Error(`the worker thread failed on ${path}: ${reply.message}`);
    }
  }
  if ((await ask({ type: WRITE_CODE_CACHE })).type !== 'code-cache-written') throw new Error('no code cache written');
  await worker.terminate();
}

// The build's identity, part of the build cache's key: reports built by other code are rebuilt, even under the
// same version number (a git checkout, a development build). A digest of every script the build wrote.
const scripts = [];
const collect = (dir) => {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) collect(path);
    else if (/\.c?js$/.test(entry.name)) scripts.push(path);
  }
};
collect('dist');
const buildDigest = createHash('sha256');
for (const path of scripts) buildDigest.update(path).update(readFileSync(path));
writeFileSync('dist/build-id.txt', buildDigest.digest('hex').slice(0, 16) + '\n');
