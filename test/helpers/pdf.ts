import { execFileSync } from 'node:child_process';

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
