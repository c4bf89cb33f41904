/** The labels a printed report sets before its values (`Organised by:`, `Presented by:`), in English and the report's language. */
import { labelPack } from '../i18n/locales.js';

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');

/** `^(Organised by|Organisé par)\s*:\s*(.+)$` for a label of the label packs, case-insensitive. */
export function labelLine(label: 'organisedBy' | 'presentedBy', language: string | undefined, extra: readonly string[] = []): RegExp {
  const words = new Set<string>(extra);
  for (const pack of [labelPack('en'), labelPack(language)]) {
    const written = pack.labels[label];
    if (written) words.add(written);
  }
  return new RegExp(`^(?:${[...words].map(escape).join('|')})\\s*:\\s*(.+)$`, 'iu');
}
