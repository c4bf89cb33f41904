/**
 * `report fix`: the notes rewritten into their canonical form, in the file's
 * own text. YAML (a YAML file, or the front matter of a Markdown file) is
 * edited through the `yaml` package's Document API, so comments, order,
 * quoting and wording stay as written; nothing is re-serialised from the
 * model. In the Markdown body, only what the reader had to read in a way Markdown does not write is edited: a
 * line of its own read as a heading (written `## …`), a pasted bullet (written `-`), and the event's facts written
 * as lines at the top (moved into the front matter, which is made when there is none).
 */
import { Document, isMap, isScalar, isSeq, parseDocument, type Node, type Pair } from 'yaml';
import { diagnostic, type Diagnostic } from '../../diagnostics/message.js';
import { parseNotes, type NotesFormat } from '../index.js';
import type { NotesPath, Rewrite } from './rewrite.js';
import type { TextEdit } from '../parsed-notes.js';

export interface FixResult {
  /** The fixed text (the input when nothing changed or the fix was refused). */
  text: string;
  /** Rewrites applied to the file. */
  applied: Rewrite[];
  /** Edits of the Markdown body applied (plain lines as headings, pasted bullets). */
  edited?: TextEdit[];
  /** Rewrites of values the Markdown body holds, which fix does not edit. */
  skipped: Rewrite[];
  /** Why the notes could not be fixed (they do not parse, or the rewrite would change what they say). */
  messages: Diagnostic[];
}

const FRONT_MATTER = /^(\uFEFF?---[ \t]*\r?\n)([\s\S]*?\r?\n)?(---[ \t]*(?:\r?\n|$))/;

export function fixNotesText(original: string, format: NotesFormat): FixResult {
  let text = original;
  const parsed = parseNotes(text, format);
  const fatal = parsed.messages.filter((m) => m.fatal);
  if (parsed.data === undefined || fatal.length) return { text, applied: [], skipped: [], messages: fatal };
  const rewrites = parsed.rewrites ?? [];
  const edits = parsed.edits ?? [];
  if (rewrites.length === 0 && edits.length === 0) return { text, applied: [], skipped: [], messages: [] };
  // The body's edits first: they stand after the front matter, which they leave as it was.
  const edited = withEdits(text, edits);
  if (rewrites.length === 0) return same(parseNotes(edited, format), parsed) ? { text: edited, applied: [], edited: edits, skipped: [], messages: [] } : refused(text, []);
  text = edited;

  let before = '';
  let yamlText = text;
  let after = '';
  if (format === 'markdown') {
    const m = FRONT_MATTER.exec(text);
    if (!m) return { text, applied: [], skipped: rewrites, messages: [] };
    before = m[1]!;
    yamlText = m[2] ?? '';
    after = text.slice(m[0].length - m[3]!.length);
  }
  const doc = parseDocument(yamlText, { schema: 'core', resolveKnownTags: false, uniqueKeys: true, strict: true, keepSourceTokens: false });
  const spans = topLevelSpans(doc, yamlText);
  const applied: Rewrite[] = [];
  const skipped: Rewrite[] = [];
  for (const rewrite of ordered(rewrites)) (apply(doc, rewrite) ? applied : skipped).push(rewrite);
  if (applied.length === 0) return { text, applied, ...(edits.length ? { edited: edits } : {}), skipped, messages: [] };

  const options = { lineWidth: 0, indent: indentOf(yamlText) };
  // Only the top-level entries that changed are written anew; the others keep their text byte for byte (a
  // folded paragraph keeps its line breaks). The whole document written anew is the fallback.
  const candidates = [() => (spans ? spliced(doc, yamlText, spans, options) : undefined), () => doc.toString(options)];
  for (const candidate of candidates) {
    let fixed: string;
    try {
      const yaml = candidate();
      if (yaml === undefined) continue;
      fixed = before + yaml + after;
    } catch {
      // The yaml package refuses to write what it cannot (an alias whose anchor was rewritten away).
      continue;
    }
    // A fix must not change what the notes say: the fixed text reads into the very same canonical notes.
    if (same(parseNotes(fixed, format), parsed)) return { text: fixed, applied, ...(edits.length ? { edited: edits } : {}), skipped, messages: [] };
  }
  return refused(original, rewrites);
}

