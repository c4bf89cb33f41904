/**
 * Command-line inputs (files, folders, globs, `!` negations) -> the notes files to process, each with the root it
 * was found under (outputs mirror the tree below it). Matching and walking are tinyglobby's (braces, classes,
 * globstars; only the folders a pattern can match in are read); what is ours: links never lead out of an input's
 * root, a folder that cannot be read is said, not skipped silently, and the order is the same on every machine.
 */
import { readdir, type Dirent } from 'node:fs';
import { lstat, realpath, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import picomatch from 'picomatch';
import { glob, isDynamicPattern } from 'tinyglobby';
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
  /** Inputs (or folders and links met under them) that gave no notes file, with why. */
  problems: Array<{ input: string; reason: string }>;
}

/**
 * Folders of tools, never notes (folders whose names start with a dot are skipped too); `practices/` holds practice
 * files that notes reference (src/read/practice-refs.ts), not notes.
 */
const SKIPPED_FOLDERS = ['**/node_modules/**', '**/practices/**'];

/** Which files an input may name (notes files by default; `report import` takes past reports). */
export interface InputKind {
  accepts(name: string): boolean;
  /** `notes files (.md, .yaml, .yml)`: said when a folder holds none or a file is of another kind. */
  what: string;
}

const isConfigFile = (path: string) => /^report\.config\.ya?ml$/i.test(path.slice(path.lastIndexOf('/') + 1));

const NOTES_FILES: InputKind = {
  accepts: (path) => !!notesFormatOf(path) && !isConfigFile(path),
  what: 'notes files (.md, .markdown, .yaml, .yml)',
};

const toPosix = (path: string) => path.split(sep).join('/');

/**
 * By code points, segment by segment (a folder's files together, before the next name): the same order whatever
 * the locale. (UTF-8 bytes sort in code-point order; UTF-16 units, which `<` compares, do not.)
 */
export function comparePaths(a: string, b: string): number {
  const left = toPosix(a).split('/');
  const right = toPosix(b).split('/');
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const order = Buffer.compare(Buffer.from(left[i]!), Buffer.from(right[i]!));
    if (order !== 0) return order;
  }
  return left.length - right.length;
}

/** The folders before a pattern's first wildcard segment: where its matches are looked for, and their root. */
function patternBase(absolutePattern: string): { base: string; rest: string } {
  const segments = absolutePattern.split('/');
  const firstDynamic = segments.findIndex((segment) => isDynamicPattern(segment));
  return { base: segments.slice(0, firstDynamic).join('/') || '/', rest: segments.slice(firstDynamic).join('/') };
}

interface Found {
  paths: string[];
  /** Folders readdir failed on, with the system's code. */
  unreadable: Array<{ folder: string; code: string }>;
}

/** Notes files matching `pattern` below `base`, links followed; the folders that could not be read are kept. */
async function findNotes(base: string, pattern: string, kind: InputKind): Promise<Found> {
  const unreadable: Found['unreadable'] = [];
  // tinyglobby skips folders it cannot read without a word; this readdir records them.
  const recordingReaddir = (path: string, options: { withFileTypes: true }, callback: (error: NodeJS.ErrnoException | null, entries: Dirent[]) => void) =>
    readdir(path, options, (error, entries) => {
      // (a folder that is not there, or went meanwhile, is not one that cannot be read)
      if (error && error.code !== 'ENOENT') unreadable.push({ folder: path.replace(/\/$/, ''), code: error.code ?? 'EIO' });
      callback(error, entries);
    });
  const matches = await glob([pattern], {
    cwd: base,
    absolute: true,
    followSymbolicLinks: true,
    onlyFiles: true,
    ignore: SKIPPED_FOLDERS,
    fs: { readdir: recordingReaddir as unknown as typeof readdir },
  });
  return { paths: matches.filter((path) => kind.accepts(path)), unreadable };
}

/** The first link on the way from `root` down to `path` that leads outside `root`, if any. */
async function linkOutside(path: string, root: string, realRoot: string): Promise<{ link: string; target: string } | undefined> {
  try {
    return await firstLinkOutside(path, root, realRoot);
  } catch {
    // Gone meanwhile: reading it will say so.
    return undefined;
  }
}

async function firstLinkOutside(path: string, root: string, realRoot: string): Promise<{ link: string; target: string } | undefined> {
  const inside = (real: string) => real === realRoot || real.startsWith(realRoot.endsWith('/') ? realRoot : `${realRoot}/`);
  if (inside(toPosix(await realpath(path)))) return undefined;
  let current = root;
  for (const segment of relative(root, path).split(sep)) {
    current = join(current, segment);
    if (!(await lstat(current)).isSymbolicLink()) continue;
    const target = toPosix(await realpath(current));
    if (!inside(target)) return { link: current, target };
  }
  return { link: path, target: toPosix(await realpath(path)) };
}

