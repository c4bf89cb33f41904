/**
 * Front matter facts + body parts. A thing written in both with the same value is one (with a warning); with two
 * different values it is an error that shows both, never an overwrite.
 */
import { diagnostic, quote, type Diagnostic } from '../../diagnostics/message.js';
import type { PartName } from '../../i18n/locales.js';
import { pathKey } from '../parsed-notes.js';
import type { Notes } from './body.js';
import type { FrontMatter } from './front-matter.js';
import type { ReaderContext } from './context.js';
import type { Heading } from 'mdast';
import { positionOf } from './tree.js';

export function mergeWithFrontMatter(front: FrontMatter, ctx: ReaderContext & { seenParts: Map<PartName, Heading> }, messages: Diagnostic[]): Notes {
  const { out } = ctx;
  const data: Notes = { ...front.data };
  for (const [key, value] of Object.entries(out.body)) {
    if (!Object.hasOwn(front.data, key)) {
      data[key] = value;
      continue;
    }
    const bodyPlace = positionOf(ctx.seenParts.get(key as PartName) ?? {}) ?? out.places.get(pathKey([key])) ?? front.locate([key], 'key');
    const frontLine = front.locate([key], 'key')?.start.line;
    if (sameValue(front.data[key], value)) {
      messages.push(
        diagnostic('same-value-twice', `${quote(key)} is written in the front matter (line ${frontLine}) and again in the body with the same value; the two are one`, bodyPlace, {
          severity: 'warning',
          note: 'Keep one of them.',
        }),
      );
      continue;
    }
    messages.push(
      diagnostic('duplicate-part', `${quote(key)} is set in the front matter and again in the body; keep one`, bodyPlace, {
        note: `Front matter (line ${frontLine}): ${quote(preview(front.data[key]))}; body: ${quote(preview(value))}.`,
      }),
    );
  }

  return data;
}

export const sameWords = (a: string, b: string): boolean => a.replace(/\s+/g, ' ').trim().toLowerCase() === b.replace(/\s+/g, ' ').trim().toLowerCase();

/** Equal as data: the same strings, numbers, lists and mappings (key order aside). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === 'string' && typeof b === 'string') return sameWords(a, b);
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && sameValue((a as Notes)[k], (b as Notes)[k]));
  }
  return false;
}

/** A value on one line, for a message. */
function preview(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 80 ? line.slice(0, 79) + '…' : line;
}