/** Whether the fixed text reads into the very same canonical notes (keys in any order: facts moved from the body to the front matter come first). */
function same(check: ReturnType<typeof parseNotes>, parsed: ReturnType<typeof parseNotes>): boolean {
  return !check.messages.some((m) => m.fatal) && sortedJson(check.data) === sortedJson(parsed.data);
}

const sortedJson = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, (v as Record<string, unknown>)[k]])) : v,
  );

function refused(text: string, rewrites: Rewrite[]): FixResult {
  return {
    text,
    applied: [],
    skipped: rewrites,
    messages: [diagnostic('fix', 'These notes could not be rewritten without changing what they say; nothing was written', undefined, { note: 'Run `report validate` and make the changes its messages name' })],
  };
}

/** The text with the edits made (from the last to the first, so that each offset still holds). */
function withEdits(text: string, edits: readonly TextEdit[]): string {
  let out = text;
  for (const edit of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
  return out;
}

interface Span {
  pair: Pair;
  /** Where its text starts (the key's line) and ends (after its last line). */
  start: number;
  end: number;
  /** The pair as it read before the fix, to tell whether it changed; its value alone, and its key's place. */
  written: string;
  writtenValue: string;
  value: unknown;
  key: [number, number];
}

const valueText = (pair: Pair) => JSON.stringify((pair.value as { toJSON?: () => unknown } | null)?.toJSON?.() ?? pair.value ?? null);
const pairText = (pair: Pair) => JSON.stringify([isScalar(pair.key) ? pair.key.value : null, (pair.value as { toJSON?: () => unknown } | null)?.toJSON?.() ?? pair.value ?? null]);

/** The text of each top-level entry of a block mapping, or undefined when the document is not one. */
function topLevelSpans(doc: Document, text: string): Span[] | undefined {
  const root = doc.contents;
  if (!isMap(root) || root.flow) return undefined;
  const lineStart = (offset: number) => text.lastIndexOf('\n', offset - 1) + 1;
  const lineEnd = (offset: number) => {
    if (offset > 0 && text[offset - 1] === '\n') return offset;
    const nl = text.indexOf('\n', offset);
    return nl < 0 ? text.length : nl + 1;
  };
  const spans: Span[] = [];
  for (const pair of root.items as Pair[]) {
    const key = pair.key as Node | null;
    const value = pair.value as Node | null;
    if (!key?.range || (value && !value.range)) return undefined;
    const start = lineStart(key.range[0]);
    if (start !== key.range[0]) return undefined; // an indented or inline key: leave it to the whole-document writer
    const end = lineEnd(value?.range ? value.range[1] : key.range[1]);
    if (spans.length && start < spans[spans.length - 1]!.end) return undefined;
    spans.push({ pair, start, end, written: pairText(pair), writtenValue: valueText(pair), value: pair.value, key: [key.range[0], key.range[1]] });
  }
  return spans;
}

/** The original text with each changed top-level entry replaced by its new text. */
function spliced(doc: Document, text: string, spans: Span[], options: { lineWidth: number; indent: number }): string | undefined {
  const root = doc.contents;
  if (!isMap(root)) return undefined;
  const now = root.items as Pair[];
  const bySpan = new Map(spans.map((s) => [s.pair, s]));
  const write = (pair: Pair) => {
    const one = new Document(null) as Document;
    const copy = pair.clone() as Pair;
    const key = copy.key as Node | null;
    if (key) {
      key.commentBefore = undefined;
      key.spaceBefore = false;
    }
    one.contents = one.createNode({}) as never;
    (one.contents as unknown as { items: Pair[] }).items.push(copy);
    return one.toString(options);
  };
  // What follows each original entry: the entries inserted after it.
  const inserted = new Map<Pair | undefined, Pair[]>();
  let previous: Pair | undefined;
  for (const pair of now) {
    if (bySpan.has(pair)) previous = pair;
    else inserted.set(previous, [...(inserted.get(previous) ?? []), pair]);
  }
  const kept = new Set(now);
  let out = '';
  let at = 0;
  for (const span of spans) {
    out += text.slice(at, span.start);
    if (kept.has(span.pair)) {
      const renamedOnly = span.pair.value === span.value && valueText(span.pair) === span.writtenValue && isScalar(span.pair.key) && /^[A-Za-z$][\w$]*$/.test(String(span.pair.key.value));
      if (pairText(span.pair) === span.written) out += text.slice(span.start, span.end);
      // Only the key changed: the new key in the old key's place, the rest of the entry as written.
      else if (renamedOnly) out += text.slice(span.start, span.key[0]) + String((span.pair.key as { value: unknown }).value) + text.slice(span.key[1], span.end);
      else out += write(span.pair);
    }
    for (const pair of inserted.get(span.pair) ?? []) out += write(pair);
    at = span.end;
  }
  out += text.slice(at);
  if (inserted.has(undefined)) out = (inserted.get(undefined) ?? []).map(write).join('') + out;
  return out;
}

/** set-value deepest first, then rename-key deepest first, then move and insert-key (see Rewrite). */
function ordered(all: readonly Rewrite[]): Rewrite[] {
  // A value replaced as a whole holds the changes recorded inside it: those are dropped, and of two
  // replacements of one value the later (outer) one is kept.
  const replaced = all.filter((r) => r.action === 'set-value');
  const key = (path: NotesPath) => path.map(String).join('\u0000');
  const rewrites = all.filter((r, i) => {
    if (r.action !== 'set-value') return true;
    return !replaced.some((other) => {
      if (other === r) return false;
      const isPrefix = other.path.length <= r.path.length && key(r.path.slice(0, other.path.length)) === key(other.path);
      return isPrefix && (other.path.length < r.path.length || all.indexOf(other) > i);
    });
  });
  const rank = { 'set-value': 0, 'rename-key': 1, move: 2, 'insert-key': 3 } as const;
  return rewrites
    .map((r, i) => ({ r, i }))
    .sort((a, b) => rank[a.r.action] - rank[b.r.action] || (a.r.action === 'move' || a.r.action === 'insert-key' ? 0 : b.r.path.length - a.r.path.length) || a.i - b.i)
    .map(({ r }) => r);
}

/** The indentation the author used for a mapping inside a mapping (2 when none is written). */
function indentOf(yamlText: string): number {
  const lines = yamlText.split(/\r?\n/);
  for (let i = 1; i < lines.length; i++) {
    const m = /^( +)[^\s#-]/.exec(lines[i]!);
    if (m && /^[^\s#-][^#]*:\s*(#.*)?$/.test(lines[i - 1]!)) return Math.min(8, m[1]!.length);
  }
  return 2;
}

const segments = (path: NotesPath) => path.map((p) => (typeof p === 'number' ? p : /^\d+$/.test(p) ? Number(p) : p));

function nodeAt(doc: Document, path: NotesPath): unknown {
  let node: unknown = doc.contents;
  for (const segment of segments(path)) {
    if (isMap(node)) node = (node.items as Pair[]).find((p) => isScalar(p.key) && String(p.key.value) === String(segment))?.value;
    else if (isSeq(node) && typeof segment === 'number') node = node.items[segment];
    else return undefined;
    if (node === undefined) return undefined;
  }
  return node;
}

function pairAt(doc: Document, path: NotesPath): { map: { items: Pair[] }; pair: Pair; index: number } | undefined {
  const parent = path.length === 1 ? doc.contents : nodeAt(doc, path.slice(0, -1));
  if (!isMap(parent)) return undefined;
  const key = String(path[path.length - 1]);
  const items = parent.items as Pair[];
  const index = items.findIndex((p) => isScalar(p.key) && String(p.key.value) === key);
  return index < 0 ? undefined : { map: parent as unknown as { items: Pair[] }, pair: items[index]!, index };
}

/** A small mapping of plain values reads best on one line, like `place: { city: Vilnius, country: Lithuania }`. */
function newNode(doc: Document, value: unknown): Node {
  const node = doc.createNode(value) as Node;
  const flowSized = (v: unknown) => v !== null && typeof v === 'object' && !Array.isArray(v) && Object.values(v).every((x) => typeof x !== 'object') && Object.keys(v).length <= 5 && JSON.stringify(v).length <= 80;
  const visit = (n: unknown, v: unknown) => {
    if (isMap(n)) {
      if (flowSized(v)) n.flow = true;
      for (const pair of n.items as Pair[]) visit(pair.value, (v as Record<string, unknown>)[String((pair.key as { value: unknown }).value)]);
    } else if (isSeq(n)) n.items.forEach((item, i) => visit(item, (v as unknown[])[i]));
  };
  visit(node, value);
  return node;
}

function apply(doc: Document, rewrite: Rewrite): boolean {
  switch (rewrite.action) {
    case 'set-value': {
      const at = rewrite.path.length === 1 || rewrite.path.length > 1 ? locateSlot(doc, rewrite.path) : undefined;
      if (!at) return false;
      const old = at.get() as Node | null;
      if (!sameValue(old, rewrite.from)) return false;
      const node = newNode(doc, rewrite.to);
      if (old && typeof old === 'object') {
        if (old.comment) node.comment = old.comment;
        if (old.commentBefore) node.commentBefore = old.commentBefore;
        if (old.spaceBefore) node.spaceBefore = true;
      }
      at.set(node);
      return true;
    }
    case 'rename-key': {
      const found = pairAt(doc, rewrite.path);
      if (!found || !isScalar(found.pair.key)) return false;
      found.pair.key.value = rewrite.to;
      return true;
    }
    case 'move': {
      const found = pairAt(doc, rewrite.path);
      const destination = rewrite.to as NotesPath;
      if (!found) return false;
      const target = nodeAt(doc, destination);
      if (Array.isArray(rewrite.value)) {
        // Items join a list the file holds; a list the Markdown body made is not the front matter's to change.
        if (!isSeq(target)) return false;
        for (const item of rewrite.value) target.items.push(newNode(doc, item));
      } else {
        const parent = destination.length === 1 ? doc.contents : nodeAt(doc, destination.slice(0, -1));
        if (!isMap(parent)) return false;
        parent.set(doc.createNode(String(destination[destination.length - 1])), newNode(doc, rewrite.value));
      }
      found.map.items.splice(found.map.items.indexOf(found.pair), 1);
      return true;
    }
    case 'insert-key': {
      const parent = rewrite.path.length === 1 ? doc.contents : nodeAt(doc, rewrite.path.slice(0, -1));
      if (!isMap(parent)) return false;
      const items = parent.items as Pair[];
      const key = String(rewrite.path[rewrite.path.length - 1]);
      if (items.some((p) => isScalar(p.key) && p.key.value === key)) return false;
      const index = items.findIndex((p) => isScalar(p.key) && p.key.value === rewrite.after);
      const pair = doc.createPair(key, newNode(doc, rewrite.to)) as Pair;
      items.splice(index < 0 ? items.length : index + 1, 0, pair);
      return true;
    }
  }
}

/** Get and set the value at a path, in a mapping or a list. */
function locateSlot(doc: Document, path: NotesPath): { get: () => unknown; set: (node: Node) => void } | undefined {
  const parent = path.length === 1 ? doc.contents : nodeAt(doc, path.slice(0, -1));
  const last = segments(path)[path.length - 1]!;
  if (isMap(parent)) {
    const pair = (parent.items as Pair[]).find((p) => isScalar(p.key) && String(p.key.value) === String(last));
    return pair ? { get: () => pair.value, set: (node) => (pair.value = node) } : undefined;
  }
  if (isSeq(parent) && typeof last === 'number' && last < parent.items.length) {
    return { get: () => parent.items[last], set: (node) => (parent.items[last] = node) };
  }
  return undefined;
}

/** Whether the node still holds what the rewrite was made from (a value the Markdown body wrote is not in the front matter). */
function sameValue(node: Node | null, from: unknown): boolean {
  const value = node && typeof (node as { toJSON?: unknown }).toJSON === 'function' ? (node as unknown as { toJSON: () => unknown }).toJSON() : node;
  return JSON.stringify(value) === JSON.stringify(from instanceof Date ? from.toISOString().slice(0, 10) : from);
}
