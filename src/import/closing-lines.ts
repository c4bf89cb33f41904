/**
 * The closing lines at the end of a report (`Vilnius, Lithuania – 5 June 2024`, the programme's website): the
 * running footer printed once more. They are left out; the website becomes the notes' `website`.
 */
import { blockText, type TextBlock } from './blocks.js';
import { findDate, lineAddress, linePlace } from './dates-and-places.js';

export interface Closing {
  /** Blocks before the closing lines. */
  end: number;
  website?: string;
  leftOut: string[];
}

function isClosingLine(text: string, language: string | undefined): boolean {
  if (lineAddress(text)) return true;
  // `Vilnius, Lithuania – 5 June 2024 · www.example.eu`: each part a closing line of its own.
  const parts = text.split(/\s+·\s+/u);
  if (parts.length > 1) return parts.every((part) => isClosingLine(part, language));
  const date = findDate(text, language);
  if (!date) return false;
  const rest = text.replace(date.written, '').replace(/^[\s,–—-]+|[\s,–—-]+$/gu, '');
  return !rest || !!linePlace(rest, language);
}

export function findClosing(blocks: readonly TextBlock[], from: number, language?: string): Closing {
  const out: Closing = { end: blocks.length, leftOut: [] };
  while (out.end > from) {
    const block = blocks[out.end - 1]!;
    const text = blockText(block);
    // (A centred closing line may look indented like a list item.)
    if (block.lines.length > 2 || !isClosingLine(text, language)) break;
    const address = text.split(/\s+·\s+/u).map(lineAddress).find((a) => a !== undefined);
    if (address && !out.website) out.website = address;
    out.leftOut.unshift(text);
    out.end--;
  }
  return out;
}
