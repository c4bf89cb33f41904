/** The YAML front matter of Markdown notes: only YAML, only at the very top, and a mapping. */
import type { Root } from 'mdast';
import { diagnostic, quote, type Diagnostic, type Position } from '../../diagnostics/message.js';
import type { ParsedNotes } from '../parsed-notes.js';
import { parseYaml } from '../yaml.js';
import type { Notes } from './body.js';
import { positionOf } from './tree.js';

export interface FrontMatter {
  data: Notes;
  locate: ParsedNotes['locate'];
  place?: Position;
  /** Set when the notes cannot be read further. */
  fatal: boolean;
  messages: Diagnostic[];
}

const OTHER_FENCE = /^(?:\uFEFF)?(?:---[ \t]*[^\s-][^\n]*|\+\+\+[^\n]*|;;;[^\n]*)\r?\n/;

export function readFrontMatter(text: string, tree: Root): FrontMatter {
  const none = (): ParsedNotes['locate'] => () => undefined;
  const fence = OTHER_FENCE.exec(text);
  if (fence) {
    const line = fence[0].replace(/\r?\n$/, '');
    const place = { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: line.length + 1, offset: line.length } };
    return { data: {}, locate: none(), fatal: true, messages: [diagnostic('front-matter-language', `Front matter must be YAML between two \`---\` lines, not ${quote(line)}`, place, { fatal: true })] };
  }
  const first = tree.children[0];
  if (!first || first.type !== 'yaml') return { data: {}, locate: none(), fatal: false, messages: [] };
  const contentOffset = text.indexOf('\n', first.position!.start.offset!) + 1;
  const parsed = parseYaml(first.value, { offset: contentOffset, line: first.position!.start.line + 1 });
  const messages = [...parsed.messages];
  if (parsed.messages.some((m) => m.fatal)) return { data: {}, locate: parsed.locate, fatal: true, messages };
  if (parsed.data === null || parsed.data === undefined) return { data: {}, locate: parsed.locate, place: parsed.locate([]), fatal: false, messages };
  if (typeof parsed.data !== 'object' || Array.isArray(parsed.data)) {
    messages.push(diagnostic('front-matter-shape', 'Expected the front matter to be a mapping of keys to values, like `title: …`', positionOf(first), { fatal: true }));
    return { data: {}, locate: parsed.locate, fatal: true, messages };
  }
  return { data: parsed.data as Notes, locate: parsed.locate, place: parsed.locate([]), fatal: false, messages };
}
