/**
 * A good practice written in a file of its own (`practices/<name>.yaml` or `.md`), referenced from any number of
 * events' notes. YAML: the practice's fields, as under a topic of YAML notes. Markdown: an optional front matter
 * with any of the fields, then the practice as the Markdown reader reads one under a topic: a heading
 * `PROJECT – Title`, key lines (`Country: Italy`, `Figures:` and a list …) and the description's paragraphs.
 * Either is made canonical (synonyms, short forms) like notes are.
 */
import { canonicalise } from './canonical/index.js';
import { complexityProblems } from './complexity.js';
import { parseYamlMapping, type NotesFormat } from './index.js';
import { readFrontMatter } from './markdown/front-matter.js';
import { mergeWithFrontMatter } from './markdown/merge.js';
import { markInternalBlocks, markInternalSections } from './markdown/internal-marks.js';
import { readerContext } from './markdown/parts.js';
import { buildPractice } from './markdown/practices.js';
import { splitSections, type Section } from './markdown/sections.js';
import { parseMarkdownTree, tooDeepToRender } from './markdown/tree.js';
import { pathKey, type ParsedNotes } from './parsed-notes.js';

/** Where a practice sits inside the notes wrapped around it for canonicalisation. */
const WRAPPED = ['practices', 'topics', 0, 'practices', 0] as const;

/** Parse a practice file's text into the written practice (not yet validated) and its positions. */
export function parsePracticeFile(text: string, format: NotesFormat): ParsedNotes {
  const tooComplex = complexityProblems(text);
  if (tooComplex.length) return { data: undefined, messages: tooComplex, locate: () => undefined, text };
  const parsed = format === 'markdown' ? parseMarkdownPractice(text) : parseYamlPractice(text);
  if (parsed.data === undefined || parsed.messages.some((m) => m.fatal)) return parsed;
  return canonicalPractice(parsed);
}

function parseYamlPractice(text: string): ParsedNotes {
  const parsed = parseYamlMapping(text, 'a practice file');
  return parsed.messages.some((m) => m.fatal) ? { ...parsed, data: undefined } : parsed;
}

function parseMarkdownPractice(text: string): ParsedNotes {
  const tree = parseMarkdownTree(text);
  const deep = tooDeepToRender(tree, text);
  if (deep) return deep;
  const front = readFrontMatter(text, tree);
  if (front.fatal) return { data: undefined, messages: front.messages, locate: front.locate, text };
  const messages = [...front.messages];
  const body = tree.children[0]?.type === 'yaml' ? tree.children.slice(1) : tree.children;
  const ctx = readerContext(text, undefined);
  messages.push(...markInternalBlocks(body, text, ctx.source.marks));
  const { preamble, roots } = splitSections(body, ctx.source);
  markInternalSections(roots, ctx.source.marks);
  const first = roots[0];
  if (first || preamble.length) {
    // The first heading is the practice's `PROJECT – Title`; everything else in the body is its key lines and text.
    const section: Section = first
      ? { ...first, blocks: [...preamble, ...first.blocks], children: [...first.children, ...roots.slice(1)] }
      : { heading: { type: 'heading', depth: 1, children: [], position: preamble[0]!.position }, title: '', depth: 1, blocks: preamble, children: [] };
    buildPractice(section, [], ctx, first ? 'the first heading' : 'the body');
    if (!first) {
      delete ctx.out.body.title;
      ctx.out.places.delete(pathKey(['title']));
    }
  }
  messages.push(...ctx.out.messages);
  const data = mergeWithFrontMatter(front, ctx, messages);
  const locate: ParsedNotes['locate'] = (path, target = 'value') => {
    if (path.length === 0) return front.place ?? { start: { line: 1, column: 1, offset: 0 } };
    if (Object.hasOwn(front.data, String(path[0]))) return front.locate(path, target);
    for (let n = path.length; n > 0; n--) {
      const place = ctx.out.places.get(pathKey(path.slice(0, n)));
      if (place) return place;
    }
    return { start: { line: 1, column: 1, offset: 0 } };
  };
  return { data, messages, locate, text };
}

/** The canonical step of notes, applied to the practice wrapped as the one practice of a topic of notes. */
function canonicalPractice(parsed: ParsedNotes): ParsedNotes {
  const wrapped: ParsedNotes = {
    ...parsed,
    data: { practices: { topics: [{ title: '-', practices: [parsed.data] }] } },
    locate: (path, target) => {
      const inside = WRAPPED.every((key, i) => path[i] === key);
      return inside ? parsed.locate(path.slice(WRAPPED.length), target) : parsed.locate([], target);
    },
  };
  const canonical = canonicalise(wrapped);
  const data = (canonical.data as { practices?: { topics?: { practices?: unknown[] }[] } }).practices?.topics?.[0]?.practices?.[0];
  // The messages name paths in the file itself; `report fix` rewrites notes, not practice files.
  const inFile = (text: string) => text.replace(/ in `practices\.topics\[0\]\.practices\[0\]`/g, '').replace(/`practices\.topics\[0\]\.practices\[0\]\./g, '`');
  const messages = canonical.messages.map((m) => ({
    ...m,
    reason: inFile(m.reason),
    ...(m.note ? { note: inFile(m.note).replace(/[;,]? or run `report fix` to write it so$/, '') } : {}),
  }));
  return {
    data,
    messages,
    text: parsed.text,
    locate: (path, target) => canonical.locate([...WRAPPED, ...path], target),
  };
}
