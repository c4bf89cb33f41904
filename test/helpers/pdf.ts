import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Text of each page, read back with poppler's pdftotext. */
export function pdfPages(path: string, mode: 'layout' | 'reading' = 'layout'): string[] {
  const pages = Number(pdfInfo(path).Pages);
  const out: string[] = [];
  const flags = mode === 'layout' ? ['-layout'] : [];
  for (let i = 1; i <= pages; i++) out.push(execFileSync('pdftotext', ['-f', String(i), '-l', String(i), ...flags, path, '-'], { encoding: 'utf8' }));
  return out;
}

export function pdfInfo(path: string): Record<string, string> {
  const text = execFileSync('pdfinfo', [path], { encoding: 'utf8' });
  const info: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^([^:]+):\s*(.*)$/.exec(line);
    if (m) info[m[1]!.trim()] = m[2]!.trim();
  }
  return info;
}

/** The PDF's tag structure (pdfinfo -struct). */
export function pdfStructure(path: string): string {
  return execFileSync('pdfinfo', ['-struct', path], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

/** Collapse whitespace so text that wrapped across lines can be searched. */
export const flat = (text: string) => text.replace(/\s+/g, ' ');

/** The PDF's bookmarks (outline), read back with pdf.js, one line per entry, indented by depth. */
export async function pdfOutline(pdf: string): Promise<string[]> {
  const lib = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await lib.getDocument({ data: new Uint8Array(readFileSync(pdf)), verbosity: 0 }).promise;
  const titles: string[] = [];
  const walk = (items: Array<{ title: string; items: unknown[] }>, depth: number) => {
    for (const item of items) {
      titles.push(`${'  '.repeat(depth)}${item.title}`);
      walk(item.items as typeof items, depth + 1);
    }
  };
  walk(((await doc.getOutline()) ?? []) as Array<{ title: string; items: unknown[] }>, 0);
  await doc.destroy();
  return titles;
}
