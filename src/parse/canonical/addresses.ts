/** Web addresses written without a scheme (`www.example.eu/x`, `example.eu/path`). */

const BARE_ADDRESS = /^(?:www\.)?(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?\.)+[\p{L}]{2,}(?::\d{1,5})?(?:[/?#]\S*)?$/u;

/** The address with `https://` in front, when `value` is a bare web address; undefined otherwise. */
export function withScheme(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (/^[a-z][a-z0-9+.-]*:/i.test(text) || text.startsWith('#') || text.startsWith('//') || text.includes('@')) return undefined;
  return BARE_ADDRESS.test(text) ? `https://${text}` : undefined;
}

/** Whether a word is a web address, with or without its scheme. */
export function isAddress(word: string): boolean {
  return /^https?:\/\/\S+$/i.test(word) || withScheme(word) !== undefined;
}
