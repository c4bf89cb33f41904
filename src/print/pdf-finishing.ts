/**
 * The post-processing stage that turns Chromium's tagged PDF into one that
 * declares (and meets the machine-checkable rules of) PDF/UA-1 and, by
 * default, PDF/A-2b: what no CSS or HTML setting of Chromium can write.
 * Loaded by `pdf-standard.ts` when the first PDF is finished.
 *
 * The PDF is read and written with @cantoo/pdf-lib (the maintained fork of
 * pdf-lib): it keeps every object it does not change, so the structure tree,
 * bookmarks, links, `/Lang` and the page content stay as Chromium wrote them.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { PDFDict, PDFHeader, type PDFDocument, PDFHexString, PDFName, PDFRef, PDFStream, PDFString, type PDFPage } from '@cantoo/pdf-lib';
import { packagePath } from '../package-root.js';
import { inserted, markArtifacts } from './artifact-marking.js';
import { pageStreams, parsedStream, streamText } from './marked-content-text.js';
import { loadPdf, savePdf, type RewriteCounts } from './pdf-file.js';
import { installNameCache } from './pdf-names.js';
import type { PdfMetadata } from './pdf-metadata.js';
import type { PdfStandard } from './pdf-standard.js';
import { repairStructure } from './structure-repair.js';
import { isoDate, xmpPacket } from './xmp-metadata.js';

/** The sRGB profile of colord (CC0-1.0), shipped in assets/icc/ with its licence note. */
export const SRGB_PROFILE = ['assets', 'icc', 'sRGB.icc'] as const;
let compressedProfile: Buffer | undefined;

/** Characters no PDF/XMP reader should meet in metadata: C0 controls (but tab and line ends) and lone surrogates. */
const clean = (value: string | undefined) =>
  value
    ?.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '')
    .trim() || undefined;

export async function finishPdf(pdf: Uint8Array, metadata: PdfMetadata, standard: Exclude<PdfStandard, 'none'>): Promise<Uint8Array> {
  return (await finishPdfCounted(pdf, metadata, standard)).bytes;
}

/**
 * `finishPdf`, saying how the file was rewritten: `counts` when it had Chromium's simple shape (only the objects
 * looked at parsed, the unchanged ones copied: src/print/pdf-file.ts), none when pdf-lib read and wrote it whole.
 */
export async function finishPdfCounted(pdf: Uint8Array, metadata: PdfMetadata, standard: Exclude<PdfStandard, 'none'>): Promise<{ bytes: Uint8Array; counts?: RewriteCounts }> {
  installNameCache();
  const loaded = await loadPdf(pdf);
  const doc = loaded.doc;
  const context = doc.context;

  // Info dictionary and XMP, entry for entry the same (PDF/A-2 6.6.3).
  const info = (context.trailerInfo.Info ? context.lookupMaybe(context.trailerInfo.Info, PDFDict) : undefined) ?? context.obj({});
  const existing = (key: string) => info.lookupMaybe(PDFName.of(key), PDFString, PDFHexString)?.decodeText();
  const created = existing('CreationDate');
  const producer = clean(existing('Producer'));
  const fields = {
    title: clean(metadata.title) ?? 'Report',
    author: clean(metadata.author),
    description: clean(metadata.subject),
    keywords: clean(metadata.keywords?.join(', ')),
    creatorTool: clean(metadata.creator) ?? 'report',
  };
  const text = (value: string) => PDFHexString.fromText(value);
  const infoEntries: Array<[string, string | undefined]> = [
    ['Title', fields.title],
    ['Author', fields.author],
    ['Subject', fields.description],
    ['Keywords', fields.keywords],
    ['Creator', fields.creatorTool],
  ];
  for (const [key, value] of infoEntries) {
    if (value) info.set(PDFName.of(key), text(value));
    else info.delete(PDFName.of(key));
  }
  if (created) info.set(PDFName.of('ModDate'), PDFString.of(created));
  if (!(context.trailerInfo.Info && context.lookupMaybe(context.trailerInfo.Info, PDFDict))) context.trailerInfo.Info = context.register(info);

  const language = doc.catalog.lookupMaybe(PDFName.of('Lang'), PDFString, PDFHexString)?.decodeText();
  const archival = standard === 'ua+a-2b';
  const xmp = xmpPacket({
    ...fields,
    language,
    producer,
    created: isoDate(created),
    modified: isoDate(created),
    ...(archival ? { pdfa: { part: 2 as const, conformance: 'B' as const } } : {}),
  });
  const metadataStream = context.stream(Buffer.from(xmp, 'utf8'), { Type: 'Metadata', Subtype: 'XML' });
  doc.catalog.set(PDFName.of('Metadata'), context.register(metadataStream));

  restoreBookmarkCase(doc, metadata.headings ?? [], language);

  // The structure first: it reads the link texts from the content as printed.
  repairStructure(doc);
  // (compressed on this thread: zlib's asynchronous calls took twice the CPU for streams of this size, measured)
  for (const page of doc.getPages()) markPage(doc, page);

  if (archival) {
    // PDF/A-2 (6.3.3) wants an appearance for annotations; a link shows nothing of its own (its text is in the
    // page), so one empty appearance serves them all.
    let empty: PDFRef | undefined;
    for (const page of doc.getPages()) {
      const annotations = page.node.Annots();
      for (let i = 0; i < (annotations?.size() ?? 0); i++) {
        const annotation = annotations!.lookupMaybe(i, PDFDict);
        if (!annotation || annotation.has(PDFName.of('AP')) || annotation.get(PDFName.of('Subtype'))?.toString() !== '/Link') continue;
        empty ??= context.register(context.stream(new Uint8Array(0), { Type: 'XObject', Subtype: 'Form', BBox: [0, 0, 1, 1] }));
        annotation.set(PDFName.of('AP'), context.obj({ N: empty }));
      }
    }
    compressedProfile ??= deflateSync(readFileSync(packagePath(...SRGB_PROFILE)));
    const profile = context.register(context.stream(compressedProfile, { N: 3, Filter: 'FlateDecode' }));
    const intent = context.obj({
      Type: 'OutputIntent',
      S: 'GTS_PDFA1',
      OutputConditionIdentifier: PDFString.of('sRGB IEC61966-2.1'),
      Info: PDFString.of('sRGB IEC61966-2.1'),
      RegistryName: PDFString.of('http://www.color.org'),
      DestOutputProfile: profile,
    });
    doc.catalog.set(PDFName.of('OutputIntents'), context.obj([intent]));
  }
  const viewer = doc.catalog.lookupMaybe(PDFName.of('ViewerPreferences'), PDFDict);
  if (viewer) viewer.set(PDFName.of('DisplayDocTitle'), context.obj(true));
  else doc.catalog.set(PDFName.of('ViewerPreferences'), context.obj({ DisplayDocTitle: true }));

  // A file identifier from the printed bytes: the same report prints to the same identifier.
  const id = PDFHexString.of(createHash('sha256').update(pdf).digest('hex').slice(0, 32).toUpperCase());
  context.trailerInfo.ID = context.obj([id, id]);
  context.header = PDFHeader.forVersion(1, 7);
  return savePdf(loaded, pdf);
}

