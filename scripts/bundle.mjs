// Bundles the CLI into one file (dist/report.bundle.js) so that a run does not
// load several hundred small modules before it starts: ~0.15 s less per run.
// pdf.js and the font package stay outside (loaded from node_modules); Puppeteer gets a bundle of its own.
import { build } from 'esbuild';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { createAjv, PRECOMPILED_VALIDATORS, SCHEMA_IDS, schemasDigest } from '../dist/validate/schema.js';
import Handlebars from 'handlebars';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { BUILT_IN_TEMPLATES_DIR, COMPILE_OPTIONS, PRECOMPILED_TEMPLATES, sourceDigest } from '../dist/render/template.js';

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
    const files = readdirSync(`${BUILT_IN_TEMPLATES_DIR}/${name}`).filter((f) => f.endsWith('.hbs'));
    const partials = readdirSync(`${BUILT_IN_TEMPLATES_DIR}/${name}`).includes('partials')
      ? readdirSync(`${BUILT_IN_TEMPLATES_DIR}/${name}/partials`).filter((f) => f.endsWith('.hbs')).map((f) => `partials/${f}`)
      : [];
    for (const file of [...files, ...partials].sort()) {
      const source = readFileSync(`${BUILT_IN_TEMPLATES_DIR}/${name}/${file}`, 'utf8');
      const spec = Handlebars.precompile(source, COMPILE_OPTIONS);
      entries.push(`  ${JSON.stringify(`${name}/${file}`)}: { digest: ${JSON.stringify(sourceDigest(source))}, spec: ${spec} },`);
    }
  }
  writeFileSync(PRECOMPILED_TEMPLATES.join('/'), `"use strict";\nexports.templates = {\n${entries.join('\n')}\n};\n`);
}

const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['puppeteer', 'puppeteer-core', 'pdfjs-dist', '@fontsource/noto-sans'],
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
/** The bundled CLI imports the bundled Puppeteer above (sources and tests import the package). */
const vendoredPuppeteer = {
  name: 'vendored-puppeteer',
  setup(build) {
    build.onResolve({ filter: /^puppeteer-core$/ }, () => ({ path: './vendor/puppeteer-core.js', external: true }));
  },
};

await build({ ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/report.bundle.js', plugins: [vendoredPuppeteer] });
// The worker thread for batches without PDF, so that each thread also starts fast.
await build({ ...common, entryPoints: ['src/batch-worker.ts'], outfile: 'dist/batch-worker.bundle.js' });
