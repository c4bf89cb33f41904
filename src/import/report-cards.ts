/**
 * The cards a printed report draws from its notes (this tool's templates and those like them): under a theme,
 * its speakers (`Name Role, Organisation`); under a practice, `Presented by:`, the place and the key figures,
 * all in a size below the body's. They are turned back into the key lines the notes reader takes (`Speakers:`,
 * `Presenter:`, `Country:`, `Figures:`), or left out when the text below already says them in bold.
 */
import { blockText, plainOf, type TextBlock } from './blocks.js';
import { labelLine } from './card-labels.js';

const small = (block: TextBlock | undefined, body: number | undefined) =>
  !!block && !block.bullet && block.size !== undefined && body !== undefined && block.size < body - 0.4 && block.page !== undefined;
const big = (block: TextBlock | undefined, body: number | undefined) => !!block && block.size !== undefined && body !== undefined && block.size > body * 1.2;

/** Bold names of the body text that follows the card: the reader takes speakers and presenters from them. */
function boldNamesAfter(blocks: readonly TextBlock[], from: number): Set<string> {
  const names = new Set<string>();
  const text = blocks[from] ? blockText(blocks[from]!) : '';
  for (const m of text.matchAll(/\*\*([^*]+?)\*\*/gu)) names.add(m[1]!.replace(/['’]s$/u, '').trim());
  return names;
}

export interface Card {
  /** Key lines for the notes (without the blank line between). */
  lines: string[];
  /** The index after the card. */
  next: number;
}

/** Speaker cards under a theme heading at `start`: `**Name** Role, Organisation`. */
export function themeCard(blocks: readonly TextBlock[], start: number, body: number | undefined): Card {
  let i = start;
  const speakers: string[] = [];
  while (small(blocks[i], body) && /^\*\*[^*]+\*\*/u.test(blockText(blocks[i]!))) {
    const m = /^\*\*([^*]+)\*\*\s*(.*)$/u.exec(blockText(blocks[i]!))!;
    speakers.push(m[2] ? `${m[1]!.trim()} (${plainOf(m[2])})` : m[1]!.trim());
    i++;
  }
  // The brief template writes them in one line of body text: `**Name**, Role · **Name**`, or a name alone.
  const line = !speakers.length && blocks[start] && !blocks[start]!.bullet ? blockText(blocks[start]!) : '';
  if (line && /^\*\*[^*]+\*\*(?:,[^·*]+)?(?:\s·\s\*\*[^*]+\*\*(?:,[^·*]+)?)*$/u.test(line)) {
    for (const one of line.split(/\s·\s/u)) {
      const m = /^\*\*([^*]+)\*\*(?:,\s*(.+))?$/u.exec(one.trim())!;
      speakers.push(m[2] ? `${m[1]!.trim()} (${plainOf(m[2])})` : m[1]!.trim());
    }
    i = start + 1;
  }
  if (!speakers.length) return { lines: [], next: start };
  const bold = boldNamesAfter(blocks, i);
  const said = speakers.every((s) => bold.has(s.replace(/\s*\(.*$/u, '')));
  return { lines: said ? [] : [`Speakers: ${speakers.join('; ')}`], next: i };
}

/** A practice's card under its heading at `start`: presenter, place, figures. */
export function practiceCard(blocks: readonly TextBlock[], start: number, body: number | undefined, language?: string): Card {
  const PRESENTED_BY = labelLine('presentedBy', language);
  let i = start;
  const lines: string[] = [];
  const figures: string[] = [];
  let end = i;
  while (small(blocks[end], body) || big(blocks[end], body)) end++;
  if (end === start && body !== undefined) return briefPracticeCard(blocks, start, body, PRESENTED_BY);
  const bold = boldNamesAfter(blocks, end);
  let placeSeen = false;
  for (; i < end; i++) {
    const text = plainOf(blockText(blocks[i]!));
    const presented = /^([^,]+)(?:,\s*(.+))?$/u.exec(PRESENTED_BY.exec(text)?.[1] ?? '');
    if (PRESENTED_BY.test(text) && presented) {
      if (presented[1] && !bold.has(presented[1].trim())) {
        lines.push(`Presenter: ${presented[1]!.trim()}`);
        if (presented[2]) lines.push(`Organisation: ${presented[2].trim()}`);
      }
      continue;
    }
    if (big(blocks[i], body)) {
      const label = small(blocks[i + 1], body) && i + 1 < end ? plainOf(blockText(blocks[++i]!)) : '';
      figures.push(label ? `${text} ${label}` : text);
      continue;
    }
    if (!placeSeen && figures.length === 0) {
      placeSeen = true;
      const [region, country] = text.includes(', ') ? text.split(/,\s*(?=[^,]+$)/u) : [undefined, text];
      if (region) lines.push(`Region: ${region}`);
      if (country) lines.push(`Country: ${country}`);
      continue;
    }
    figures.push(text);
  }
  if (figures.length) lines.push('Figures:', ...figures.map((f) => `- ${f}`));
  return { lines, next: end };
}

/**
 * The brief template's practice card, in body text: a line `Presented by: Name, Organisation · Region, Country`
 * (or the place alone), then the key figures as one list on a line, `12-week training · **61** servants trained`.
 */
function briefPracticeCard(blocks: readonly TextBlock[], start: number, body: number | undefined, presentedBy: RegExp): Card {
  const lines: string[] = [];
  let i = start;
  const first = blocks[i];
  const text = first && !first.bullet && first.size === body ? plainOf(blockText(first)) : '';
  const presented = presentedBy.exec(text);
  let presenter: { name: string; organisation?: string } | undefined;
  let place: string | undefined;
  if (presented) {
    const [who, where] = presented[1]!.split(/\s+·\s+/u) as [string, string | undefined];
    const m = /^([^,]+)(?:,\s*(.+))?$/u.exec(who.trim())!;
    presenter = { name: m[1]!.trim(), ...(m[2] ? { organisation: m[2].trim() } : {}) };
    place = where;
    i++;
  } else if (text && text.length <= 60 && first!.lines.length <= 2 && !/[.!?:;]$/u.test(text) && /^[\p{Lu}][\p{L}\s.'’-]*(?:,\s*[\p{Lu}][\p{L}\s.'’-]*)?$/u.test(text)) {
    // The place alone: `Ireland`, `Veneto, Italy` (a short sentence is the practice's text).
    place = text;
    i++;
  }
  // The figures: list items on one line; a wrapped figure's end may come as a block of its own.
  const figures: string[] = [];
  while (blocks[i]?.bullet && blocks[i]!.size === body) {
    const parts = plainOf(blockText(blocks[i]!)).split(/\s+·\s+/u).map((p) => p.replace(/^[\s·]+|[\s·]+$/gu, '')).filter(Boolean);
    if (figures.length && /^\p{Ll}/u.test(parts[0]!)) figures[figures.length - 1] += ` ${parts.shift()}`;
    figures.push(...parts);
    i++;
  }
  if (presenter && !boldNamesAfter(blocks, i).has(presenter.name)) {
    lines.push(`Presenter: ${presenter.name}`);
    if (presenter.organisation) lines.push(`Organisation: ${presenter.organisation}`);
  }
  if (place) {
    const [region, country] = place.includes(', ') ? place.split(/,\s*(?=[^,]+$)/u) : [undefined, place];
    if (region) lines.push(`Region: ${region.trim()}`);
    if (country) lines.push(`Country: ${country.trim()}`);
  }
  if (figures.length) lines.push('Figures:', ...figures.map((f) => `- ${f.trim()}`));
  return { lines, next: i };
}