/** The file's real path (links resolved), or the path itself when that cannot be had (reading it will say why). */
async function realpathOr(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch {
    return path;
  }
}

const UNREADABLE: Record<string, string> = { EACCES: 'permission denied', EPERM: 'permission denied', ELOOP: 'too many levels of links', ENOTDIR: 'not a folder' };

export async function expandInputs(inputs: readonly string[], cwd: string, kind: InputKind = NOTES_FILES): Promise<ExpandResult> {
  const files: InputFile[] = [];
  const problems: ExpandResult['problems'] = [];
  const seen = new Set<string>();
  const shown = (path: string) => relative(cwd, path) || '.';
  // `!pattern` takes out what the other inputs give, wherever it stands on the command line.
  const negations = inputs.filter((input) => input.startsWith('!') && input.length > 1).map((input) => toPosix(resolve(cwd, input.slice(1))));
  const negated = negations.length > 0 ? picomatch(negations, { dot: true }) : () => false;

  /** Matches of one input, in order: those that lead outside `root` and those taken out by a negation left out. */
  const take = async (found: Found, root: string) => {
    for (const { folder, code } of found.unreadable) {
      problems.push({ input: shown(folder), reason: `The folder cannot be read (${UNREADABLE[code] ?? code}), so its notes are left out` });
    }
    if (found.paths.length === 0) return 0;
    const realRoot = toPosix(await realpath(root));
    const reported = new Set<string>();
    const inside: string[] = [];
    let taken = 0;
    for (const path of found.paths.sort(comparePaths)) {
      if (negated(toPosix(path))) continue;
      const outside = await linkOutside(path, root, realRoot);
      if (outside) {
        if (!reported.has(outside.link)) {
          reported.add(outside.link);
          problems.push({ input: shown(outside.link), reason: `The link leads outside ${shown(root)} (to ${outside.target}); links are followed only inside the folder given, so it is left out` });
        }
        continue;
      }
      taken++;
      inside.push(path);
    }
    // The same file reached by several names (a link inside the folder) is processed once, under its own name
    // when that is among them: two names would write the same outputs twice.
    const realOf = new Map<string, string>();
    for (const path of inside) realOf.set(path, await realpathOr(path));
    const chosen = new Map<string, string>();
    for (const path of inside) {
      const real = realOf.get(path)!;
      const current = chosen.get(real);
      if (current === undefined || (current !== real && path === real)) chosen.set(real, path);
    }
    for (const path of inside) {
      const real = realOf.get(path)!;
      if (chosen.get(real) !== path || seen.has(real)) continue;
      seen.add(real);
      files.push({ path, root });
    }
    return taken + reported.size;
  };

  for (const input of inputs) {
    if (input.startsWith('!') && input.length > 1) continue;
    const absolute = resolve(cwd, input);
    if (isDynamicPattern(toPosix(input))) {
      const { base, rest } = patternBase(toPosix(absolute));
      const found = await findNotes(base, rest, kind);
      if ((await take(found, resolve(base))) === 0 && found.unreadable.length === 0) problems.push({ input, reason: kind === NOTES_FILES ? 'No notes files match this pattern' : `No ${kind.what} match this pattern` });
      continue;
    }
    let info;
    try {
      info = await stat(absolute);
    } catch {
      problems.push({ input, reason: 'No such file or folder' });
      continue;
    }
    if (info.isDirectory()) {
      const found = await findNotes(absolute, '**', kind);
      if ((await take(found, absolute)) === 0 && found.unreadable.length === 0) {
        problems.push({ input, reason: kind === NOTES_FILES ? 'The folder holds no notes files (.md, .yaml, .yml)' : `The folder holds no ${kind.what}` });
      }
    } else if (!kind.accepts(absolute)) {
      problems.push({ input, reason: kind === NOTES_FILES ? 'Expected a notes file ending in .md, .markdown, .yaml or .yml' : `Expected one of the ${kind.what}` });
    } else if (!negated(toPosix(absolute))) {
      const real = await realpathOr(absolute);
      if (seen.has(real)) continue;
      seen.add(real);
      files.push({ path: absolute, root: dirname(absolute) });
    }
  }
  return { files, problems };
}

/** Deterministic shard `index` (1-based) of `count`: by sorted relative path, round robin. */
export function shard(files: InputFile[], index: number, count: number, cwd: string): InputFile[] {
  const sorted = [...files].sort((a, b) => comparePaths(relative(cwd, a.path), relative(cwd, b.path)));
  return sorted.filter((_, i) => i % count === index - 1);
}
