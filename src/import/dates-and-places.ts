/** The facts a report's first page and closing line are written in: a date, a place, an address. */

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH_WORD = '(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\\.?';

const DAY_MONTH_YEAR = new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+${MONTH_WORD}\\s+(\\d{4})\\b`, 'iu');
const MONTH_DAY_YEAR = new RegExp(`\\b${MONTH_WORD}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b`, 'iu');
const ISO = /\b(\d{4})-(\d{2})-(\d{2})\b/u;

const monthNumber = (word: string) => MONTHS.findIndex((m) => m.startsWith(word.toLowerCase().replace(/\.$/u, '').slice(0, 3))) + 1;
const iso = (y: string, m: number, d: string) => `${y}-${String(m).padStart(2, '0')}-${d.padStart(2, '0')}`;

/** An English date in the text (`5 June 2024`, `June 5, 2024`, `2024-06-05`) as ISO, with the words it was written as. */
export function findDate(text: string): { iso: string; written: string } | undefined {
  let m = ISO.exec(text);
  if (m) return { iso: m[0], written: m[0] };
  m = DAY_MONTH_YEAR.exec(text);
  if (m) return { iso: iso(m[3]!, monthNumber(m[2]!), m[1]!), written: m[0] };
  m = MONTH_DAY_YEAR.exec(text);
  if (m) return { iso: iso(m[3]!, monthNumber(m[1]!), m[2]!), written: m[0] };
  return undefined;
}

/** `<https://…>`, `https://…` or `www.…` alone on a line: the address with its scheme. */
export function lineAddress(text: string): string | undefined {
  const t = text.trim().replace(/^<(.*)>$/u, '$1').replace(/^\[(.*)\]\((.*)\)$/u, '$2');
  if (/^https?:\/\/\S+$/iu.test(t)) return t;
  if (/^www\.[^\s/]+\.[a-z]{2,}\S*$/iu.test(t)) return `https://${t}`;
  return undefined;
}

/** `Vilnius, Lithuania`: a city and a country, words only. */
export function linePlace(text: string): { city: string; country: string } | undefined {
  const m = /^([\p{L}][\p{L}\s.'’-]{0,40}),\s*([\p{L}][\p{L}\s.'’-]{1,40})$/u.exec(text.trim());
  return m ? { city: m[1]!.trim(), country: m[2]!.trim() } : undefined;
}
