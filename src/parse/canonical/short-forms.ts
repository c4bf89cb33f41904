/** People, contacts and links written as one line of text. */
import { isAddress, withScheme } from './addresses.js';

/**
 * A telephone number in a contact line (`+352 20 600 280`, `0044 20 7946 0958`, `(030) 1234-567`), with the word
 * before it (`Tel.:`, `Phone`, `T:`): the number as written and the text without both; undefined when there is none.
 * A number starts with `+`, `0` or `(` and has 7 to 15 digits, so that a year or a postcode is not one.
 */
export function takePhone(text: string): { phone: string; rest: string } | undefined {
  const match = /(?:\b(?:tel|tél|phone|telephone|telefon|telefono|teléfono|mobile|mob|gsm|t)\.?\s*:?\s*)?((?:\+|00|\(|0)[\d\s().\/-]{5,22}\d)/iu.exec(text);
  if (!match) return undefined;
  const digits = match[1]!.replace(/\D/g, '').length;
  if (digits < 7 || digits > 15) return undefined;
  const written = match[1]!.trim();
  // `(0044 20 7946 0958)`: the bracket around the number is not part of it.
  const phone = written.startsWith('(') && !written.includes(')') ? written.slice(1) : written;
  return { phone, rest: (text.slice(0, match.index) + text.slice(match.index + match[0].length)).replace(/\s+/g, ' ').trim() };
}

/** Anything that looks like an e-mail address (checked properly by the valid-email rule). */
const EMAIL = /<?(?:mailto:)?([^\s<>()[\],;]+@[^\s<>()[\],;]*?)>?(?=$|[\s,;)])/i;

/** Whether a text holds an e-mail address, as `readContact` finds one. */
export const holdsEmail = (text: string): boolean => EMAIL.test(text);
/** A contact line is short; longer text is left for the schema to report. */
const MAX_CONTACT = 500;

/**
 * The one reader of a contact written as a line, in YAML and in Markdown: `Name <a@b.eu>`, `Name, a@b.eu`,
 * `Name (a@b.eu)`, `[Name](mailto:a@b.eu)`, `a@b.eu`, or a name alone; a telephone number beside them; and a role
 * after the name (`Mart Kask – Thematic expert, m@x.eu`). A line break inside (soft, or hard: a trailing `\` or two
 * spaces, as Word exports write) is a space. Undefined for an empty or overlong text.
 */
export function readContact(text: string): { name: string; email?: string; phone?: string; role?: string } | undefined {
  // A business card's lines: the name (in bold or not), its role on the lines below, the address on a line of its own.
  const lines = text.split(/(?:\\|[ \t]*)\r?\n/).map((l) => l.trim()).filter(Boolean);
  if (lines.length >= 3 && lines.length <= 6 && text.length <= MAX_CONTACT) {
    const card = businessCard(lines);
    if (card) return card;
  }
  const flat = text.replace(/(?:\\|[ \t]*)\r?\n\s*/g, ' ').trim();
  if (!flat || flat.length > MAX_CONTACT) return undefined;
  const linked = /\[([^\]]*)\]\(mailto:([^)]+)\)/i.exec(flat);
  const found = linked ? undefined : EMAIL.exec(flat);
  if (!linked && !found) return { name: flat };
  const email = (linked ? linked[2]! : found![1]!).replace(/\.$/, '');
  const rest = linked ? flat.replace(linked[0], linked[1]!.includes('@') ? '' : linked[1]!) : flat.replace(found![0], '');
  const phone = takePhone(rest);
  const name = (phone?.rest ?? rest)
    .replace(/[<>()\[\]]/g, '')
    .replace(/(?:\s*[,;:–—|-])+\s*$/, '')
    .replace(/^[\s,;:–—|-]+/, '')
    .replace(/\s*,(?:\s*,)+/g, ',')
    .trim();
  const person = nameAndRole(name || email);
  // `Please contact Erik Lund (erik.lund@…) for more information.`: in a sentence, the name is the words in
  // capitals just before the address.
  const inSentence = !linked && person.role === undefined && person.name.split(/\s+/).length > 5 ? /((?:\p{Lu}[\p{L}\p{M}'’.-]*\s+){0,3}\p{Lu}[\p{L}\p{M}'’.-]*)\s*[(<]?\s*$/u.exec(flat.slice(0, found!.index)) : null;
  if (inSentence && inSentence[1]!.split(/\s+/).length >= 2) return { name: inSentence[1]!.trim(), email, ...(phone ? { phone: phone.phone } : {}) };
  return { ...person, email, ...(phone ? { phone: phone.phone } : {}) };
}

/**
 * `**Simon Hunkin**` / `Thematic Expert – Environment` / `s.hunkin@policylearning.eu` (and a telephone line): the first
 * line the name (its bold marks left out), the lines with no address or number its role; undefined unless the
 * address and the number stand on lines of their own after the name.
 */
function businessCard(lines: readonly string[]): { name: string; email?: string; phone?: string; role?: string } | undefined {
  const name = lines[0]!.replace(/^(\*\*|__)(.+)\1$/u, '$2').trim();
  if (!name || EMAIL.test(name) || takePhone(name) || name.split(/\s+/).length > 6) return undefined;
  let email: string | undefined;
  let phone: string | undefined;
  const role: string[] = [];
  for (const line of lines.slice(1)) {
    const address = /^<?(?:mailto:)?([^\s<>()[\],;]+@[^\s<>()[\],;]+?)>?\.?$/i.exec(line) ?? /^\[[^\]]*\]\(mailto:([^)]+)\)$/i.exec(line);
    const number = address ? undefined : takePhone(line);
    if (address && !email) email = address[1]!;
    else if (number && !number.rest.replace(/[\s,;:–—|-]+/g, '') && !phone) phone = number.phone;
    else if (!address && !number && !EMAIL.test(line)) role.push(line);
    else return undefined;
  }
  if (!email) return undefined;
  return { name, ...(role.length ? { role: role.join(', ') } : {}), email, ...(phone ? { phone } : {}) };
}

