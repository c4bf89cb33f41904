#!/usr/bin/env node
/**
 * npm run bench [-- --count 200] [-- --no-memory | --memory-only] [-- --html-only [--memory]]
 *
 * Measures, in one run on one machine (ratios matter, not absolute times):
 *  (a) our batch, HTML only           `report build corpus --format html`
 *  (b) our batch, HTML + PDF          `report build corpus --format html,pdf`
 *  (c) baseline PDF: one Chromium through Puppeteer printing the same pre-rendered HTML
 *      files with page.setContent + page.pdf, sequentially and with 2 pages in parallel
 *  (d) baseline HTML: a bare in-process pipeline (remark-parse -> remark-rehype ->
 *      rehype-stringify -> one compiled Handlebars template; no validation, no writes)
 *  (e) pandoc, the reference Markdown converter: `pandoc -f gfm -t html5 --standalone` over the same notes
 *      files, one process per file (pandoc converts one document per run), two processes at a time
 *  and the time to the first PDF for a single file, ours against the baseline's (bench/baseline-single.js,
 *  run as a process the way ours is),
 *  (f) what the PDF post-processing (PDF/UA-1 + PDF/A-2b) adds to a PDF batch: bench/pdf-standard.js over the
 *      same --count files (the whole batch: at 40-60 files part of it overlaps Chromium's start, when a core is
 *      still free), `--pdf-standard none` against the default in --rounds alternated rounds,
 *  and a leak bound: `report build` of 3,000 files (HTML), the RSS of our process (main and worker threads) as it
 *  reports file 1,000 and file 3,000, the growth per file between them and the peak (--memory-only: that alone;
 *  --no-memory: without it; --memory-pdf: the 3,000 files to HTML and PDF).
 *      (--rounds N: (a) and (e) alternate N times, default 3, and their medians are compared)
 * With --html-only: (a), (d) and (e) alone (no Chromium), for a quick look at the HTML figures.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, cpus, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import puppeteer from 'puppeteer-core';
import rehypeStringify from 'rehype-stringify';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { generateCorpus } from './corpus.js';
import { measurePdfStandard } from './pdf-standard.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const WORK = join(ROOT, 'bench', '.corpus');
const BIN = join(ROOT, 'bin', 'report.js');
const BROWSER = process.env.PUPPETEER_EXECUTABLE_PATH || '/usr/bin/chromium';
const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const COUNT = Number(flag('count', process.env.BENCH_COUNT ?? 200));

const LAUNCH = {
  executablePath: BROWSER,
  headless: true,
  args: ['--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage', ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
};

// --- process-tree memory sampling -------------------------------------------
function children() {
  const map = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      const comm = stat.slice(stat.indexOf('(') + 1, close);
      const ppid = Number(stat.slice(close + 2).split(' ')[1]);
      map.set(Number(name), { ppid, comm });
    } catch {
      /* gone */
    }
  }
  return map;
}
/** VmRSS (now) or VmHWM (the kernel's high-water mark of the process, exact up to this sample) in KiB. */
function rssKiB(pid, field = 'VmRSS') {
  try {
    const m = new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}
function sampleTree(rootPid) {
  const all = children();
  const descendants = [];
  const queue = [rootPid];
  while (queue.length) {
    const pid = queue.shift();
    for (const [child, info] of all) if (info.ppid === pid) {
      descendants.push({ pid: child, comm: info.comm });
      queue.push(child);
    }
  }
  // Our own process: its high-water mark, so that a short peak between two samples is not missed. Chromium's
  // processes peak at different moments: the sum of their current sizes.
  const own = rssKiB(rootPid, 'VmHWM');
  const browser = descendants.filter((d) => /chrom/i.test(d.comm)).reduce((sum, d) => sum + rssKiB(d.pid), 0);
  return { own, browser };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Run the CLI, timing it and sampling the memory of it and its Chromium. */
function runReport(cliArgs, onProgress) {
  return runProcess([BIN, ...cliArgs], onProgress);
}

/**
 * Run a Node script, timing it and sampling the memory of it and its Chromium. `onProgress(done, pid)`: called as
 * each progress line (`✓ [done/total] ...`, one per file on a stderr that is not a terminal) arrives.
 */
function runProcess(nodeArgs, onProgress) {
  return new Promise((resolvePromise, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, nodeArgs, { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    let line = '';
    child.stderr.on('data', (d) => {
      stderr += d;
      if (!onProgress) return;
      const lines = (line + d).split('\n');
      line = lines.pop();
      for (const text of lines) {
        const match = /\[(\d+)\/\d+\]/.exec(text);
        if (match) onProgress(Number(match[1]), child.pid);
      }
    });
    const peak = { own: 0, browser: 0 };
    const timer = setInterval(() => {
      const s = sampleTree(child.pid);
      peak.own = Math.max(peak.own, s.own);
      peak.browser = Math.max(peak.browser, s.browser);
    }, 50);
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(timer);
      resolvePromise({ code, seconds: (performance.now() - started) / 1000, peak, stderr });
    });
  });
}

function listFiles(dir, ext) {
  const out = [];
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.name.startsWith('.')) continue;
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (p.endsWith(ext)) out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}

