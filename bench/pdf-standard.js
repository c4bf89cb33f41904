#!/usr/bin/env node
/**
 * node bench/pdf-standard.js [--count 40] [--rounds 3]   (after npm run build)
 *
 * What the PDF post-processing stage (PDF/UA-1 + PDF/A-2b, src/print/pdf-standard.ts) costs a PDF batch:
 * the same seeded corpus built with `--pdf-standard none` (Chromium's file as printed) and with the default
 * `ua+a-2b`, in alternating rounds; prints the median wall time and CPU time (ours and Chromium's, from
 * /usr/bin/time where it exists: steadier than wall time on a busy machine) of each and the difference.
 */
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateCorpus } from './corpus.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const WORK = join(ROOT, 'bench', '.corpus', 'pdf-standard');
const args = process.argv.slice(2);
const flag = (name, fallback) => (args.includes(`--${name}`) ? Number(args[args.indexOf(`--${name}`) + 1]) : fallback);
const COUNT = flag('count', 40);
const ROUNDS = flag('rounds', 3);

const notes = join(WORK, 'notes');
rmSync(WORK, { recursive: true, force: true });
generateCorpus(notes, COUNT);
const times = { none: [], 'ua+a-2b': [] };
const cpu = { none: [], 'ua+a-2b': [] };
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
for (let round = 0; round < ROUNDS; round++) {
  for (const standard of round % 2 ? ['ua+a-2b', 'none'] : ['none', 'ua+a-2b']) {
    const out = join(WORK, `out-${standard}`);
    rmSync(out, { recursive: true, force: true });
    const started = process.hrtime.bigint();
    const command = [process.execPath, join(ROOT, 'bin', 'report.js'), 'build', notes, '--out', out, '--format', 'pdf', '--no-cache', '--no-catalogue', '--pdf-standard', standard];
    const run = TIME ? spawnSync(TIME, ['-f', 'cpu %U %S', ...command], { encoding: 'utf8' }) : spawnSync(command[0], command.slice(1), { encoding: 'utf8' });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (run.status !== 0) throw new Error(`report build --pdf-standard ${standard} failed:\n${run.stderr}`);
    times[standard].push(seconds);
    const used = /cpu ([\d.]+) ([\d.]+)\s*$/.exec(run.stderr);
    if (used) cpu[standard].push(Number(used[1]) + Number(used[2]));
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const none = median(times.none);
const ua = median(times['ua+a-2b']);
console.log(`Corpus: ${COUNT} notes files, ${ROUNDS} rounds each, --format pdf`);
console.log(`--pdf-standard none     ${none.toFixed(2)} s  (${times.none.map((t) => t.toFixed(2)).join(', ')})`);
console.log(`--pdf-standard ua+a-2b  ${ua.toFixed(2)} s  (${times['ua+a-2b'].map((t) => t.toFixed(2)).join(', ')})`);
console.log(`post-processing adds    ${(((ua - none) / none) * 100).toFixed(1)} % wall time  (target <= 10 %)`);
if (cpu.none.length) {
  const [a, b] = [median(cpu.none), median(cpu['ua+a-2b'])];
  console.log(`CPU (report + Chromium): none ${a.toFixed(2)} s, ua+a-2b ${b.toFixed(2)} s: ${(((b - a) / a) * 100).toFixed(1)} % more`);
}
rmSync(WORK, { recursive: true, force: true });
