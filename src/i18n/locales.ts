/**
 * Label packs for the 24 official EU languages (locales/*.json), loaded once
 * per process. A pack gives every generated label and the heading words a
 * Markdown author may use in that language.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { packagePath } from '../package-root.js';

export type PartName =
  | 'summary'
  | 'highlights'
  | 'participation'
  | 'practices'
  | 'nextSteps'
  | 'upcoming'
  | 'resources'
  | 'contacts';

export const PART_NAMES: readonly PartName[] = [
  'summary',
  'highlights',
  'participation',
  'practices',
  'nextSteps',
  'upcoming',
  'resources',
  'contacts',
];

/** The key lines a Markdown author may write (`Country: Italy`), by their canonical name. */
export type KeyName = 'project' | 'title' | 'presenter' | 'role' | 'organisation' | 'region' | 'country' | 'link' | 'figures' | 'speakers';

export const KEY_NAMES: readonly KeyName[] = ['project', 'title', 'presenter', 'role', 'organisation', 'region', 'country', 'link', 'figures', 'speakers'];

export interface LabelPack {
  /** The primary language subtag the pack is for, e.g. `fr`. */
  code: string;
  language: string;
  labels: Record<string, string>;
  headings: Record<PartName, string[]>;
  /** For each key line, the lower-case words written before its colon in this language (empty lists when the pack has none). */
  keys: Record<KeyName, string[]>;
}

let packs: Map<string, LabelPack> | undefined;

export function labelPacks(): Map<string, LabelPack> {
  if (packs) return packs;
  packs = new Map();
  const dir = packagePath('locales');
  for (const name of readdirSync(dir).sort()) {
    if (!name.endsWith('.json')) continue;
    const code = name.slice(0, -5);
    const raw = JSON.parse(readFileSync(`${dir}/${name}`, 'utf8')) as Omit<LabelPack, 'code' | 'keys'> & { keys?: Partial<Record<string, unknown>> };
    packs.set(code, { code, ...raw, keys: keysOf(raw.keys) });
  }
  return packs;
}

/** The pack for a BCP 47 tag (`pt-BR` uses `pt`), falling back to English. */
export function labelPack(language: string | undefined): LabelPack {
  const all = labelPacks();
  const primary = (language ?? 'en').toLowerCase().split('-')[0]!;
  return all.get(primary) ?? all.get('en')!;
}

/** A pack's `keys`, every name present (a missing one is an empty list), words in lower case. */
export function keysOf(written: Partial<Record<string, unknown>> | undefined): Record<KeyName, string[]> {
  const keys = {} as Record<KeyName, string[]>;
  for (const name of KEY_NAMES) {
    const words = written && Object.hasOwn(written, name) ? written[name] : undefined;
    keys[name] = Array.isArray(words) ? words.filter((w): w is string => typeof w === 'string').map((w) => w.toLowerCase()) : [];
  }
  return keys;
}
