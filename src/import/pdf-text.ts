/**
 * A PDF's text layer (pdfjs-dist) -> blocks with sizes, weight and link targets. Untrusted input: no eval, no
 * font loading or fetching, a page cap; an encrypted PDF or one with no text layer (a scan) is refused with why.
 */
import type { ImportedText, SourceFacts, TextBlock } from './blocks.js';
import type { ReportImages } from './images.js';
import { decodedImage, imageMarkdown, keepPdfImage, paintedImages } from './pdf-images.js';
import { dropRunningLines, type PdfLine } from './running-lines.js';

/** A report that cannot be imported; `ruleId` is documented in docs/rules.md. */
export class ImportError extends Error {
  constructor(
    readonly ruleId: string,
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}

/** More pages than a workshop report has: the rest is not read (and said so). */
export const MAX_PAGES = 300;
/** More text than a report holds (a PDF built to exhaust memory): reading stops with a message. */
export const MAX_TEXT_CHARS = 5_000_000;
/** A PDF that takes longer than this to read is given up between two pages. */
export const MAX_READ_MS = 60_000;

interface Item {
  str: string;
  x: number;
  y: number;
  width: number;
  size: number;
  bold: boolean;
  url?: string;
  /** pdfjs marks the end of a line of text. */
  eol?: boolean;
  /** In a tagged PDF: text outside the structure tree (running headers, footers, page numbers, CSS decorations). */
  artifact?: boolean;
  /** In a tagged PDF: the element (paragraph, heading, list item) the text belongs to, and whether it is in a list. */
  block?: number;
  listItem?: boolean;
  /** In a tagged PDF: the marked content the text is in. */
  id?: string;
  /** Its reading position (see `Key`). */
  key?: number[];
}

/** Chromium writes `https://x.eu` as `https://x.eu/`: the same address; the notes had it without the slash. */
const writtenAddress = (url: string) => url.replace(/^(https?:\/\/[^/?#]+)\/$/iu, '$1');

const escapeMarkdown = (text: string) => text.replace(/([\\*_`[\]<>])/gu, '\\$1');

/** Items on one baseline -> lines; a wide gap splits a line (a footer's three parts, a card's two columns). */
function linesOf(items: Item[], page: number): PdfLine[] {
  const lines: PdfLine[] = [];
  let current: Item[] = [];
  const flush = () => {
    const visible = current.filter((i) => i.str.trim());
    if (visible.length) lines.push(lineOf(current, page));
    current = [];
  };
  for (const item of items) {
    const last = current[current.length - 1];
    // Side by side on one baseline, two elements of a tagged PDF are two lines (a heading and the people beside it);
    // a separator the layout draws between them (an artifact) belongs to neither.
    const lastBlock = current.findLast((i) => i.block !== undefined && i.str.trim() !== '')?.block;
    const otherElement = lastBlock !== undefined && item.block !== undefined && item.block !== lastBlock && item.str.trim() !== '';
    if (last && (Math.abs(item.y - last.y) > 2 || item.x - (last.x + last.width) > Math.max(item.size, last.size) * 3 || item.x + 1 < last.x || otherElement)) flush();
    current.push(item);
    if (item.eol && item.str.trim()) flush();
  }
  flush();
  return lines;
}

function lineOf(items: Item[], page: number): PdfLine {
  let markdown = '';
  let plain = '';
  let chars = 0;
  let boldChars = 0;
  const sizes = new Map<number, number>();
  // Runs of the same weight and link become one `**…**` / `[…](url)`.
  let i = 0;
  while (i < items.length) {
    const first = items[i]!;
    let j = i;
    let text = '';
    while (j < items.length && (items[j]!.url === first.url || !items[j]!.str.trim()) && (items[j]!.bold === first.bold || !items[j]!.str.trim())) text += items[j++]!.str;
    if (j === i) text = items[j++]!.str;
    const lead = /^\s*/u.exec(text)![0];
    const trail = /\s*$/u.exec(text)![0];
    const core = text.trim();
    let piece = escapeMarkdown(core);
    if (core && first.bold) piece = `**${piece}**`;
    if (core && first.url) piece = `[${piece}](${first.url})`;
    markdown += lead + piece + trail;
    plain += text;
    for (const item of items.slice(i, j)) {
      const n = item.str.trim().length;
      chars += n;
      if (item.bold) boldChars += n;
      sizes.set(item.size, (sizes.get(item.size) ?? 0) + n);
    }
    i = j;
  }
  let size = 0;
  let best = -1;
  for (const [s, n] of sizes) if (n > best) [size, best] = [s, n];
  const visible = items.filter((it) => it.str.trim());
  return {
    ...(visible.every((it) => it.artifact) ? { artifact: true } : {}),
    ...(visible[0]!.key ? { key: visible[0]!.key } : {}),
    ...(visible.find((it) => it.block !== undefined) ? { block: visible.find((it) => it.block !== undefined)!.block, listItem: !!visible.find((it) => it.block !== undefined)!.listItem } : {}),
    markdown: markdown.replace(/\*\*\s*\*\*/gu, ' ').replace(/\s+/gu, ' ').trim(),
    plain: plain.replace(/\s+/gu, ' ').trim(),
    page,
    x: visible[0]!.x,
    y: visible[0]!.y,
    size,
    bold: chars > 0 && boldChars === chars,
  };
}

interface StructNode {
  type?: string;
  role?: string;
  alt?: string;
  id?: string;
  children?: StructNode[];
}

/** Where a run of marked content sits in a tagged page's structure tree. */
interface Placement {
  /** Its rank in reading order. */
  rank: number;
  /** The paragraph, heading, list item or cell it belongs to (a number of its own per element). */
  block: number;
  /** The element is a list item (not a paragraph inside one). */
  listItem: boolean;
  /** The alternative text of the figure it is in. */
  alt?: string;
}

const BLOCK_ROLES = new Set(['P', 'H', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'LI', 'Caption', 'TD', 'TH', 'Figure', 'BlockQuote']);

/**
 * A tagged page's structure tree -> each marked-content id's place in reading order and the element it belongs
 * to, or undefined for a page without one (then the painting order is the reading order).
 */
function readingOrder(tree: StructNode | null): Map<string, Placement> | undefined {
  if (!tree) return undefined;
  const order = new Map<string, Placement>();
  let blocks = 0;
  const stack: Array<{ node: StructNode; block: number; listItem: boolean; alt?: string }> = [{ node: tree, block: 0, listItem: false }];
  // Depth first, children in order, without recursion (a hostile tree may be deep).
  while (stack.length) {
    const { node, block, listItem, alt } = stack.pop()!;
    if (node.type === 'content' && node.id !== undefined) {
      if (!order.has(node.id)) order.set(node.id, { rank: order.size, block, listItem, ...(alt !== undefined ? { alt } : {}) });
      continue;
    }
    const starts = node.role !== undefined && BLOCK_ROLES.has(node.role);
    const own = starts ? ++blocks : block;
    // A paragraph inside a list item (a theme's text in a list of themes) is a paragraph.
    const inItem = starts ? node.role === 'LI' : listItem;
    const figureAlt = node.role === 'Figure' && typeof node.alt === 'string' ? node.alt : alt;
    for (let i = (node.children?.length ?? 0) - 1; i >= 0; i--) stack.push({ node: node.children![i]!, block: own, listItem: inItem, ...(figureAlt !== undefined ? { alt: figureAlt } : {}) });
  }
  return order.size ? order : undefined;
}

/**
 * A list as one page's structure tree shows it: pdf.js gives a list every one of its items on each page it
 * reaches, those painted elsewhere empty, so a list that crosses a page says so: its last items are empty on the
 * page it starts on, its first ones on the next.
 */
export interface PageList {
  /** Its items. */
  count: number;
  /** The first and last item with text on this page. */
  first: number;
  last: number;
  /** The marked content of its items on this page. */
  ids: Set<string>;
}

/** The lists of a page's tree that have text on the page, in document order (at most a few thousand nodes walked per list). */
export function listsOf(tree: StructNode | null): PageList[] {
  const lists: PageList[] = [];
  if (!tree) return lists;
  const contentOf = (node: StructNode): string[] => {
    const ids: string[] = [];
    const stack = [node];
    let walked = 0;
    while (stack.length && walked++ < 100_000) {
      const n = stack.pop()!;
      if (n.type === 'content' && n.id !== undefined) ids.push(n.id);
      else for (const c of n.children ?? []) stack.push(c);
    }
    return ids;
  };
  const stack: StructNode[] = [tree];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.role === 'L') {
      const items = (node.children ?? []).filter((c) => c.role === 'LI').map(contentOf);
      const filled = items.map((ids, i) => (ids.length ? i : -1)).filter((i) => i >= 0);
      if (filled.length) lists.push({ count: items.length, first: filled[0]!, last: filled[filled.length - 1]!, ids: new Set(items.flat()) });
    }
    for (let i = (node.children?.length ?? 0) - 1; i >= 0; i--) stack.push(node.children![i]!);
  }
  return lists;
}

/**
 * The lists of a page that continue a list of the page before (same number of items, taking up where it
 * stopped), paired in order: list -> the one it continues. A list nested in one already paired goes with it.
 */
export function continuedLists(before: readonly PageList[], now: readonly PageList[]): Map<PageList, PageList> {
  const open = before.filter((l) => l.last < l.count - 1);
  const pairs = new Map<PageList, PageList>();
  const taken = new Set<string>();
  let from = 0;
  for (const list of now) {
    if (list.first === 0 || [...list.ids].every((id) => taken.has(id))) continue;
    const k = open.findIndex((o, i) => i >= from && o.count === list.count && (list.first === o.last || list.first === o.last + 1));
    if (k < 0) continue;
    pairs.set(list, open[k]!);
    from = k + 1;
    for (const id of list.ids) taken.add(id);
  }
  return pairs;
}

/** Reading positions: a page's number and rank, a continued list's items after where it stopped on the page before. */
type Key = number[];
const compareKeys = (a: Key, b: Key) => {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
};

/** A link the line break cut in two (`[HealthHub](u)` / `[Finland](u)`) is one link again: `[HealthHub Finland](u)`. */
function addLine(lines: string[], markdown: string): void {
  const end = /\]\(([^()\s]+)\)$/u.exec(lines[lines.length - 1] ?? '');
  const start = /^\[((?:[^\]\\]|\\.)*)\]\(([^()\s]+)\)/u.exec(markdown);
  if (end && start && end[1] === start[2]) {
    const last = lines.pop()!;
    lines.push(`${last.slice(0, -end[0].length)} ${start[1]}](${start[2]})${markdown.slice(start[0].length)}`);
  } else lines.push(markdown);
}

/**
 * The figures a page paints, as lines in reading order: in a tagged PDF where the structure tree has them (an
 * image outside it is the layout's and is not kept), else after the page's text.
 */
async function figureLines(
  page: Parameters<typeof decodedImage>[0] & { ref?: { num: number; gen: number } | null },
  operators: { fnArray: number[]; argsArray: unknown[][] },
  OPS: Record<string, number>,
  order: Map<string, Placement> | undefined,
  images: ReportImages,
  n: number,
  figures: { count: number },
): Promise<PdfLine[]> {
  const lines: PdfLine[] = [];
  const pageId = page.ref ? `p${page.ref.num}R${page.ref.gen ? page.ref.gen : ''}` : '';
  for (const painted of paintedImages(operators, OPS)) {
    const place = painted.mcid !== undefined ? order?.get(`${pageId}_mc${painted.mcid}`) : undefined;
    if (order && !place) continue;
    const image = painted.inline ?? (painted.objId ? await decodedImage(page, painted.objId) : undefined);
    const src = keepPdfImage(images, image, place?.alt, `the PDF's image ${++figures.count} (page ${n})`);
    if (!src) continue;
    lines.push({ markdown: imageMarkdown(place?.alt, src), plain: '', page: n, x: 0, y: 0, size: 0, bold: false, image: true, key: [n, place ? place.rank : Number.MAX_SAFE_INTEGER] });
  }
  return lines;
}

/** Lines -> blocks: a gap wider than the line spacing, a change of size or weight, or of indent, starts a block. */
function blocksOf(lines: PdfLine[]): TextBlock[] {
  const blocks: Array<TextBlock & { x: number; y: number; listItem?: boolean; image?: boolean }> = [];
  let prev: PdfLine | undefined;
  for (const line of lines) {
    const last = blocks[blocks.length - 1];
    // A figure is a paragraph of its own: `![alt](figure-1.png)`.
    if (line.image) {
      blocks.push({ lines: [line.markdown], page: line.page, x: line.x, y: line.y, image: true });
      prev = line;
      continue;
    }
    const continues =
      !prev?.image &&
      prev &&
      last &&
      prev.page === line.page &&
      prev.size === line.size &&
      prev.bold === line.bold &&
      prev.y - line.y > 0 &&
      prev.y - line.y <= line.size * 1.6 &&
      Math.abs(line.x - last.x) < 2 &&
      // A tagged PDF says where a paragraph or list item ends, even with no space between them.
      (line.block === undefined || prev.block === undefined || line.block === prev.block);
    // One element of a tagged PDF wrapped onto the next line is one block, whatever its weight or indent: a list
    // item `**138,000** citizens trained` that starts beside the item before it and ends below.
    const sameElement =
      !continues &&
      !prev?.image &&
      prev &&
      last &&
      line.block !== undefined &&
      line.block === prev.block &&
      prev.page === line.page &&
      prev.size === line.size &&
      prev.y - line.y > 0 &&
      prev.y - line.y <= line.size * 1.6;
    if (continues) addLine(last.lines, line.markdown);
    else if (sameElement) {
      addLine(last.lines, line.markdown);
      last.bold = last.bold && line.bold;
    }
    else blocks.push({ lines: [line.markdown], page: line.page, size: line.size, bold: line.bold, x: line.x, y: line.y, ...(line.listItem ? { listItem: true } : {}), ...(prev && !prev.image && prev.page === line.page ? { gapBefore: Math.round((prev.y - line.y - line.size) * 10) / 10 } : {}) });
    prev = line;
  }
  // Indented body-size blocks under a heading that is not indented are list items (the bullets are drawn by CSS).
  let headingX: number | undefined;
  let body = 0;
  const weights = new Map<number, number>();
  for (const b of blocks) if (!b.image) weights.set(b.size!, (weights.get(b.size!) ?? 0) + b.lines.join(' ').length);
  for (const [s, n] of weights) if (n > (weights.get(body) ?? 0)) body = s;
  for (const b of blocks) {
    if (b.image) continue;
    if (b.size! > body * 1.12 || (b.bold && b.lines.length <= 2)) headingX = b.x;
    else if (headingX !== undefined && b.size === body && b.x > headingX + 8) b.bullet = true;
    // A tagged list item of body text is one, indented or not.
    else if (b.listItem && b.size === body && !b.bold) b.bullet = true;
  }
  return blocks.map(({ x: _x, y: _y, listItem: _listItem, image: _image, ...block }) => block);
}

/** More bookmarks than a report has: the rest are not read. */
const MAX_BOOKMARKS = 2_000;

/** The bookmarks' titles, depth first (a hostile outline may be deep or long: walked without recursion, capped). */
async function bookmarksOf(doc: { getOutline(): Promise<unknown> }): Promise<string[]> {
  type Bookmark = { title?: unknown; items?: Bookmark[] };
  const outline = ((await doc.getOutline().catch(() => null)) ?? []) as Bookmark[];
  const titles: string[] = [];
  const stack = [...outline].reverse();
  while (stack.length && titles.length < MAX_BOOKMARKS) {
    const item = stack.pop()!;
    if (typeof item?.title === 'string' && item.title.trim()) titles.push(item.title.replace(/\s+/gu, ' ').trim());
    if (Array.isArray(item?.items)) for (let i = item.items.length - 1; i >= 0; i--) stack.push(item.items[i]!);
  }
  return titles;
}

/**
 * A PDF's text (and, given `images`, its figures, saved as PNG beside the notes with the structure tree's
 * alternative text) -> blocks.
 */
export async function readPdf(data: Uint8Array, images?: ReportImages): Promise<ImportedText> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = pdfjs.getDocument({
    data,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    fontExtraProperties: true,
    stopAtErrors: false,
    disableAutoFetch: true,
    disableStream: true,
    verbosity: 0,
    // No CMaps, standard fonts or wasm fetched: text is read from the file alone.
    useWorkerFetch: false,
  } as Parameters<typeof pdfjs.getDocument>[0]);
  let doc;
  try {
    doc = await task.promise;
  } catch (error) {
    const name = (error as { name?: string }).name;
    if (name === 'PasswordException') throw new ImportError('import-encrypted', 'The PDF is encrypted with a password; it cannot be read', 'Save an unprotected copy and import that.');
    if (name === 'InvalidPDFException') throw new ImportError('import-unreadable', 'The file is not a valid PDF');
    throw new ImportError('import-unreadable', `The PDF could not be read: ${(error as Error).message}`);
  }
  try {
    const notes: string[] = [];
    const info = ((await doc.getMetadata().catch(() => undefined))?.info ?? {}) as Record<string, unknown>;
    const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
    const facts: SourceFacts = {};
    if (str(info.Title)) facts.title = str(info.Title);
    if (str(info.Creator)) facts.creator = str(info.Creator);
    if (str(info.Language) && /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/u.test(str(info.Language)!)) facts.language = str(info.Language);
    if (str(info.Keywords)) facts.keywords = str(info.Keywords)!.split(/,\s*/u);
    const headings = await bookmarksOf(doc);
    if (headings.length) facts.headings = headings;
    const pages = Math.min(doc.numPages, MAX_PAGES);
    if (doc.numPages > MAX_PAGES) notes.push(`only the first ${MAX_PAGES} of ${doc.numPages} pages were read`);
    const lines: PdfLine[] = [];
    let previousLists: PageList[] = [];
    const listEnds = new Map<PageList, Key>();
    const figures = { count: 0 };
    let textChars = 0;
    const started = performance.now();
    for (let n = 1; n <= pages; n++) {
      if (performance.now() - started > MAX_READ_MS) throw new ImportError('import-too-large', `Reading the PDF took longer than ${MAX_READ_MS / 1000} s (stopped at page ${n} of ${doc.numPages}); it is not imported`);
      const page = await doc.getPage(n);
      const content = await page.getTextContent({ includeMarkedContent: true });
      const operators = await page.getOperatorList();
      const fontNames = new Map<string, boolean>();
      const isBold = (fontName: string) => {
        if (!fontNames.has(fontName)) {
          let bold = false;
          try {
            const font = page.commonObjs.get(fontName) as { name?: string; bold?: boolean } | undefined;
            bold = !!font && (font.bold === true || /bold|black|heavy|semibold|demi/iu.test(font.name ?? ''));
          } catch {
            bold = false;
          }
          fontNames.set(fontName, bold);
        }
        return fontNames.get(fontName)!;
      };
      const tree = await page.getStructTree().catch(() => null);
      const order = readingOrder(tree);
      const lists = listsOf(tree);
      // A list that takes up where one on the page before stopped is read after that one's last item, not after
      // the rest of the page before (two groups side by side that cross a page).
      const anchorOf = new Map<string, Key>();
      for (const [list, before] of continuedLists(previousLists, lists)) {
        const anchor = listEnds.get(before);
        if (anchor) for (const id of list.ids) anchorOf.set(id, anchor);
      }
      const links = ((await page.getAnnotations()) as Array<{ subtype?: string; url?: string; rect?: number[] }>).filter(
        (a) => a.subtype === 'Link' && typeof a.url === 'string' && /^(?:https?|mailto):/iu.test(a.url) && a.rect?.length === 4,
      );
      const items: Array<Item & { rank: number; key: Key }> = [];
      // Marked content ties each run of text to its place in the structure tree (a tagged PDF, as Chromium prints).
      const marked: string[] = [];
      let rank = -1;
      for (const raw of content.items as Array<{ type?: string; id?: string; str?: string; transform?: number[]; width?: number; fontName?: string; hasEOL?: boolean }>) {
        if (raw.type === 'beginMarkedContentProps' || raw.type === 'beginMarkedContent') {
          marked.push(raw.id ?? '');
          continue;
        }
        if (raw.type === 'endMarkedContent') {
          marked.pop();
          continue;
        }
        if (typeof raw.str !== 'string' || !raw.transform) continue;
        const [a, b, , , x, y] = raw.transform as [number, number, number, number, number, number];
        const size = Math.round(Math.hypot(a, b) * 10) / 10;
        const cx = x + (raw.width ?? 0) / 2;
        const cy = y + size / 3;
        const link = links.find((l) => cx >= l.rect![0]! - 1 && cx <= l.rect![2]! + 1 && cy >= l.rect![1]! - 1 && cy <= l.rect![3]! + 1);
        textChars += raw.str.trim().length;
        const place = order?.get(marked[marked.length - 1] ?? '');
        // Text outside the tree keeps its place after the text drawn before it.
        if (place !== undefined) rank = place.rank;
        items.push({
          str: raw.str,
          x,
          y,
          width: raw.width ?? 0,
          size,
          bold: isBold(raw.fontName ?? ''),
          rank,
          key: place && anchorOf.has(marked[marked.length - 1]!) ? [...anchorOf.get(marked[marked.length - 1]!)!, rank] : [n, rank],
          ...(raw.hasEOL ? { eol: true } : {}),
          ...(link ? { url: writtenAddress(link.url!) } : {}),
          ...(order && place === undefined ? { artifact: true } : {}),
          ...(place ? { block: place.block, listItem: place.listItem, id: marked[marked.length - 1] } : {}),
        });
      }
      // The structure tree's order is the document's (two columns read one after the other), not the painting's.
      if (order) items.sort((p, q) => p.rank - q.rank);
      if (textChars > MAX_TEXT_CHARS) throw new ImportError('import-too-large', `The PDF holds more than ${MAX_TEXT_CHARS.toLocaleString('en')} characters of text by page ${n}; a report is far shorter, and it is not imported`);
      lines.push(...linesOf(items, n));
      if (images) lines.push(...(await figureLines(page, operators, pdfjs.OPS, order, images, n, figures)));
      // Where each list of this page ends in reading order, for a list on the next page that continues it.
      listEnds.clear();
      for (const list of lists) {
        let end: Key | undefined;
        for (const item of items) if (item.block !== undefined && list.ids.has(item.id!) && (!end || compareKeys(item.key, end) > 0)) end = item.key;
        if (end) listEnds.set(list, end);
      }
      previousLists = lists;
      page.cleanup();
    }
    if (textChars === 0) throw new ImportError('import-no-text', 'The PDF has no text layer (a scanned document?); nothing to import', 'Run it through OCR (e.g. `ocrmypdf`) first; report does not do OCR.');
    lines.sort((a, b) => compareKeys(a.key ?? [a.page], b.key ?? [b.page]));
    // Figures have no baseline of their own: running lines are told by the text's lines alone.
    const text = dropRunningLines(lines.filter((l) => !l.image), pages);
    const kept = lines.filter((l) => l.image || text.includes(l));
    return { blocks: blocksOf(kept), facts, hasSizes: true, notes };
  } finally {
    await doc.destroy();
  }
}
