/** A place written as text: `City, Country`, `Online`, `Hybrid`, `Online / Vilnius`, `Venue, City, Country`. */
import { foldText } from './dates.js';

export interface PlaceReading {
  city?: string;
  country?: string;
  venue?: string;
  online?: boolean;
  hybrid?: boolean;
}

const ONLINE = new Set(['online', 'on-line', 'virtual', 'remote', 'webinar', 'en ligne', 'en linea', 'in linea', 'online event', 'digital']);
const HYBRID = new Set(['hybrid', 'hybride', 'hibrido', 'ibrido', 'hibrid', 'hybrydowy', 'hybrid event']);

export function readPlace(text: string): PlaceReading | undefined {
  const trimmed = text.trim();
  if (!trimmed || trimmed.length > 200) return undefined;
  const out: PlaceReading = {};
  // Mode words stand alone, after a slash, a dash, a plus or in brackets: `Vilnius (hybrid)`, `Online / Vilnius`.
  const pieces = trimmed.split(/\s*(?:\/|\+|\||\s[–—-]\s|\(|\)|&)\s*/).map((p) => p.trim()).filter(Boolean);
  const rest: string[] = [];
  for (const piece of pieces) {
    const word = foldText(piece).replace(/[.!]$/, '');
    if (HYBRID.has(word)) out.hybrid = out.online = true;
    else if (ONLINE.has(word)) {
      out.online = true;
      if (rest.length) out.hybrid = true;
    } else {
      if (out.online) out.hybrid = true;
      rest.push(piece);
    }
  }
  if (rest.length > 1) return undefined;
  if (rest.length === 1) {
    const parts = rest[0]!.split(/\s*,\s*/).filter(Boolean);
    if (parts.length === 1) out.city = parts[0];
    else if (parts.length === 2) [out.city, out.country] = parts as [string, string];
    else {
      out.country = parts.pop();
      out.city = parts.pop();
      out.venue = parts.join(', ');
    }
  }
  if (out.hybrid && out.online === undefined) out.online = true;
  // In the schema's order, as `report fix` writes it.
  const ordered: PlaceReading = {};
  for (const key of ['venue', 'city', 'country', 'online', 'hybrid'] as const) if (out[key] !== undefined) (ordered as Record<string, unknown>)[key] = out[key];
  return ordered;
}
