/**
 * Editions: the one place where what notes mark internal is left out (`public`, the default) or kept
 * (`internal`). It runs on the validated notes, before `normalise`, so that everything derived from them
 * (speakers found in a theme's text, a practice's presenter, figures, the contents, JSON-LD, the catalogue, the
 * search index, the compendium) is derived only from what the edition keeps.
 *
 * What is internal (docs/editions.md):
 * - an object with `internal: true` (a part, theme, topic, practice, group, activity, resource, contact, speaker,
 *   free section): left out whole;
 * - text between `<!-- internal -->` and `<!-- /internal -->` inside any string (the Markdown reader writes
 *   internal paragraphs and list items so): cut out; a string that was only internal text is left out, and an
 *   opening mark without its closing one hides everything after it;
 * - a topic whose practices, or a group whose items, were all internal (nothing but its title left): left out.
 * The `internal` keys themselves never reach the model.
 */
import type { EventNotes } from './types.js';

export type Edition = 'public' | 'internal';

/** `<!-- internal -->` and `<!-- /internal -->`, as the Markdown reader writes them and authors may in YAML. */
const MARK = /<!--[ \t]*\/?internal[ \t]*-->/giu;
/** Internal text: to its closing mark, or to the end of the string when that is missing. */
const INTERNAL_TEXT = /<!--[ \t]*internal[ \t]*-->[\s\S]*?(?:<!--[ \t]*\/internal[ \t]*-->|$)/giu;
/** A closing mark left over (one without an opening mark before it). */
const CLOSING = /<!--[ \t]*\/internal[ \t]*-->/giu;
const ANY_MARK = /<!--[ \t]*\/?internal[ \t]*-->/iu;

const LEFT_OUT = Symbol('left out');

export interface EditedNotes {
  notes: EventNotes;
  /**
   * The path of a value of the edited notes in the notes as written (indices change where items were left out),
   * for placing a diagnostic about it.
   */
  writtenPath: (path: readonly (string | number)[]) => (string | number)[];
  /** A practice's `topic/practice` index in the notes as written -> its index in the edited notes (absent: left out). */
  practiceIndex: ReadonlyMap<string, { topic: number; practice: number }>;
}

/** Does the string hold an internal mark? */
export function hasInternalMark(text: string): boolean {
  return ANY_MARK.test(text);
}

/** The text of a string in an edition: internal text cut out (public) or its marks taken away (internal). */
export function editionText(text: string, edition: Edition): string {
  if (!hasInternalMark(text)) return text;
  const kept = edition === 'public' ? text.replace(INTERNAL_TEXT, '').replace(CLOSING, '') : text.replace(MARK, '');
  // Cutting paragraphs out leaves their blank lines; a line's own spaces around an inline mark are kept.
  return kept
    .replace(/[ \t]+(\r?\n)/g, '$1')
    .replace(/(?:\r?\n[ \t]*){3,}/g, '\n\n')
    .trim();
}

const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * What of the value at `path` of notes is marked internal (for `report explain`): all of it (an object with
 * `internal: true`), some of its text (a string of it, or in a list of it, holds internal marks), or nothing.
 */
export function markedInternal(notes: unknown, path: readonly (string | number)[]): 'all' | 'some' | undefined {
  let node = notes;
  for (const step of path) node = node !== null && typeof node === 'object' && Object.hasOwn(node, step) ? (node as Record<string | number, unknown>)[step] : undefined;
  const marked = (value: unknown) => (typeof value === 'string' ? hasInternalMark(value) : Array.isArray(value) && value.some((v) => typeof v === 'string' && hasInternalMark(v)));
  if (isRecord(node) && node.internal === true) return 'all';
  if (marked(node) || (isRecord(node) && Object.values(node).some(marked))) return 'some';
  return undefined;
}

/** Notes (validated, not yet normalised) as the edition shows them. Pure: the notes given are not changed. */
export function applyEdition(notes: EventNotes, edition: Edition): EditedNotes {
  /** Arrays of the edited notes -> the index in the written array of each of their items. */
  const writtenIndex = new WeakMap<readonly unknown[], number[]>();
  const edit = (value: unknown, nested: boolean): unknown => {
    if (typeof value === 'string') {
      const text = editionText(value, edition);
      return text === '' && value !== '' ? LEFT_OUT : text;
    }
    if (Array.isArray(value)) {
      const out: unknown[] = [];
      const from: number[] = [];
      value.forEach((item, i) => {
        const kept = edit(item, true);
        if (kept === LEFT_OUT) return;
        out.push(kept);
        from.push(i);
      });
      writtenIndex.set(out, from);
      return out;
    }
    if (!isRecord(value)) return value;
    if (edition === 'public' && value.internal === true) return LEFT_OUT;
    const out: Record<string, unknown> = {};
    let emptied = false;
    for (const [key, child] of Object.entries(value)) {
      if (key === 'internal') continue;
      const kept = edit(child, true);
      if ((kept === LEFT_OUT && child !== '') || (Array.isArray(child) && child.length > 0 && Array.isArray(kept) && kept.length === 0)) emptied = true;
      if (kept === LEFT_OUT) continue;
      out[key] = kept;
    }
    // An item or part whose title or name was internal, or that was emptied down to its title: nothing of it is
    // left to show.
    const named = (key: string) => typeof value[key] === 'string' && !Object.hasOwn(out, key);
    const onlyTitle = () => Object.entries(out).every(([k, v]) => k === 'title' || k === 'after' || (Array.isArray(v) && v.length === 0));
    if (nested && (named('title') || named('name') || (emptied && onlyTitle()))) return LEFT_OUT;
    return out;
  };

  const edited = edit(notes, false);
  const result = (edited === LEFT_OUT ? {} : edited) as unknown as EventNotes;

  const writtenPath = (path: readonly (string | number)[]): (string | number)[] => {
    const out: (string | number)[] = [];
    let node: unknown = result;
    for (const step of path) {
      if (Array.isArray(node) && typeof step === 'number') {
        out.push(writtenIndex.get(node)?.[step] ?? step);
        node = node[step];
      } else {
        out.push(step);
        node = isRecord(node) && Object.hasOwn(node, String(step)) ? node[String(step)] : undefined;
      }
    }
    return out;
  };

  const practiceIndex = new Map<string, { topic: number; practice: number }>();
  const topics = result.practices?.topics ?? [];
  topics.forEach((topic, t) => {
    (topic.practices ?? []).forEach((_practice, p) => {
      const [, , writtenTopic, , writtenPractice] = writtenPath(['practices', 'topics', t, 'practices', p]);
      practiceIndex.set(`${writtenTopic}/${writtenPractice}`, { topic: t, practice: p });
    });
  });
  return { notes: result, writtenPath, practiceIndex };
}
