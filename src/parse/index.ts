import { diagnostic } from '../diagnostics/message.js';
import { canonicalise } from './canonical/index.js';
import { complexityProblems } from './complexity.js';
import { parseMarkdownNotes } from './markdown/index.js';
import type { ParsedNotes } from './parsed-notes.js';
import { parseYaml } from './yaml.js';

export type NotesFormat = 'markdown' | 'yaml';

export function notesFormatOf(path: string): NotesFormat | undefined {
  const lower = path.toLowerCase();
  if (lower.endsWith('.md') || lower.endsWith('.markdown')) return 'markdown';
  if (lower.endsWith('.yaml') || lower.endsWith('.yml')) return 'yaml';
  return undefined;
}

/** Parse notes text of either format into the written notes, made canonical, and their positions. */
export function parseNotes(text: string, format: NotesFormat): ParsedNotes {
  const parsed = parseWritten(text, format);
  return parsed.data === undefined || parsed.messages.some((m) => m.fatal) ? parsed : canonicalise(parsed);
}

/** The notes as written, before canonicalisation. */
export function parseWritten(text: string, format: NotesFormat): ParsedNotes {
  // Checked before parsing: the Markdown parser is slow on these, whichever format carries them.
  const tooComplex = complexityProblems(text);
  if (tooComplex.length) return { data: undefined, messages: tooComplex, locate: () => undefined, text };
  if (format === 'markdown') return { ...parseMarkdownNotes(text), text };
  return parseYamlMapping(text, 'YAML notes');
}

/** YAML text that must be a mapping of keys to values (notes, a practice file): anything else is `notes-shape`. */
export function parseYamlMapping(text: string, what: string): ParsedNotes {
  const parsed = { ...parseYaml(text), text };
  if (parsed.messages.some((m) => m.fatal)) return parsed;
  if (parsed.data === null || typeof parsed.data !== 'object' || Array.isArray(parsed.data)) {
    return {
      ...parsed,
      data: undefined,
      messages: [
        ...parsed.messages,
        diagnostic('notes-shape', `Expected ${what} to be a mapping of keys to values, like \`title: …\``, parsed.locate([]) ?? { start: { line: 1, column: 1 } }, { fatal: true }),
      ],
    };
  }
  return parsed;
}

export type { ParsedNotes } from './parsed-notes.js';
