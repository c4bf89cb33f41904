/** Contents entries as printed on a page: `1. Highlights ..... 3`. */
export interface ContentsEntry {
  number: string;
  title: string;
  page: number;
}

export function contentsEntries(pageText: string): ContentsEntry[] {
  const start = pageText.indexOf('Contents');
  const lines = pageText.slice(start).split('\n');
  const entries: ContentsEntry[] = [];
  for (const line of lines) {
    const m = /^\s*(\d+)\.\s+(.+?)\s{2,}(\d+)\s*$/.exec(line);
    if (m) entries.push({ number: m[1]!, title: m[2]!.trim(), page: Number(m[3]) });
  }
  return entries;
}

/** The 1-based page whose text starts a line with the numbered heading (skipping the contents page itself). */
export function headingPage(pages: string[], entry: ContentsEntry): number | undefined {
  const heading = new RegExp(`^\\s*${entry.number}\\.\\s+${escape(entry.title.slice(0, 30))}`, 'm');
  for (let i = 0; i < pages.length; i++) {
    if (pages[i]!.includes('Contents') && contentsEntries(pages[i]!).length) continue;
    if (heading.test(pages[i]!)) return i + 1;
  }
  return undefined;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