async function baselinePdf(htmlFiles, parallel) {
  const browser = await puppeteer.launch(LAUNCH);
  try {
    const pages = await Promise.all(Array.from({ length: parallel }, () => browser.newPage()));
    const started = performance.now();
    let next = 0;
    await Promise.all(
      pages.map(async (page) => {
        while (next < htmlFiles.length) {
          const file = htmlFiles[next++];
          await page.setContent(readFileSync(file, 'utf8'), { waitUntil: 'load' });
          await page.pdf({ printBackground: true, preferCSSPageSize: true });
        }
      }),
    );
    return (performance.now() - started) / 1000;
  } finally {
    await browser.close();
  }
}

async function baselineSingle(htmlFile) {
  const started = performance.now();
  const browser = await puppeteer.launch(LAUNCH);
  const page = await browser.newPage();
  await page.setContent(readFileSync(htmlFile, 'utf8'), { waitUntil: 'load' });
  await page.pdf({ printBackground: true, preferCSSPageSize: true });
  await browser.close();
  return (performance.now() - started) / 1000;
}

function bareHtmlPipeline(notesFiles) {
  const processor = unified().use(remarkParse).use(remarkRehype).use(rehypeStringify);
  const template = Handlebars.compile('<!DOCTYPE html><html><head><title>{{title}}</title></head><body>{{{body}}}</body></html>');
  const started = performance.now();
  let bytes = 0;
  for (const file of notesFiles) {
    const text = readFileSync(file, 'utf8');
    const body = String(processor.processSync(text.replace(/^---[\s\S]*?\n---\n/, '')));
    bytes += template({ title: file, body }).length;
  }
  return { seconds: (performance.now() - started) / 1000, bytes };
}

/** The pandoc on the PATH, or null: the bench runs without it and says so. */
function findPandoc() {
  const probe = spawnSync('pandoc', ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) return null;
  return { command: 'pandoc', version: probe.stdout.split('\n')[0].trim() };
}

/** One pandoc process per file, `parallel` at a time, each writing its HTML file; seconds for all of them. */
async function pandocBatch(pandoc, notesFiles, outDir, parallel) {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const convert = (file, out) =>
    new Promise((resolvePromise, reject) => {
      const child = spawn(pandoc.command, ['-f', 'gfm', '-t', 'html5', '--standalone', file, '-o', out], { stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      child.on('error', reject);
      child.on('close', (code) => (code === 0 ? resolvePromise() : reject(new Error(`pandoc failed on ${file} (exit ${code}):\n${stderr}`))));
    });
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < notesFiles.length) {
        const index = next++;
        await convert(notesFiles[index], join(outDir, `${String(index).padStart(5, '0')}.html`));
      }
    }),
  );
  return (performance.now() - started) / 1000;
}

