#!/usr/bin/env node
/**
 * node bench/pdf-standard.js [--count 40] [--rounds 3]   (after npm run build; `npm run bench` runs it too)
 *
 * What the PDF post-processing stage (PDF/UA-1 + PDF/A-2b, src/print/pdf-standard.ts) costs a PDF batch:
 * the same seeded corpus built with `--pdf-standard none` (Chromium's file as printed) and with the default
 * `ua+a-2b`, in alternating rounds (each pair meets about the same load on a shared machine). Prints the median
 * wall time of each, the cost as the ratio of the medians and as the median of each round's pair, and the CPU
 * time: of `report` alone (all its threads, read as it exits) and of `report` with Chromium (from /usr/bin/time
 * where it exists); CPU is steadier than wall time on a busy machine. The load average is printed before and after.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { generateCorpus } from './corpus.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const WORK = join(ROOT, 'bench', '.corpus', 'pdf-standard');
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
const STANDARDS = ['none', 'ua+a-2b'];

const median = (xs) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const load = () => loadavg().map((l) => l.toFixed(1)).join(' ');

/** Builds the corpus `rounds` times with each standard, alternating; returns the figures and prints them. */
export async function measurePdfStandard({ count = 40, rounds = 3, log = console.log } = {}) {
  const notes = join(WORK, 'notes');
  rmSync(WORK, { recursive: true, force: true });
  generateCorpus(notes, count);
  // report's own CPU (every thread of the process), written as it exits by a module loaded before the CLI.
  const probeDir = mkdtempSync(join(tmpdir(), 'report-bench-'));
  const probe = join(probeDir, 'cpu-at-exit.mjs');
  // (and the main thread's alone, from Linux's per-thread counters in clock ticks: what it could not give the browser)
  writeFileSync(
    probe,
    [
      "import { readFileSync, writeFileSync } from 'node:fs';",
      'const mainThread = () => { try { const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, "latin1"); const f = stat.slice(stat.lastIndexOf(")") + 2).split(" "); return (Number(f[11]) + Number(f[12])) / 100; } catch { return NaN; } };',
      "process.on('exit', () => { const u = process.cpuUsage(); writeFileSync(process.env.REPORT_BENCH_CPU_FILE, `${(u.user + u.system) / 1e6} ${mainThread()}`); });",
    ].join('\n'),
  );
  const runs = Object.fromEntries(STANDARDS.map((s) => [s, { wall: [], own: [], main: [], tree: [] }]));
  const loadBefore = load();
  for (let round = 0; round < rounds; round++) {
    for (const standard of round % 2 ? [...STANDARDS].reverse() : STANDARDS) {
      const out = join(WORK, `out-${standard}`);
      rmSync(out, { recursive: true, force: true });
      const cpuFile = join(probeDir, 'cpu');
      rmSync(cpuFile, { force: true });
      const command = [process.execPath, '--import', pathToFileURL(probe).href, join(ROOT, 'bin', 'report.js'), 'build', notes, '--out', out, '--format', 'pdf', '--no-cache', '--no-catalogue', '--pdf-standard', standard];
      const env = { ...process.env, REPORT_BENCH_CPU_FILE: cpuFile };
      const started = process.hrtime.bigint();
      const run = TIME ? spawnSync(TIME, ['-f', 'cpu %U %S', ...command], { encoding: 'utf8', env }) : spawnSync(command[0], command.slice(1), { encoding: 'utf8', env });
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (run.status !== 0) throw new Error(`report build --pdf-standard ${standard} failed:\n${run.stderr}`);
      runs[standard].wall.push(seconds);
      if (existsSync(cpuFile)) {
        const [own, main] = readFileSync(cpuFile, 'utf8').split(' ').map(Number);
        runs[standard].own.push(own);
        if (Number.isFinite(main)) runs[standard].main.push(main);
      }
      const used = /cpu ([\d.]+) ([\d.]+)\s*$/.exec(run.stderr);
      if (used) runs[standard].tree.push(Number(used[1]) + Number(used[2]));
    }
  }
  rmSync(probeDir, { recursive: true, force: true });
  rmSync(WORK, { recursive: true, force: true });

  const none = runs.none;
  const ua = runs['ua+a-2b'];
  const wallCost = median(ua.wall) / median(none.wall) - 1;
  const pairedCost = median(ua.wall.map((t, i) => t / none.wall[i])) - 1;
  const pct = (x) => `${(x * 100).toFixed(1)} %`;
  const list = (xs) => xs.map((t) => t.toFixed(2)).join(', ');
  log(`Corpus: ${count} notes files, ${rounds} alternated rounds of each, --format pdf; load average ${loadBefore} before, ${load()} after`);
  log(`--pdf-standard none     ${median(none.wall).toFixed(2)} s  (${list(none.wall)})`);
  log(`--pdf-standard ua+a-2b  ${median(ua.wall).toFixed(2)} s  (${list(ua.wall)})`);
  log(`PDF post-processing adds ${pct(wallCost)} wall time (median of each round's pair: ${pct(pairedCost)})   (target <= 10 %)`);
  const figures = { count, rounds, wall: { none: none.wall, ua: ua.wall }, wallCost, pairedCost };
  if (none.own.length === rounds && ua.own.length === rounds) {
    const [a, b] = [median(none.own), median(ua.own)];
    log(`CPU of report:            none ${a.toFixed(2)} s, ua+a-2b ${b.toFixed(2)} s: +${(((b - a) / count) * 1000).toFixed(1)} ms per file  (${list(none.own)} / ${list(ua.own)})`);
    figures.own = { none: none.own, ua: ua.own };
  }
  if (none.main.length === rounds && ua.main.length === rounds) {
    const [a, b] = [median(none.main), median(ua.main)];
    log(`CPU of its main thread:   none ${a.toFixed(2)} s, ua+a-2b ${b.toFixed(2)} s: ${b >= a ? '+' : ''}${(((b - a) / count) * 1000).toFixed(1)} ms per file  (${list(none.main)} / ${list(ua.main)})`);
    figures.main = { none: none.main, ua: ua.main };
  }
  if (none.tree.length === rounds && ua.tree.length === rounds) {
    const [a, b] = [median(none.tree), median(ua.tree)];
    log(`CPU of report + Chromium: none ${a.toFixed(2)} s, ua+a-2b ${b.toFixed(2)} s: ${pct((b - a) / a)} more`);
    figures.tree = { none: none.tree, ua: ua.tree, cost: (b - a) / a };
  }
  return figures;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const flag = (name, fallback) => (args.includes(`--${name}`) ? Number(args[args.indexOf(`--${name}`) + 1]) : fallback);
  await measurePdfStandard({ count: flag('count', 40), rounds: flag('rounds', 3) });
}
