/** Web addresses written without a scheme (`www.example.eu/x`, `example.eu/path`). */

const BARE_ADDRESS = /^(?:www\.)?(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?\.)+[\p{L}]{2,}(?::\d{1,5})?(?:[/?#]\S*)?$/u;

const FILE_ENDINGS = new Set(['pdf', 'doc', 'docx', 'odt', 'ppt', 'pptx', 'xls', 'xlsx', 'csv', 'txt', 'md', 'html', 'htm', 'jpg', 'jpeg', 'png', 'gif', 'svg', 'webp', 'zip', 'yaml', 'yml', 'json']);

/** The address with `https://` in front, when `value` is a bare web address; undefined otherwise. */
export function withScheme(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  // Addresses hold no spaces and are short: anything else is not one (and the pattern below stays linear).
  if (text.length > 2000 || /\s/.test(text)) return undefined;
  if (/^[a-z][a-z0-9+.-]*:/i.test(text) || text.startsWith('#') || text.startsWith('//') || text.includes('@')) return undefined;
  if (!BARE_ADDRESS.test(text)) return undefined;
  // `slides.pdf` is a file name, not a host.
  const host = text.split(/[/?#:]/)[0]!;
  if (!host.startsWith('www.') && FILE_ENDINGS.has(host.slice(host.lastIndexOf('.') + 1).toLowerCase())) return undefined;
  return `https://${text}`;
}

/** Whether a word is a web address, with or without its scheme. */
export function isAddress(word: string): boolean {
  return /^https?:\/\/\S+$/i.test(word) || withScheme(word) !== undefined;
}
