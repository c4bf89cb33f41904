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

export interface LabelPack {
  /** The primary language subtag the pack is for, e.g. `fr`. */
  code: string;
  language: string;
  labels: Record<string, string>;
  headings: Record<PartName, string[]>;
}

let packs: Map<string, LabelPack> | undefined;

export function labelPacks(): Map<string, LabelPack> {
  if (packs) return packs;
  packs = new Map();
  const dir = packagePath('locales');
  for (const name of readdirSync(dir).sort()) {
    if (!name.endsWith('.json')) continue;
    const code = name.slice(0, -5);
    const raw = JSON.parse(readFileSync(`${dir}/${name}`, 'utf8')) as Omit<LabelPack, 'code'>;
    packs.set(code, { code, ...raw });
  }
  return packs;
}

/** The pack for a BCP 47 tag (`pt-BR` uses `pt`), falling back to English. */
export function labelPack(language: string | undefined): LabelPack {
  const all = labelPacks();
  const primary = (language ?? 'en').toLowerCase().split('-')[0]!;
  return all.get(primary) ?? all.get('en')!;
}