/**
 * `Mart Kask – Thematic expert, Environment` or `Lucia Rossi, Communication officer`: the name, and what follows
 * it as the role. A name is a few words; anything else stays the name as written.
 */
function nameAndRole(written: string): { name: string; role?: string } {
  const pieces = written.split(/\s+[–—|]\s+|\s+-{1,3}\s+/);
  const [name, ...rest] = pieces.length > 1 ? pieces : written.split(/\s*,\s*/);
  if (!rest.length || !name || name.split(/\s+/).length > 5 || /\d/.test(name)) return { name: written };
  return { name: name.trim(), role: rest.join(', ').trim() };
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
 * `A, with B` (`, con B`, `, avec B`, `, mit B`…): the organisers a line names after "with" in English or the notes'
 * language, each a name of its own (a leading article left out). Only after a comma (`with` inside a name stays), and
 * not before support or funding (`, with the support of the Commission` is no organiser).
 */
const WITH_WORDS: Record<string, RegExp> = {
  en: /,\s+(?:together with|in (?:cooperation|collaboration|partnership) with|with)\s+(?!(?:the\s+)?(?:kind\s+)?(?:support|funding|help|assistance|contribution)\b)(?:the\s+)?/iu,
  es: /,\s+(?:en colaboración con|junto con|con)\s+(?!(?:el\s+|la\s+)?(?:apoyo|ayuda|financiación|colaboración|participación)\b)(?:(?:la|el|los|las)\s+)?/iu,
  fr: /,\s+(?:en collaboration avec|en partenariat avec|avec)\s+(?!(?:le\s+|la\s+|l['’])?(?:soutien|appui|aide|financement|participation)\b)(?:(?:le|la|les)\s+|l['’])?/iu,
  it: /,\s+(?:in collaborazione con|insieme a|con)\s+(?!(?:il\s+|la\s+|l['’])?(?:supporto|sostegno|aiuto|contributo|finanziamento|partecipazione)\b)(?:(?:il|lo|la|i|gli|le)\s+|l['’])?/iu,
  de: /,\s+(?:in Zusammenarbeit mit|gemeinsam mit|mit)\s+(?!(?:der\s+|freundlicher\s+)?(?:Unterstützung|Förderung|Hilfe|Beteiligung)\b)(?:(?:der|die|das|dem|den)\s+)?/iu,
  pt: /,\s+(?:em colaboração com|em parceria com|com)\s+(?!(?:o\s+|a\s+)?(?:apoio|ajuda|financiamento|participação)\b)(?:(?:o|a|os|as)\s+)?/iu,
  nl: /,\s+(?:in samenwerking met|samen met|met)\s+(?!(?:de\s+)?(?:steun|hulp|financiering|medewerking)\b)(?:(?:de|het)\s+)?/iu,
  pl: /,\s+(?:we współpracy z|wspólnie z|z)\s+(?!(?:udziałem|pomocą|wsparciem)\b)/iu,
};

/** Organisers written on one line: at `;`, and at `, with` (see WITH_WORDS); undefined for one organiser. */
export function splitOrganisers(text: string, language?: string): string[] | undefined {
  if (text.length > 2000) return undefined;
  const primary = language?.toLowerCase().split(/[-_]/)[0];
  const patterns = ['en', ...(primary && primary !== 'en' && Object.hasOwn(WITH_WORDS, primary) ? [primary] : [])].map((code) => WITH_WORDS[code]!);
  const parts: string[] = [];
  for (const piece of splitSemicolons(text) ?? [text.trim()]) {
    let rest = piece;
    for (;;) {
      const found = patterns.map((p) => p.exec(rest)).filter((m): m is RegExpExecArray => !!m).sort((a, b) => a.index - b.index)[0];
      if (!found || found.index === 0 || !rest.slice(found.index + found[0].length).trim()) break;
      parts.push(rest.slice(0, found.index).trim());
      rest = rest.slice(found.index + found[0].length).trim();
    }
    if (rest) parts.push(...commaOrganisers(rest, language));
  }
  return parts.length > 1 ? parts : undefined;
}

/**
 * `Interreg Europe Policy Learning Platform, Municipality of Prato (host)`: organisers between commas, when the
 * last names its role in brackets and every piece is a name of two words or more (`Ministry of Economy, Lithuania`
 * stays one name, and so does any list without a role).
 */
function commaOrganisers(text: string, language: string | undefined): string[] {
  const pieces = text.split(/\s*,\s*/);
  if (pieces.length < 2 || readOrganiser(pieces[pieces.length - 1]!, language).role === undefined) return [text];
  const names = pieces.map((piece) => readOrganiser(piece, language).name);
  return names.every((name) => name.split(/\s+/).length >= 2 && /^\p{Lu}/u.test(name)) ? pieces : [text];
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
  sv: { värd: 'värd', arrangör: 'arrangör', medarrangör: 'medarrangör', partner: 'partner' },
  da: { vært: 'vært', arrangør: 'arrangør', medarrangør: 'medarrangør', partner: 'partner' },
  fi: { isäntä: 'isäntä', järjestäjä: 'järjestäjä', kumppani: 'kumppani' },
  cs: { hostitel: 'hostitel', pořadatel: 'pořadatel', spolupořadatel: 'spolupořadatel', partner: 'partner' },
  sk: { hostiteľ: 'hostiteľ', organizátor: 'organizátor', spoluorganizátor: 'spoluorganizátor', partner: 'partner' },
  sl: { gostitelj: 'gostitelj', organizator: 'organizator', soorganizator: 'soorganizator', partner: 'partner' },
  hr: { domaćin: 'domaćin', organizator: 'organizator', suorganizator: 'suorganizator', partner: 'partner' },
  hu: { házigazda: 'házigazda', szervező: 'szervező', társszervező: 'társszervező', partner: 'partner' },
  ro: { gazdă: 'gazdă', organizator: 'organizator', coorganizator: 'coorganizator', partener: 'partener' },
  bg: { домакин: 'домакин', организатор: 'организатор', съорганизатор: 'съорганизатор', партньор: 'партньор' },
  el: { οικοδεσπότης: 'οικοδεσπότης', διοργανωτής: 'διοργανωτής', συνδιοργανωτής: 'συνδιοργανωτής', εταίρος: 'εταίρος' },
  lt: { šeimininkas: 'šeimininkas', organizatorius: 'organizatorius', partneris: 'partneris' },
  lv: { saimnieks: 'saimnieks', organizators: 'organizators', partneris: 'partneris' },
  et: { võõrustaja: 'võõrustaja', korraldaja: 'korraldaja', kaaskorraldaja: 'kaaskorraldaja', partner: 'partner' },
  ga: { óstach: 'óstach', eagraí: 'eagraí', comhpháirtí: 'comhpháirtí' },
  mt: { ospitant: 'ospitant', organizzatur: 'organizzatur', sieħeb: 'sieħeb' },
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
