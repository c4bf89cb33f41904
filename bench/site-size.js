#!/usr/bin/env node
/**
 * node bench/site-size.js [--count 1000] [--rounds 3]   (after `npm run build`)
 *
 * The archive site of the bench corpus (bench/corpus.js) against today's self-contained files, HTML only:
 *
 * - size: builds the notes once with `--html-assets inline` (every report with its fonts and CSS inside) and
 *   once as the site with the compendium (`--compendium`: reports linking assets/, index, search index,
 *   catalogue.json, compendium.html, practices.json and practices.csv), and prints the bytes on disk of each part,
 *   of the site (all but the compendium's files) against the inline reports (target < 0.2) and of the whole folder;
 * - time: in alternated rounds, the same batch with `--no-catalogue --html-assets shared` (the reports alone), with the site, and
 *   with the site and `--compendium`, and prints each one's median and what the site (and the compendium) add
 *   to the batch, as the ratio of the medians and as the median of each round's ratio (target <= 1.15).
 *
 * Every build uses `--no-cache`. Figures go to docs/performance.md.
 */
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateCorpus } from './corpus.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const WORK = join(ROOT, 'bench', '.site-size');
const BIN = join(ROOT, 'bin', 'report.js');
const args = process.argv.slice(2);
const flag = (name, fallback) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
const COUNT = flag('--count', 1000);
const ROUNDS = flag('--rounds', 3);

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

/** GNU time, for the CPU (user + system) of each build: on a shared machine, less noisy than the wall time. */
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

function build(name, ...extra) {
  const out = join(WORK, name);
  rmSync(out, { recursive: true, force: true });
  const cpuFile = join(WORK, `${name}.cpu`);
  const command = [process.execPath, BIN, 'build', join(WORK, 'notes'), '--out', out, '--format', 'html', '--no-cache', ...extra];
  const started = performance.now();
  const run = TIME ? spawnSync(TIME, ['-f', '%U %S', '-o', cpuFile, ...command], { encoding: 'utf8' }) : spawnSync(command[0], command.slice(1), { encoding: 'utf8' });
  const seconds = (performance.now() - started) / 1000;
  if (run.status !== 0) throw new Error(`report build (${name}) exited ${run.status}:\n${run.stderr.slice(-2000)}`);
  const cpu = TIME ? readFileSync(cpuFile, 'utf8').trim().split('\n').pop().split(' ').reduce((sum, s) => sum + Number(s), 0) : NaN;
  return { out, seconds, cpu };
}

const mb = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

rmSync(WORK, { recursive: true, force: true });
generateCorpus(join(WORK, 'notes'), COUNT);
const load = [loadavg()[0]];

// --- size ---------------------------------------------------------------
const inline = build('inline', '--html-assets', 'inline', '--no-catalogue');
const site = build('site', '--compendium');
const isReport = (p) => p.endsWith('.html') && !['index.html', 'compendium.html'].includes(p);
const inlineReports = size(inline.out, isReport);
const folder = size(site.out);
const part = (name) => statSync(join(site.out, name)).size;
const compendium = ['compendium.html', 'practices.json', 'practices.csv'].reduce((sum, name) => sum + part(name), 0);
console.log(`${COUNT} events of the bench corpus, HTML only`);
console.log(`  inline: ${COUNT} self-contained HTML files         ${mb(inlineReports)}`);
console.log(`  site:   the whole output folder                   ${mb(folder)}`);
console.log(
  `          reports ${mb(size(site.out, isReport))}, assets ${mb(size(join(site.out, 'assets')))}, index.html ${mb(part('index.html'))}, search-index.js ${mb(part('search-index.js'))}, catalogue.json ${mb(part('catalogue.json'))}, compendium (html, json, csv) ${mb(compendium)}`,
);
// (issue 16's target is the site's size: reports, shared assets, index, search index and catalogue; the compendium's
// HTML, JSON and CSV are the practices' text three times over, for print and for a good-practice database)
console.log(`  site / inline files: ${((folder - compendium) / inlineReports).toFixed(3)} (target < 0.2); the whole folder, with the compendium's files: ${(folder / inlineReports).toFixed(3)}`);
rmSync(inline.out, { recursive: true, force: true });

// --- time, alternated rounds ---------------------------------------------
const MODES = [
  // (the reports alone, with their fonts and CSS shared as in the site: what the site adds, not what sharing saves)
  ['bare', '--no-catalogue', '--html-assets', 'shared'],
  ['site'],
  ['site+compendium', '--compendium'],
];
const times = new Map(MODES.map(([name]) => [name, []]));
const cpus = new Map(MODES.map(([name]) => [name, []]));
for (let round = 0; round < ROUNDS; round++) {
  // (each round starts with another mode, so that none always runs first)
  for (let i = 0; i < MODES.length; i++) {
    const [name, ...extra] = MODES[(i + round) % MODES.length];
    const { out, seconds, cpu } = build(`t-${name}`, ...extra);
    rmSync(out, { recursive: true, force: true });
    times.get(name).push(seconds);
    cpus.get(name).push(cpu);
  }
  console.log(`  round ${round + 1}: ${MODES.map(([name]) => `${name} ${times.get(name)[round].toFixed(1)} s (CPU ${cpus.get(name)[round].toFixed(1)} s)`).join(', ')}   load ${loadavg()[0].toFixed(1)}`);
}
load.push(loadavg()[0]);
for (const [what, series] of [['wall', times], ['CPU', cpus]]) {
  const bare = series.get('bare');
  for (const [name] of MODES.slice(1)) {
    const t = series.get(name);
    const pairs = t.map((s, i) => s / bare[i]);
    console.log(`  ${what} ${name}: median ${median(t).toFixed(1)} s against ${median(bare).toFixed(1)} s with --no-catalogue: ${(median(t) / median(bare)).toFixed(3)}x (median of the rounds' ratios ${median(pairs).toFixed(3)}x; target <= 1.15)`);
  }
}
console.log(`  load average ${load[0].toFixed(1)} before, ${load[1].toFixed(1)} after`);
rmSync(WORK, { recursive: true, force: true });
