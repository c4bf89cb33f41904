/**
 * Practices written in files of their own and referenced from notes (`- ref: practices/x.yaml` in YAML notes, a
 * line `Practice: practices/x.yaml` under a topic in Markdown notes) are read, checked against the practice schema
 * and put in the notes in the reference's place, after parsing and before the notes are validated.
 *
 * Reference paths follow the rules of image paths (src/read/images.ts): relative to the notes file, inside the
 * notes' folder or the `--allow-root` folder, by their real path; only regular files are opened (a FIFO or device
 * never is). A problem inside a practice file is placed in that file (its positions carry `file`); a reference
 * that cannot be followed, or that leads to a practice with errors, is an error at the referring line.
 */
import { createHash } from 'node:crypto';
import { realpath } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { diagnostic, quote, type Diagnostic, type Position } from '../diagnostics/message.js';
import { displayPathOf } from '../diagnostics/source-file.js';
import { notesFormatOf } from '../parse/index.js';
import { pathKey, type ParsedNotes } from '../parse/parsed-notes.js';
import { parsePracticeFile } from '../parse/practice-file.js';
import { validateAgainstSchema } from '../validate/schema.js';
import { inside, readRegularFile, realOrResolved, type EmbeddedImage } from './images.js';
import { MAX_NOTES_BYTES } from './read-notes.js';

/** A practice of the notes that came from a file: where it sits in the notes, and the file. */
export interface PracticeSource {
  topic: number;
  practice: number;
  /** Absolute real path of the practice file. */
  path: string;
}

export interface ResolvedPracticeRefs {
  /** The notes with every reference replaced by its practice (unchanged when there are none). */
  parsed: ParsedNotes;
  messages: Diagnostic[];
  /** Every practice file read, with the SHA-256 of its bytes (for the build cache). */
  files: EmbeddedImage[];
  sources: PracticeSource[];
}

/** A written practice that is a reference: `{ ref: path }`, or a path ending `.yaml`, `.yml` or `.md` in its place. */
export function practiceRefOf(item: unknown): string | undefined {
  if (typeof item === 'string') return /\.(ya?ml|md|markdown)$/i.test(item.trim()) && !/\s/.test(item.trim()) ? item.trim() : undefined;
  if (item && typeof item === 'object' && !Array.isArray(item) && Object.hasOwn(item, 'ref')) {
    const ref = (item as Record<string, unknown>).ref;
    return typeof ref === 'string' ? ref : '';
  }
  return undefined;
}

interface ReadPractice {
  data?: unknown;
  parsed?: ParsedNotes;
  display: string;
  real: string;
  /** Why the reference cannot be followed (a message for the referring line). */
  broken?: { ruleId: string; reason: string };
}

