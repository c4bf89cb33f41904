/**
 * Plain text (a report's text copied out of a PDF, or a `.txt` export) -> blocks: paragraphs are separated by
 * blank lines, and a line starting with `-`, `*` or `•` is a list item of its own.
 */
import type { ImportedText, TextBlock } from './blocks.js';

const BULLET = /^\s*(?:[-*•▪◦‣–]\s+)(.*)$/u;

export function readPlainText(text: string): ImportedText {
  const blocks: TextBlock[] = [];
  let lines: string[] = [];
  /** The list item the next line continues (a wrapped item), until a blank line. */
  let item: TextBlock | undefined;
  const flush = () => {
    if (lines.length) blocks.push({ lines, page: 1 });
    lines = [];
    item = undefined;
  };
  for (const raw of text.replace(/^\uFEFF/u, '').split(/\r\n?|\n|\f/u)) {
    const line = raw.replace(/\t+/gu, '  ').trimEnd();
    if (!line.trim()) {
      flush();
      continue;
    }
    const bullet = BULLET.exec(line);
    if (bullet) {
      flush();
      if (bullet[1]!.trim()) blocks.push((item = { lines: [bullet[1]!.trim()], bullet: true, page: 1 }));
      continue;
    }
    if (item) item.lines.push(line.trim());
    else lines.push(line.trim());
  }
  flush();
  return { blocks, facts: {}, hasSizes: false, notes: [] };
}
