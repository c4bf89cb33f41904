/**
 * An upcoming activity written as one line, in a Markdown list or as a YAML string: its kind, date and address
 * read from where people put them, the rest its title as written.
 */
import { isAddress, withScheme } from './addresses.js';
import { readDay } from './dates.js';
import { readLink } from './short-forms.js';

export interface ActivityLine {
  title: string;
  kind?: string;
  date?: string;
  url?: string;
}

/**
 * `Thematic workshop: University-industry collaboration` -> kind and title; `2024-10-10 – …` -> date; pieces
 * joined by dashes or bars (`Webinar on textile waste – 15 May 2025 – https://…`) -> a date in words and an
 * address among them; the rest is the title, as written.
 */
export function readActivityLine(value: string, language?: string): ActivityLine {
  const item: { title?: string; kind?: string; date?: string; url?: string } = {};
  let rest = value;
  const date = /^(\d{4}-\d{2}-\d{2})\s*(?:[–—:-]\s*)?(.*)$/.exec(rest);
  if (date) {
    item.date = date[1];
    rest = date[2]!;
  }
  // Pieces and the separators between them (kept as written for what stays the title).
  // (`--` and `---`: an en and an em dash as pandoc writes them)
  const parts = rest.split(/(\s+(?:[–—|]|-{1,3})\s+)/);
  if (parts.length > 1) {
    const kept: string[] = [];
    for (let i = 0; i < parts.length; i += 2) {
      const piece = parts[i]!.trim();
      const url = !item.url && !piece.startsWith('[') && isAddress(piece) ? (withScheme(piece) ?? piece) : undefined;
      const reading = url || item.date ? undefined : readDay(piece, language);
      if (url) item.url = url;
      else if (reading && 'ok' in reading) item.date = reading.ok.date;
      else kept.push(...(kept.length ? [parts[i - 1]!] : []), parts[i]!);
    }
    if (kept.length) rest = kept.join('').trim();
  }
  const trailing = item.url ? undefined : readLink(rest);
  if (trailing && trailing.title !== trailing.url && !rest.startsWith('[')) {
    item.url = trailing.url;
    rest = trailing.title;
  }
  const link = /^\[([^\]]+)\]\(<?([^)\s>]+)>?\)$/.exec(rest);
  const kind = /^([^:[\]()]{2,40}):\s+(.+)$/.exec(rest);
  if (kind) {
    // `12 March 2025: Online workshop …`, `10 de junio de 2025: …`: a date before the colon is the activity's
    // date, not its kind (however many words the language writes it in); a kind is a few words.
    const reading = item.date ? undefined : readDay(kind[1]!.trim(), language);
    if (reading && 'ok' in reading) {
      item.date = reading.ok.date;
      rest = kind[2]!.trim();
    } else if (kind[1]!.trim().split(/\s+/).length <= 4 && !/(?<!\d)(?:19|20)\d\d(?!\d)/.test(kind[1]!)) {
      // (`June 2025: Policy brief …` is a time, not a kind: the line stays the title as written)
      item.kind = kind[1]!.trim();
      rest = kind[2]!.trim();
    }
  }
  // `Webinar on circular tourism, 3 October 2025` or `… (3 October 2025)`: a date closing the line.
  const closing = item.date ? undefined : (/^(.+),\s*([^,()]{4,40})$/.exec(rest) ?? /^(.+?)\s+\(([^,()]{4,40})\)$/.exec(rest));
  if (closing) {
    const reading = readDay(closing[2]!.trim(), language);
    if (reading && 'ok' in reading) {
      item.date = reading.ok.date;
      rest = closing[1]!.trim();
    }
  }
  const innerLink = /^\[([^\]]+)\]\(<?([^)\s>]+)>?\)$/.exec(rest) ?? link;
  if (innerLink) {
    item.title = innerLink[1];
    item.url = innerLink[2];
  } else item.title = rest;
  return { title: item.title!, ...(item.kind ? { kind: item.kind } : {}), ...(item.date ? { date: item.date } : {}), ...(item.url ? { url: item.url } : {}) };
}