export async function resolvePracticeRefs(parsed: ParsedNotes, notesPath: string, options: { cwd: string; allowedRoot?: string }): Promise<ResolvedPracticeRefs> {
  const none: ResolvedPracticeRefs = { parsed, messages: [], files: [], sources: [] };
  const topics = (parsed.data as { practices?: { topics?: unknown } } | undefined)?.practices?.topics as { practices: unknown[] }[] | undefined;
  if (!Array.isArray(topics)) return none;
  const refs: { t: number; p: number; ref: string }[] = [];
  topics.forEach((topic, t) => {
    const list = (topic as { practices?: unknown } | null)?.practices;
    if (Array.isArray(list)) list.forEach((item, p) => {
      const ref = practiceRefOf(item);
      if (ref !== undefined) refs.push({ t, p, ref });
    });
  });
  if (refs.length === 0) return none;

  const baseDir = await realOrResolved(dirname(notesPath));
  const allowed = options.allowedRoot !== undefined ? await realOrResolved(options.allowedRoot) : undefined;
  const roots = allowed ? [baseDir, allowed] : [baseDir];
  const insideRoots = (path: string) => roots.some((root) => inside(root, path));

  const messages: Diagnostic[] = [];
  const files: EmbeddedImage[] = [];
  const sources: PracticeSource[] = [];
  const byPath = new Map<string, Promise<ReadPractice>>();
  /** Positions of values that came from a practice file, by the practice's path in the notes. */
  const replaced = new Map<string, ParsedNotes & { display: string }>();

  const readPractice = async (ref: string): Promise<ReadPractice> => {
    const target = resolve(baseDir, ref);
    const display = displayPathOf(options.cwd, target);
    const broken = (ruleId: string, reason: string): ReadPractice => ({ display, real: target, broken: { ruleId, reason } });
    if (ref === '' || (/^[a-z][a-z0-9+.-]*:/i.test(ref) && !/^[a-z]:[\\/]/i.test(ref))) return broken('practice-ref', `Expected a relative path to a practice file, like \`practices/open-data.yaml\`, not ${quote(ref)}`);
    if (isAbsolute(ref) || /^[a-z]:[\\/]/i.test(ref) || ref.startsWith('\\\\')) return broken('practice-outside-root', `Practice paths must be relative to the notes file, not absolute: ${quote(ref)}`);
    const format = notesFormatOf(ref);
    if (!format) return broken('practice-ref', `Expected a practice file ending in .yaml, .yml or .md, not ${quote(ref)}`);
    if (!insideRoots(target)) return broken('practice-outside-root', `The practice file ${quote(ref)} is outside the notes' folder; only files inside it may be used`);
    let real: string;
    try {
      real = await realpath(target);
    } catch {
      return broken('missing-practice', `The practice file ${quote(ref)} does not exist (looked for ${quote(relative(baseDir, target).split(sep).join('/') || target)})`);
    }
    if (!insideRoots(real)) return broken('practice-outside-root', `The practice file ${quote(ref)} is a link to a file outside the notes' folder`);
    const read = await readRegularFile(real, MAX_NOTES_BYTES);
    if ('unreadable' in read) {
      const why = read.unreadable;
      if (why === 'not-a-file') return broken('practice-ref', `Expected ${quote(ref)} to be a practice file, not a folder, pipe or device`);
      if (why === 'too-large') return broken('practice-ref', `The practice file ${quote(ref)} is larger than ${MAX_NOTES_BYTES / 1024 / 1024} MiB`);
      if (why === 'link') return broken('practice-outside-root', `The practice file ${quote(ref)} was replaced by a link while it was read`);
      return broken('missing-practice', `The practice file ${quote(ref)} cannot be read (${why.code})`);
    }
    if (read.links > 1 && !(allowed && inside(allowed, real))) {
      return broken('practice-outside-root', `The practice file ${quote(ref)} has other hard links (${read.links} names), so it may be a file from outside the notes' folder; copy it instead, or name a folder you trust with --allow-root`);
    }
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(read.bytes).replace(/^\uFEFF/, '');
    } catch {
      return broken('practice-invalid', `The practice file ${quote(ref)} is not UTF-8 text`);
    }
    files.push({ path: target, digest: createHash('sha256').update(read.bytes).digest('hex') });
    const practice = parsePracticeFile(text, format);
    const problems = [...practice.messages, ...(practice.data === undefined ? [] : validateAgainstSchema(practice, 'practice'))];
    for (const m of problems) messages.push({ ...m, file: display, ...(m.place ? { place: { ...m.place, file: display } } : {}) });
    const errors = problems.filter((m) => m.severity === 'error').length;
    if (practice.data === undefined || errors > 0) {
      return broken('practice-invalid', `The practice file ${quote(ref)} has ${errors || 1} error${errors > 1 ? 's' : ''} (reported in ${display}); the practice is left out`);
    }
    return { data: practice.data, parsed: practice, display, real };
  };

  const out = structuredClone(parsed.data) as { practices: { topics: { practices: unknown[] }[] } };
  for (const { t, p, ref } of refs) {
    const path = ['practices', 'topics', t, 'practices', p];
    const at = parsed.locate([...path, 'ref']) ?? parsed.locate(path);
    const written = topics[t]!.practices[p];
    const others = written && typeof written === 'object' ? Object.keys(written).filter((k) => k !== 'ref' && k !== 'internal') : [];
    if (others.length) {
      messages.push(diagnostic('practice-ref', `A practice reference stands alone; ${others.map((k) => quote(k)).join(', ')} beside \`ref\` would be lost`, at, { note: 'Write the fields in the practice file, or write the practice here without `ref`.' }));
    }
    const key = resolve(baseDir, ref);
    if (!byPath.has(key)) byPath.set(key, readPractice(ref));
    const practice = await byPath.get(key)!;
    if (practice.broken) {
      messages.push(diagnostic(practice.broken.ruleId, practice.broken.reason, at));
      // A stand-in that validates, so the rest of the notes is still checked (the file fails on the error above).
      out.practices.topics[t]!.practices[p] = { title: ref || 'practice', ...((written as { internal?: unknown } | null)?.internal === true ? { internal: true } : {}) };
      continue;
    }
    const resolved = withImagesFrom(structuredClone(practice.data) as Record<string, unknown>, dirname(practice.real), baseDir);
    // `internal: true` beside the reference makes this event's use of the practice internal (docs/editions.md).
    if ((written as { internal?: unknown }).internal === true) resolved.internal = true;
    out.practices.topics[t]!.practices[p] = resolved;
    replaced.set(pathKey(path), { ...practice.parsed!, display: practice.display });
    sources.push({ topic: t, practice: p, path: practice.real });
  }

  const base = parsed.locate;
  const locate: ParsedNotes['locate'] = (path, target = 'value') => {
    if (path.length >= 5 && path[0] === 'practices' && path[1] === 'topics' && path[3] === 'practices') {
      const from = replaced.get(pathKey(path.slice(0, 5)));
      if (from) return inFile(from.locate(path.slice(5), target) ?? from.locate([]), from.display);
    }
    return base(path, target);
  };
  return { parsed: { ...parsed, data: out, locate }, messages, files, sources };
}

/** A place in a practice file: with the file, and without offsets (which index the notes' text elsewhere). */
function inFile(place: Position | undefined, file: string): Position | undefined {
  if (!place) return undefined;
  const point = (p: Position['start']) => ({ line: p.line, column: p.column });
  return { start: point(place.start), ...(place.end ? { end: point(place.end) } : {}), file };
}

/** Image paths of a practice file are relative to it; in the notes they become relative to the notes' folder. */
function withImagesFrom(practice: Record<string, unknown>, practiceDir: string, notesDir: string): Record<string, unknown> {
  const images = practice.images;
  if (!Array.isArray(images) || practiceDir === notesDir) return practice;
  practice.images = images.map((image) => {
    const src = (image as { src?: unknown } | null)?.src;
    if (typeof src !== 'string' || /^[a-z][a-z0-9+.-]*:/i.test(src) || isAbsolute(src)) return image;
    return { ...(image as object), src: relative(notesDir, resolve(practiceDir, src)).split(sep).join('/') };
  });
  return practice;
}