const fmt = (n, digits = 1) => n.toFixed(digits);
const mib = (kib) => `${fmt(kib / 1024, 0)} MiB`;

/** Files of the leak bound's batch, and the two points between which its growth per file is measured. */
const LEAK_FILES = 3000;
const LEAK_FROM = 1000;
/** RSS is read as each of the this many files before a point is reported; their median is the point's RSS. */
const LEAK_WINDOW = 50;

/**
 * The leak bound: `report build` of 3,000 files, the RSS of our process (the main thread and its worker threads
 * are one process) as it reports files 951-1,000 and 2,951-3,000 (the median of each: the heap grows and shrinks
 * between collections), the growth per file between them, and the peak (the process's high-water mark).
 * What a file leaves behind must be garbage: a batch ten times longer may not need ten times the memory.
 */
async function measureLeakBound() {
  const dir = join(WORK, `leak-${LEAK_FILES}`);
  generateCorpus(dir, LEAK_FILES, 7);
  const out = join(WORK, 'leak-out');
  rmSync(out, { recursive: true, force: true });
  const samples = { [LEAK_FROM]: [], [LEAK_FILES]: [] };
  const onProgress = (done, pid) => {
    for (const point of [LEAK_FROM, LEAK_FILES]) if (done > point - LEAK_WINDOW && done <= point) samples[point].push(rssKiB(pid));
  };
  const formats = args.includes('--memory-pdf') ? 'html,pdf' : 'html';
  console.log(`Memory, ${LEAK_FILES} files (--format ${formats}, with the catalogue):`);
  const growth = () => {
    const from = median(samples[LEAK_FROM]);
    const to = median(samples[LEAK_FILES]);
    console.log(`  RSS at file ${LEAK_FROM} ${mib(from)}, at file ${LEAK_FILES} ${mib(to)} (medians of ${samples[LEAK_FROM].length} and ${samples[LEAK_FILES].length} samples)`);
    console.log(`  RSS growth per file, files ${LEAK_FROM}-${LEAK_FILES}: ${fmt((to - from) / (LEAK_FILES - LEAK_FROM))} KiB   (target < 10)`);
  };
  // The growth is printed as soon as the last file is reported (the catalogue is written after it).
  const run = await runReport(['build', dir, '--out', out, '--format', formats, '--no-cache'], (done, pid) => {
    onProgress(done, pid);
    if (done === LEAK_FILES) growth();
  });
  // A file the corpus made invalid (a practice twice, by chance) fails alone (exit 1) and is counted; anything else
  // stopped the run.
  const summary = /(\d+) built, \d+ up to date, (\d+) failed/.exec(run.stderr);
  if (run.code !== 0 && !(run.code === 1 && summary && Number(summary[2]) < LEAK_FILES / 100)) {
    const errors = run.stderr.split('\n').filter((l) => / error .*\[[\w-]+\]$/.test(l));
    throw new Error(`report build (leak bound, ${LEAK_FILES} files) failed (exit ${run.code}):\n${errors.slice(0, 20).join('\n')}\n${run.stderr.slice(-1500)}`);
  }
  if (samples[LEAK_FROM].length === 0 || samples[LEAK_FILES].length === 0) throw new Error('report build printed no progress lines to sample at');
  console.log(`  Peak RSS of report: ${mib(run.peak.own)}   (target < 400 MiB; ${fmt(run.seconds)} s${summary && summary[2] !== '0' ? `; ${summary[2]} files of the corpus failed their checks` : ''})`);
  rmSync(out, { recursive: true, force: true });
}

