/**
 * Command-line inputs (files, folders, globs) -> the notes files to process,
 * each with the root it was found under (outputs mirror the tree below it).
 */
import { readdir, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { notesFormatOf } from '../parse/index.js';

export interface InputFile {
  path: string;
  /** The folder the input was given as (or the file's own folder). */
  root: string;
  /** The notes' text, when an earlier step (the build cache, hashing them) has already read and checked it. */
  text?: string;
}

export interface ExpandResult {
  files: InputFile[];
  /** Inputs that matched nothing, with why. */
  problems: Array<{ input: string; reason: string }>;
}

// `practices/` holds practice files that notes reference (src/read/practice-refs.ts), not notes.
const SKIP_DIRS = new Set(['node_modules', '.git', '.report-cache', 'practices']);

async function walkDir(dir: string, out: string[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    if (entry.name.startsWith('.') || SKIP_DIRS.has(entry.name)) continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) await walkDir(full, out);
    else if (entry.isFile() && notesFormatOf(entry.name) && !/^report\.config\.ya?ml$/i.test(entry.name)) out.push(full);
  }
}

/** `*`, `**` and `?` in a path; the part before the first wildcard is the root. */
function globToRegExp(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '*') {
      if (pattern[i + 1] === '*') {
        re += '.*';
        i++;
        if (pattern[i + 1] === '/') i++;
      } else re += '[^/]*';
    } else if (ch === '?') re += '[^/]';
    else re += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

export async function expandInputs(inputs: readonly string[], cwd: string): Promise<ExpandResult> {
  const files: InputFile[] = [];
  const problems: ExpandResult['problems'] = [];
  const seen = new Set<string>();
  const add = (path: string, root: string) => {
    if (seen.has(path)) return;
    seen.add(path);
    files.push({ path, root });
  };
  for (const input of inputs) {
    if (/[*?]/.test(input)) {
      const absolute = resolve(cwd, input).split(sep).join('/');
      const firstWild = absolute.search(/[*?]/);
      const base = absolute.slice(0, absolute.lastIndexOf('/', firstWild) + 1) || '/';
      const matcher = globToRegExp(absolute);
      const found: string[] = [];
      try {
        await walkDir(base, found);
      } catch {
        /* reported below as matching nothing */
      }
      const matched = found.filter((f) => matcher.test(f.split(sep).join('/')));
      if (matched.length === 0) problems.push({ input, reason: 'No notes files match this pattern' });
      for (const f of matched) add(f, resolve(base));
      continue;
    }
    const path = resolve(cwd, input);
    let info;
    try {
      info = await stat(path);
    } catch {
      problems.push({ input, reason: 'No such file or folder' });
      continue;
    }
    if (info.isDirectory()) {
      const found: string[] = [];
      await walkDir(path, found);
      if (found.length === 0) problems.push({ input, reason: 'The folder holds no notes files (.md, .yaml, .yml)' });
      for (const f of found) add(f, path);
    } else if (!notesFormatOf(path)) {
      problems.push({ input, reason: 'Expected a notes file ending in .md, .markdown, .yaml or .yml' });
    } else add(path, dirname(path));
  }
  return { files, problems };
}

/** Deterministic shard `index` (1-based) of `count`: by sorted relative path, round robin. */
export function shard(files: InputFile[], index: number, count: number, cwd: string): InputFile[] {
  const sorted = [...files].sort((a, b) => relative(cwd, a.path).localeCompare(relative(cwd, b.path)));
  return sorted.filter((_, i) => i % count === index - 1);
}