/**
 * A bookmark in capitals that a heading of the report is, written in capitals (`INTEGRATING OPEN DATA…` for
 * `Integrating Open Data…`), gets the heading's own case: the bookmarks read as the report is written, and
 * `report import` takes a heading's case back from them.
 */
function restoreBookmarkCase(doc: PDFDocument, headings: readonly string[], language: string | undefined): void {
  if (!headings.length) return;
  const upper = (text: string) => {
    try {
      return text.replace(/\s+/gu, ' ').trim().toLocaleUpperCase(language);
    } catch {
      return text.replace(/\s+/gu, ' ').trim().toUpperCase();
    }
  };
  const written = new Map<string, string>();
  for (const heading of headings) {
    const key = upper(heading);
    if (key !== heading && !written.has(key)) written.set(key, heading.replace(/\s+/gu, ' ').trim());
  }
  const outlines = doc.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict);
  const seen = new Set<PDFDict>();
  const stack: PDFDict[] = [];
  const push = (dict: PDFDict, key: string) => {
    const next = dict.lookupMaybe(PDFName.of(key), PDFDict);
    if (next && !seen.has(next) && seen.size < 10_000) stack.push(next);
  };
  if (outlines) push(outlines, 'First');
  while (stack.length) {
    const item = stack.pop()!;
    seen.add(item);
    const title = item.lookupMaybe(PDFName.of('Title'), PDFString, PDFHexString)?.decodeText();
    const heading = title !== undefined && /\p{Lu}/u.test(title) && title === upper(title) ? written.get(upper(title)) : undefined;
    if (heading) item.set(PDFName.of('Title'), PDFHexString.fromText(heading));
    push(item, 'Next');
    push(item, 'First');
  }
}

/** Wraps the page's untagged painting as artifacts, rewriting only the content streams that change. */
function markPage(doc: PDFDocument, page: PDFPage): void {
  const context = doc.context;
  const xobjects = page.node.Resources()?.lookupMaybe(PDFName.of('XObject'), PDFDict);
  const holdsTags = new Map<string, boolean>();
  const formHoldsTags = (name: string) => {
    let known = holdsTags.get(name);
    if (known === undefined) {
      const form = xobjects?.lookupMaybe(PDFName.of(name), PDFStream);
      known = !!form && form.dict.get(PDFName.of('Subtype'))?.toString() === '/Form' && /\/MCID\b|\bBDC\b/.test(streamText(form));
      holdsTags.set(name, known);
    }
    return known;
  };
  const contents = page.node.get(PDFName.of('Contents'));
  const refs = contents instanceof PDFRef ? [contents] : (page.node.Contents() as { asArray?: () => unknown[] })?.asArray?.() ?? [];
  pageStreams(page).forEach((stream, index) => {
    const { bytes, text, outline } = parsedStream(stream);
    const marked = markArtifacts(text, formHoldsTags, undefined, outline);
    if (marked.added === 0) return;
    const replacement = context.stream(deflateSync(inserted(bytes, marked.insertions), { level: 1 }), { Filter: 'FlateDecode' });
    const ref = refs[index];
    if (ref instanceof PDFRef) context.assign(ref, replacement);
    else page.node.set(PDFName.of('Contents'), context.register(replacement));
  });
}
