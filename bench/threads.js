#!/usr/bin/env node
/**
 * node bench/threads.js <other checkout, built> [--rounds 5]
 *
 * Where the CPU of an HTML batch goes, thread by thread, before/after in one run: the other checkout's
 * `report build <bench corpus> --format html --no-cache --no-catalogue` and this checkout's, alternated, while the
 * CPU time of each thread of the process is read from /proc/<pid>/task/<tid>/stat every 10 ms (Linux only). Prints,
 * per run, the wall time and the CPU seconds of the main thread, of V8's platform threads (the first four threads
 * Node starts: TurboFan's concurrent compiles, the garbage collector's helpers) and of the threads started later
 * (the worker threads, and libuv's pool if used), and the medians at the end.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const other = args.find((a) => !a.startsWith('--') && a !== args[args.indexOf('--rounds') + 1]);
const rounds = args.includes('--rounds') ? Number(args[args.indexOf('--rounds') + 1]) : 5;
const corpus = join(ROOT, 'bench', '.corpus', 'notes');
const out = join(ROOT, 'bench', '.corpus', 'threads');
if (!other || !existsSync(join(other, 'dist')) || !existsSync(corpus)) {
  console.error('usage: node bench/threads.js <other checkout, built> [--rounds N] (after `npm run bench -- --html-only` once, for the corpus)');
  process.exit(2);
}

const run = (checkout) =>
  new Promise((done, fail) => {
    rmSync(out, { recursive: true, force: true });
    const started = performance.now();
    const child = spawn(process.execPath, [join(checkout, 'bin', 'report.js'), 'build', corpus, '--out', out, '--format', 'html', '--no-cache', '--no-catalogue'], { stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr.resume();
    const cpu = new Map();
    const sample = () => {
      try {
        for (const tid of readdirSync(`/proc/${child.pid}/task`)) {
          const stat = readFileSync(`/proc/${child.pid}/task/${tid}/stat`, 'utf8');
          const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
          cpu.set(Number(tid), (Number(fields[11]) + Number(fields[12])) / 100);
        }
      } catch {
        /* the process or a thread has just ended */
      }
    };
    const timer = setInterval(sample, 10);
    child.on('error', fail);
    child.on('exit', (code) => {
      clearInterval(timer);
      if (code !== 0) return fail(new Error(`report build exited ${code}`));
      const tids = [...cpu.keys()].filter((t) => t !== child.pid).sort((a, b) => a - b);
      const sum = (list) => list.reduce((total, t) => total + cpu.get(t), 0);
      const main = cpu.get(child.pid) ?? 0;
      const platform = sum(tids.slice(0, 4));
      const later = sum(tids.slice(4));
      done({ wall: (performance.now() - started) / 1000, main, platform, later, total: main + platform + later });
    });
  });

const names = { before: resolve(other), after: ROOT };
const results = { before: [], after: [] };
const show = (x) => `wall ${x.wall.toFixed(2)} s; CPU s: total ${x.total.toFixed(2)}, main ${x.main.toFixed(2)}, V8 platform ${x.platform.toFixed(2)}, workers ${x.later.toFixed(2)}`;
for (let round = 1; round <= rounds; round++) {
  for (const which of ['before', 'after']) {
    const x = await run(names[which]);
    results[which].push(x);
    console.log(`round ${round} ${which.padEnd(6)} ${show(x)}`);
  }
  const [b, a] = [results.before.at(-1), results.after.at(-1)];
  console.log(`round ${round}: after is ${(b.total / a.total).toFixed(2)}x less CPU`);
}
const median = (list) => [...list].sort((x, y) => x - y)[Math.floor(list.length / 2)];
for (const which of ['before', 'after']) {
  const r = results[which];
  console.log(`median ${which.padEnd(6)} ${show({ wall: median(r.map((x) => x.wall)), total: median(r.map((x) => x.total)), main: median(r.map((x) => x.main)), platform: median(r.map((x) => x.platform)), later: median(r.map((x) => x.later)) })}`);
}
console.log(`median of the rounds' ratios: after is ${median(results.before.map((b, i) => b.total / results.after[i].total)).toFixed(2)}x less CPU`);
rmSync(out, { recursive: true, force: true });
