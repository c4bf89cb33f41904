#!/usr/bin/env node
/**
 * node bench/ab.js <other checkout> [--rounds 3]
 *
 * Before/after in one run: the other checkout's `report build --format html` (built: `npm run build` there), this
 * checkout's, and pandoc (`-f gfm -t html5 --standalone`, one process per file, two at a time), alternated for
 * each round over the bench corpus (`npm run bench` makes it: bench/.corpus/notes). Prints, per round, docs/s and
 * the ratio to pandoc by wall time, and the CPU seconds (user + system, from /usr/bin/time) of each: on a machine
 * loaded by others the wall times move by a factor of two between rounds, the CPU seconds by a few percent.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const other = args.find((a) => !a.startsWith('--'));
const roundsAt = args.indexOf('--rounds');
const rounds = roundsAt >= 0 ? Number(args[roundsAt + 1]) : 3;
const corpus = join(ROOT, 'bench', '.corpus', 'notes');
if (!other || !existsSync(join(other, 'dist'))) {
  console.error('usage: node bench/ab.js <other checkout, built> [--rounds N]');
  process.exit(2);
}
if (!existsSync(corpus)) {
  console.error('no corpus: run `npm run bench -- --html-only` once first');
  process.exit(2);
}
const builds = { before: join(resolve(other), 'bin', 'report.js'), after: join(ROOT, 'bin', 'report.js') };
const files = readdirSync(corpus, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.md')).map((f) => join(corpus, f)).sort();
const work = join(ROOT, 'bench', '.corpus', 'ab');

let cpu = 0;
const run = (command, commandArgs) =>
  new Promise((resolvePromise, reject) => {
    const child = spawn('/usr/bin/time', ['-f', 'CPU %U %S', command, ...commandArgs], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const m = /CPU ([\d.]+) ([\d.]+)\s*$/.exec(stderr);
      if (m) cpu += Number(m[1]) + Number(m[2]);
      if (code === 0) resolvePromise();
      else reject(new Error(`${command} exited ${code}:\n${stderr}`));
    });
  });
const timed = async (fn) => {
  cpu = 0;
  const started = performance.now();
  await fn();
  return { wall: (performance.now() - started) / 1000, cpu };
};
async function pandoc() {
  rmSync(join(work, 'pandoc'), { recursive: true, force: true });
  mkdirSync(join(work, 'pandoc'), { recursive: true });
  let next = 0;
  await Promise.all(
    [0, 1].map(async () => {
      while (next < files.length) {
        const i = next++;
        await run('pandoc', ['-f', 'gfm', '-t', 'html5', '--standalone', files[i], '-o', join(work, 'pandoc', `${i}.html`)]);
      }
    }),
  );
}
const build = (bin) => run(process.execPath, [bin, 'build', corpus, '--out', join(work, 'html'), '--format', 'html', '--no-cache', '--no-catalogue']);

await pandoc(); // warm-up: pandoc's binary into the page cache
const n = files.length;
for (let r = 1; r <= rounds; r++) {
  const before = await timed(() => build(builds.before));
  const pan = await timed(pandoc);
  const after = await timed(() => build(builds.after));
  console.log(
    `round ${r}: before ${(n / before.wall).toFixed(1)} docs/s = ${(pan.wall / before.wall).toFixed(2)}x pandoc, after ${(n / after.wall).toFixed(1)} docs/s = ${(pan.wall / after.wall).toFixed(2)}x pandoc ` +
      `(pandoc ${(n / pan.wall).toFixed(1)} docs/s); CPU s: before ${before.cpu.toFixed(2)}, after ${after.cpu.toFixed(2)}, pandoc ${pan.cpu.toFixed(2)}; after is ${(before.cpu / after.cpu).toFixed(2)}x less CPU`,
  );
}
rmSync(work, { recursive: true, force: true });
