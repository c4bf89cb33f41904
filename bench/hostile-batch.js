#!/usr/bin/env node
/**
 * npm run bench:hostile [-- --count 190] [-- --runs 3] [-- --timeout <s>] [-- --max-memory <MiB>] [-- --formats html,html+pdf]
 *
 * The target: a batch of 200 files with ten hostile shapes mixed in (bench/hostile-corpus.js) takes at
 * most 2x the time of its 190 good files alone. Both are built in the same run, one after the other, for HTML and
 * for HTML + PDF, with the tool's default limits unless --timeout / --max-memory are given, alternately `--runs`
 * times; prints the medians, their ratio, and checks the outcome (190 reports, 10 failed, exit 1; 190 built, exit 0).
 */
import { spawn } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeHostileBatch } from './hostile-corpus.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const WORK = join(ROOT, 'bench', '.hostile');
const BIN = join(ROOT, 'bin', 'report.js');
const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const COUNT = Number(flag('count', 190));
const RUNS = Number(flag('runs', 3));
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const limits = [...(flag('timeout') ? ['--timeout', flag('timeout')] : []), ...(flag('max-memory') ? ['--max-memory', flag('max-memory')] : [])];
const FORMATS = flag('formats', 'html,html+pdf').split(',').map((f) => f.replace('+', ','));

function run(cliArgs) {
  return new Promise((resolvePromise, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [BIN, ...cliArgs], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code, seconds: (performance.now() - started) / 1000, stderr }));
  });
}

const summary = (stderr) => /\d+ built, \d+ up to date, \d+ failed \([^)]*\)/.exec(stderr)?.[0] ?? stderr.trim().split('\n').pop();
const reports = (dir) => {
  let n = 0;
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else if (e.name.endsWith('.html') && e.name !== 'index.html') n++;
    }
  };
  walk(dir);
  return n;
};

const corpus = writeHostileBatch(join(WORK, 'corpus'), COUNT);
console.log(`report hostile batch: ${COUNT} good + 10 hostile files; ${cpus()[0]?.model ?? 'cpu'} x${availableParallelism()}; limits: ${limits.join(' ') || 'defaults'}`);
let failedCheck = false;
for (const format of FORMATS) {
  const out = (name) => join(WORK, `out-${name}-${format.replace(',', '-')}`);
  const goods = [];
  const alls = [];
  for (let i = 0; i < RUNS; i++) {
    for (const name of ['good', 'all']) rmSync(out(name), { recursive: true, force: true });
    goods.push(await run(['build', ...corpus.goodArgs, '--out', out('good'), '--format', format, '--no-cache', ...limits]));
    alls.push(await run(['build', ...corpus.args, '--out', out('all'), '--format', format, '--no-cache', ...limits]));
  }
  const good = { ...goods.at(-1), seconds: median(goods.map((r) => r.seconds)), range: goods.map((r) => r.seconds.toFixed(2)).join(', ') };
  const all = { ...alls.at(-1), seconds: median(alls.map((r) => r.seconds)), range: alls.map((r) => r.seconds.toFixed(2)).join(', ') };
  const ok = goods.every((r) => r.code === 0) && alls.every((r) => r.code === 1) && reports(out('all')) === COUNT && new RegExp(`${COUNT} built, 0 up to date, 10 failed`).test(all.stderr);
  failedCheck ||= !ok;
  console.log(`\n--format ${format}`);
  console.log(`  ${COUNT} alone:          ${good.seconds.toFixed(2)} s (median of ${good.range})  exit ${good.code}  ${summary(good.stderr)}`);
  console.log(`  ${COUNT + 10} with hostile:  ${all.seconds.toFixed(2)} s (median of ${all.range})  exit ${all.code}  ${summary(all.stderr)}`);
  console.log(`  ratio of the medians: ${(all.seconds / good.seconds).toFixed(2)}x (target <= 2x)${ok ? '' : '  OUTCOME NOT AS EXPECTED'}`);
  for (const line of all.stderr.split('\n').filter((l) => l.includes('hostile/') && / error /.test(l))) console.log(`    ${line.slice(line.lastIndexOf('hostile/'))}`);
}
rmSync(WORK, { recursive: true, force: true });
process.exitCode = failedCheck ? 1 : 0;
