/** People, contacts and links written as one line of text. */
import { isAddress, withScheme } from './addresses.js';

/** The first e-mail address among the words of a line (found word by word: linear in the line's length). */
function findEmail(text: string): string | undefined {
  return text.split(/[\s<>()\[\],;]+/).find((word) => /^[^@]+@[^@.]+(\.[^@.]+)+$/.test(word.replace(/^mailto:/i, '')));
}

/** `Name <a@b.eu>`, `Name, a@b.eu`, `Name (a@b.eu)`, `a@b.eu`, or a name alone. */
export function readContact(text: string): { name: string; email?: string } | undefined {
  const trimmed = text.trim();
  // A contact line is short; longer text is left for the schema to report.
  if (!trimmed || trimmed.length > 500) return undefined;
  const found = findEmail(trimmed);
  if (!found) return { name: trimmed };
  const email = found.replace(/^mailto:/i, '');
  const name = trimmed
    .replace(found, '')
    .replace(/mailto:/i, '')
    .replace(/[<>()\[\]]/g, '')
    .replace(/[\s,;:–—-]+$/, '')
    .replace(/^[\s,;:–—-]+/, '')
    .trim();
  return { name: name || email, email };
}

/** `Title https://x`, `Title: https://x`, `Title – https://x`, `[Title](https://x)`, a bare address (its own title). */
export function readLink(text: string): { title: string; url: string } | undefined {
  const trimmed = text.trim();
  if (trimmed.length > 4000) return undefined;
  const markdown = /^\[([^\]]+)\]\(([^)\s]+)\)$/.exec(trimmed);
  if (markdown) return { title: markdown[1]!.trim(), url: withScheme(markdown[2]) ?? markdown[2]! };
  const words = trimmed.split(/\s+/);
  const last = words[words.length - 1]!.replace(/^[<(]|[>)]$/g, '');
  if (!isAddress(last)) return undefined;
  const url = withScheme(last) ?? last;
  const title = words.slice(0, -1).join(' ').replace(/[\s:–—-]+$/, '').trim();
  return { title: title || last, url };
}

/**
 * `A; B; C` as its items, or undefined when the text has no `;` (or only
 * empty pieces). Commas are left alone: `Ministry of Economy, Lithuania` is one name.
 */
export function splitSemicolons(text: string): string[] | undefined {
  if (!text.includes(';') || text.length > 2000) return undefined;
  const parts = text.split(';').map((p) => p.trim()).filter(Boolean);
  return parts.length > 1 ? parts : undefined;
}

/**
 * The words for an organiser's role that may follow its name in brackets,
 * by language, each with the role it is written as. Only these are read as
 * a role: `European Commission (DG REGIO)` keeps its brackets in the name.
 */
const ROLE_WORDS: Record<string, Record<string, string>> = {
  en: { host: 'host', 'co-host': 'co-host', organiser: 'organiser', organizer: 'organiser', 'co-organiser': 'co-organiser', 'co-organizer': 'co-organiser', coorganiser: 'co-organiser', partner: 'partner', 'lead partner': 'lead partner', sponsor: 'sponsor' },
  de: { gastgeber: 'Gastgeber', gastgeberin: 'Gastgeberin', veranstalter: 'Veranstalter', mitveranstalter: 'Mitveranstalter', partner: 'Partner' },
  fr: { hôte: 'hôte', organisateur: 'organisateur', 'co-organisateur': 'co-organisateur', partenaire: 'partenaire' },
  it: { ospite: 'ospite', organizzatore: 'organizzatore', 'co-organizzatore': 'co-organizzatore', partner: 'partner' },
  es: { anfitrión: 'anfitrión', organizador: 'organizador', coorganizador: 'coorganizador', socio: 'socio' },
  pt: { anfitrião: 'anfitrião', organizador: 'organizador', coorganizador: 'coorganizador', parceiro: 'parceiro' },
  nl: { gastheer: 'gastheer', organisator: 'organisator', 'co-organisator': 'co-organisator', partner: 'partner' },
  pl: { gospodarz: 'gospodarz', organizator: 'organizator', współorganizator: 'współorganizator', partner: 'partner' },
};

/** `Name (host)` as `{ name, role }` where the bracket holds a role word in English or the notes' language; else `{ name }`. */
export function readOrganiser(text: string, language?: string): { name: string; role?: string } {
  const trimmed = text.trim();
  const bracket = /^(.*\S)\s*\(([^()]{1,40})\)$/.exec(trimmed);
  if (bracket) {
    const word = bracket[2]!.trim().toLowerCase();
    const primary = language?.toLowerCase().split(/[-_]/)[0];
    for (const code of ['en', ...(primary && primary !== 'en' ? [primary] : [])]) {
      const words = ROLE_WORDS[code];
      if (words && Object.hasOwn(words, word)) return { name: bracket[1]!, role: words[word]! };
    }
  }
  return { name: trimmed };
}