async function main() {
  if (args.includes('--memory-only')) return measureLeakBound();
  const machine = `${cpus()[0]?.model ?? 'unknown CPU'}, ${availableParallelism()} cores, ${fmt(totalmem() / 2 ** 30, 0)} GiB, Node ${process.version}`;
  console.log(`Machine: ${machine}`);
  console.log(`Corpus: ${COUNT} notes files (seeded, 6 languages, 1-3x lengths)\n`);
  const notesDir = join(WORK, 'notes');
  generateCorpus(notesDir, COUNT);
  const notesFiles = listFiles(notesDir, '.md');
  const outHtml = join(WORK, 'out-html');
  const outPdf = join(WORK, 'out-pdf');
  rmSync(outHtml, { recursive: true, force: true });
  rmSync(outPdf, { recursive: true, force: true });

  const results = {};
  // (d) bare in-process HTML pipeline (warm-up once, then measure)
  bareHtmlPipeline(notesFiles.slice(0, 5));
  const bare = bareHtmlPipeline(notesFiles);
  results.bareHtml = COUNT / bare.seconds;

  // (a) ours, HTML only
  const html = await runReport(['build', notesDir, '--out', outHtml, '--format', 'html', '--no-cache', '--no-catalogue']);
  if (html.code !== 0) throw new Error(`report build (html) failed:\n${html.stderr}`);
  results.html = COUNT / html.seconds;

  // (e) pandoc over the same files, alternating with (a) for --rounds rounds (default 3; (a)'s run above is the
  // first), so both meet the same load on a shared machine; the ratio is that of the medians. pandoc's time is
  // mostly 200 process start-ups, which a busy machine slows more than one long process. A warm-up of a few files
  // first loads its binary into the page cache.
  const pandoc = findPandoc();
  const rounds = Math.max(1, Number(flag('rounds', 3)));
  const htmlRuns = [html.seconds];
  const pandocRuns = [];
  if (pandoc) {
    await pandocBatch(pandoc, notesFiles.slice(0, 4), join(WORK, 'out-pandoc'), 2);
    for (let round = 0; round < rounds; round++) {
      if (round > 0) {
        const again = await runReport(['build', notesDir, '--out', outHtml, '--format', 'html', '--no-cache', '--no-catalogue']);
        if (again.code !== 0) throw new Error(`report build (html) failed:\n${again.stderr}`);
        htmlRuns.push(again.seconds);
      }
      pandocRuns.push(await pandocBatch(pandoc, notesFiles, join(WORK, 'out-pandoc'), 2));
    }
    results.html = COUNT / median(htmlRuns);
    results.pandoc = COUNT / median(pandocRuns);
  }
  const printPandoc = () => {
    if (pandoc) {
      const ratios = pandocRuns.map((seconds, i) => seconds / htmlRuns[i]).sort((a, b) => a - b);
      const spread = ratios.length > 1 ? `; ${fmt(ratios[0], 2)}-${fmt(ratios.at(-1), 2)}x over ${ratios.length} alternated rounds` : '';
      console.log(`HTML batch / pandoc (2 processes):    ${fmt(results.html / results.pandoc, 2)}x   (target >= 3.00; medians ${fmt(results.html)} vs ${fmt(results.pandoc)} docs/s${spread}; ${pandoc.version})`);
    } else console.log('HTML batch / pandoc: skipped, pandoc is not installed (Debian: apt-get install -y pandoc)');
  };
  if (args.includes('--html-only')) {
    console.log('docs/second');
    console.log(`  ${'(d) baseline: bare HTML pipeline, in-process'.padEnd(50)} ${fmt(results.bareHtml).padStart(8)}`);
    console.log(`  ${'(a) report build --format html'.padEnd(50)} ${fmt(results.html).padStart(8)}`);
    if (pandoc) console.log(`  ${'(e) pandoc -f gfm -t html5 --standalone, 2 procs'.padEnd(50)} ${fmt(results.pandoc).padStart(8)}`);
    console.log('');
    console.log(`HTML batch / bare HTML pipeline:      ${fmt(results.html / results.bareHtml, 2)}x   (for reference: issue 13 replaced this target by the ratio to pandoc; the bare pipeline parses without GFM and validates nothing)`);
    printPandoc();
    if (args.includes('--memory')) await measureLeakBound();
    return;
  }

  // (b) ours, HTML + PDF
  const pdf = await runReport(['build', notesDir, '--out', outPdf, '--format', 'html,pdf', '--no-cache', '--no-catalogue']);
  if (pdf.code !== 0) throw new Error(`report build (pdf) failed:\n${pdf.stderr}`);
  results.pdf = COUNT / pdf.seconds;

  // (c) baseline PDF over our pre-rendered HTML
  const htmlFiles = listFiles(outHtml, '.html');
  const seq = await baselinePdf(htmlFiles, 1);
  const par = await baselinePdf(htmlFiles, 2);
  results.baselineSeq = COUNT / seq;
  results.baselinePar = COUNT / par;
  const bestBaseline = Math.max(results.baselineSeq, results.baselinePar);

  // Single file, launch included: ours and the baseline script each run as a process of their own (start-up,
  // imports, launch, print, write, close), alternately, 5 times; the medians are compared. The baseline's time
  // inside an already started process (Puppeteer imported) is shown too.
  const exampleHtml = join(WORK, 'single-html');
  await runReport(['build', 'examples/vilnius-2024.md', '--out', exampleHtml, '--format', 'html', '--no-cache']);
  const ours = [];
  const script = [];
  for (let i = 0; i < 5; i++) {
    ours.push((await runReport(['build', 'examples/vilnius-2024.md', '--out', join(WORK, 'single'), '--format', 'pdf', '--no-cache'])).seconds);
    script.push((await runProcess([join(ROOT, 'bench', 'baseline-single.js'), join(exampleHtml, 'vilnius-2024.html'), join(WORK, 'baseline-single.pdf')])).seconds);
  }
  const single = { seconds: median(ours) };
  const singleScript = median(script);
  const singleBaseline = await baselineSingle(join(exampleHtml, 'vilnius-2024.html'));

  const rows = [
    ['(d) baseline: bare HTML pipeline, in-process', results.bareHtml],
    ['(a) report build --format html', results.html],
    ...(pandoc ? [['(e) pandoc -f gfm -t html5 --standalone, 2 procs', results.pandoc]] : []),
    ['(c) baseline: Puppeteer setContent+pdf, 1 page', results.baselineSeq],
    ['(c) baseline: Puppeteer setContent+pdf, 2 pages', results.baselinePar],
    ['(b) report build --format html,pdf', results.pdf],
  ];
  console.log('docs/second');
  for (const [name, rate] of rows) console.log(`  ${name.padEnd(50)} ${fmt(rate).padStart(8)}`);
  console.log('');
  console.log(`PDF batch / best baseline:           ${fmt(results.pdf / bestBaseline, 2)}x   (target >= 0.90)`);
  console.log(`HTML batch / bare HTML pipeline:      ${fmt(results.html / results.bareHtml, 2)}x   (for reference: issue 13 replaced this target by the ratio to pandoc; the bare pipeline parses without GFM and validates nothing)`);
  printPandoc();
  console.log(`Single file to PDF: report ${fmt(single.seconds, 2)} s, baseline script ${fmt(singleScript, 2)} s -> ${fmt(single.seconds / singleScript, 2)}x   (target <= 1.30; medians of 5 processes each)`);
  console.log(`  (the baseline inside a process that has already imported Puppeteer: ${fmt(singleBaseline, 2)} s -> ${fmt(single.seconds / singleBaseline, 2)}x)`);
  console.log(`Peak RSS, PDF batch: report ${mib(pdf.peak.own)}, Chromium ${mib(pdf.peak.browser)}; HTML batch: report ${mib(html.peak.own)}`);
  console.log('');
  await measurePdfStandard({ count: COUNT, rounds });

  if (!args.includes('--no-memory')) {
    console.log('');
    await measureLeakBound();
  }
  const sizes = htmlFiles.slice(0, 20).map((f) => statSync(f).size);
  console.log(`\n(mean HTML size ${fmt(sizes.reduce((a, b) => a + b, 0) / sizes.length / 1024, 0)} KiB; bare pipeline output ${fmt(bare.bytes / COUNT / 1024, 0)} KiB/doc)`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
