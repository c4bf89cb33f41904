/**
 * A batch of notes with hostile files mixed in, for test/hostile/batch-budget.test.ts and
 * bench/hostile-batch.js: `count` realistic notes (bench/corpus.js) under `good/`, and ten hostile shapes under
 * `hostile/`, each with the rule it must fail with. The FIFO is only reachable when named (a folder's walk
 * skips what is not a regular file), so it is listed in `args`.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateCorpus } from './corpus.js';

const FRONT = (title) => `---\ntitle: ${JSON.stringify(title)}\ndate: 2024-06-05\n---\n`;
const body = (title, text) => `${FRONT(title)}\n## Summary\n\n${text}\n`;

function laughs(levels, width) {
  const names = 'abcdefghijklmnop';
  let text = `a: &a [${Array(width).fill('"lol"').join(',')}]\n`;
  for (let i = 1; i < levels; i++) text += `${names[i]}: &${names[i]} [${Array(width).fill('*' + names[i - 1]).join(',')}]\n`;
  return text;
}

/** The ten hostile shapes: file name -> [contents, the rule ids it may fail with]. */
export function hostileShapes() {
  const table = Array.from({ length: 60_000 }, (_, i) => `| row ${i} | value | more |`).join('\n');
  return {
    'nested-list-markers.md': [body('Nested list markers', '- '.repeat(8000) + 'x'), ['markdown-depth']],
    'emphasis-closers.md': [body('Emphasis closers', 'a_ '.repeat(50_000)), ['markdown-complexity']],
    'huge-table.md': [body('Huge table', `| a | b | c |\n|---|---|---|\n${table}`), ['markdown-complexity', 'time-limit', 'memory-limit']],
    'alias-bomb.yaml': [laughs(9, 9) + 'title: T\ndate: 2024-06-05\n', ['yaml-alias-limit']],
    'deep-nesting.yaml': ['title: T\ndate: 2024-06-05\nplace: ' + '['.repeat(100) + ']'.repeat(100) + '\n', ['yaml-depth']],
    'nested-brackets.md': [body('Brackets', '['.repeat(50_000) + 'x' + ']'.repeat(50_000)), ['markdown-complexity']],
    'deep-quotes.md': [body('Quotes', '> '.repeat(5000) + 'deep'), ['markdown-depth']],
    'oversize.md': [FRONT('Oversize') + '\n' + ('x'.repeat(79) + '\n').repeat(Math.ceil((3 * 1024 * 1024) / 80)), ['file-too-large']],
    'bad-encoding.md': [Buffer.concat([Buffer.from(FRONT('Bad encoding') + '\nab'), Buffer.from([0xff, 0xfe]), Buffer.from('cd\n')]), ['encoding']],
    'fifo.md': [null, ['read-error']],
  };
}

/**
 * Write `count` good notes and the ten hostile files below `dir` (emptied first). Returns the inputs to build
 * the whole batch (`args`), the good ones alone (`goodArgs`), and the hostile files' expected rules.
 */
export function writeHostileBatch(dir, count = 190) {
  rmSync(dir, { recursive: true, force: true });
  const good = join(dir, 'good');
  const hostile = join(dir, 'hostile');
  generateCorpus(good, count);
  mkdirSync(hostile, { recursive: true });
  const expected = new Map();
  for (const [name, [contents, rules]] of Object.entries(hostileShapes())) {
    const path = join(hostile, name);
    if (contents === null) execFileSync('mkfifo', [path]);
    else writeFileSync(path, contents);
    expected.set(name, rules);
  }
  return { args: [good, hostile, join(hostile, 'fifo.md')], goodArgs: [good], expected };
}
