#!/usr/bin/env node
/**
 * node bench/site-size.js [--count 1000]   (after `npm run build`)
 *
 * The archive site of the bench corpus (bench/corpus.js) against today's self-contained files: builds the same
 * notes twice, HTML only, `--html-assets shared` (the site: reports linking assets/, index, search index) and
 * `--html-assets inline` (every report with its fonts and CSS inside), and prints the bytes on disk of each,
 * the search index and the time of each build (and of the same build without the catalogue, for what the
 * index and search add to the batch's time). Figures go to docs/performance.md.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateCorpus } from './corpus.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const WORK = join(ROOT, 'bench', '.site-size');
const BIN = join(ROOT, 'bin', 'report.js');
const args = process.argv.slice(2);
const at = args.indexOf('--count');
const COUNT = Number(at >= 0 ? args[at + 1] : 1000);

/** Bytes of every file under `dir`, and of those whose path relative to it matches `only`. */
function size(dir, only = () => true, base = dir) {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) total += size(path, only, base);
    else if (only(path.slice(base.length + 1))) total += statSync(path).size;
  }
  return total;
}

function build(mode, ...extra) {
  const out = join(WORK, mode + extra.join(''));
  rmSync(out, { recursive: true, force: true });
  const started = performance.now();
  const run = spawnSync(process.execPath, [BIN, 'build', join(WORK, 'notes'), '--out', out, '--format', 'html', '--html-assets', mode, '--no-cache', ...extra], { encoding: 'utf8' });
  const seconds = (performance.now() - started) / 1000;
  if (run.status !== 0) throw new Error(`report build (${mode}) exited ${run.status}:\n${run.stderr.slice(-2000)}`);
  return { out, seconds };
}

const mb = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;

rmSync(WORK, { recursive: true, force: true });
generateCorpus(join(WORK, 'notes'), COUNT);
const inline = build('inline');
const shared = build('shared');
// The same reports without the index, search index and catalogue.json: what the site adds to the batch's time.
const bare = build('shared', '--no-catalogue');
const isReport = (p) => p.endsWith('.html') && p !== 'index.html';
const inlineReports = size(inline.out, isReport);
const site = size(shared.out);
const sharedReports = size(shared.out, isReport);
const assets = size(join(shared.out, 'assets'));
const searchIndex = statSync(join(shared.out, 'search-index.js')).size;
const catalogue = statSync(join(shared.out, 'catalogue.json')).size;

console.log(`${COUNT} events of the bench corpus, HTML only`);
console.log(`  inline: ${COUNT} self-contained HTML files        ${mb(inlineReports)}   (build ${inline.seconds.toFixed(1)} s)`);
console.log(`  shared: the whole site                            ${mb(site)}   (build ${shared.seconds.toFixed(1)} s)`);
console.log(`          reports ${mb(sharedReports)}, assets ${mb(assets)}, search-index.js ${mb(searchIndex)}, catalogue.json ${mb(catalogue)}, index.html ${mb(statSync(join(shared.out, 'index.html')).size)}`);
console.log(`  the index, search index and catalogue.json add ${(((shared.seconds - bare.seconds) / bare.seconds) * 100).toFixed(0)} % to the batch (${bare.seconds.toFixed(1)} s without them)`);
console.log(`  site / inline files: ${(site / inlineReports).toFixed(3)} (target < 0.2)`);
console.log(`  without catalogue.json (open data, not needed to browse): ${((site - catalogue) / inlineReports).toFixed(3)}`);
rmSync(WORK, { recursive: true, force: true });
