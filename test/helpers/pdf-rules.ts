/**
 * An independent reading of the machine-checkable PDF/UA-1 and PDF/A-2b
 * rules our PDFs must meet: the objects are read with pdf-lib, the painting
 * with pdf.js's operator lists (which inline form XObjects), none of it with
 * the code under test. Each check returns what breaks the rule, empty when met.
 */
import { readFileSync } from 'node:fs';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRawStream, PDFRef, PDFString, decodePDFRawStream, type PDFObject } from '@cantoo/pdf-lib';

/** ISO 32000-1 (PDF 1.7), 14.8.4: the standard structure types. */
const STANDARD = new Set(
  'Document Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct Private P H H1 H2 H3 H4 H5 H6 L LI Lbl LBody Table TR TH TD THead TBody TFoot Span Quote Note Reference BibEntry Code Link Annot Ruby RB RT RP Warichu WT WP Figure Formula Form'.split(
    ' ',
  ),
);

export interface Element {
  type: string;
  dict: PDFDict;
  children: Element[];
  /** Annotations (OBJR kids) of this element. */
  annotations: PDFDict[];
}

export interface ReadPdf {
  doc: PDFDocument;
  root: PDFDict | undefined;
  tree: Element[];
  elements: Element[];
}

export async function readPdf(path: string): Promise<ReadPdf> {
  const doc = await PDFDocument.load(readFileSync(path), { updateMetadata: false });
  const root = doc.catalog.lookupMaybe(PDFName.of('StructTreeRoot'), PDFDict);
  const elements: Element[] = [];
  const build = (value: PDFObject | undefined, depth: number): Element[] => {
    if (value === undefined || depth > 200) return [];
    const resolved = value instanceof PDFRef ? doc.context.lookup(value) : value;
    if (resolved instanceof PDFArray) return resolved.asArray().flatMap((v) => build(v, depth + 1));
    if (!(resolved instanceof PDFDict) || !resolved.get(PDFName.of('S'))) return [];
    const kids = resolved.get(PDFName.of('K'));
    const list = kids === undefined ? [] : kids instanceof PDFArray ? kids.asArray() : [kids];
    const element: Element = { type: resolved.lookup(PDFName.of('S'), PDFName).decodeText(), dict: resolved, children: [], annotations: [] };
    elements.push(element);
    for (const kid of list) {
      const k = kid instanceof PDFRef ? doc.context.lookup(kid) : kid;
      if (k instanceof PDFDict && k.get(PDFName.of('Type'))?.toString() === '/OBJR') element.annotations.push(k.lookup(PDFName.of('Obj'), PDFDict));
      else element.children.push(...build(kid, depth + 1));
    }
    return [element];
  };
  const tree = root ? build(root.get(PDFName.of('K')), 0) : [];
  return { doc, root, tree, elements };
}

/** 7.1-5: every structure type standard, or role-mapped to a standard one. */
export function nonStandardTypes({ root, elements }: ReadPdf): string[] {
  const roleMap = root?.lookupMaybe(PDFName.of('RoleMap'), PDFDict);
  const bad = new Set<string>();
  for (const { type } of elements) {
    if (STANDARD.has(type)) continue;
    const mapped = roleMap?.lookupMaybe(PDFName.of(type), PDFName)?.decodeText();
    if (!mapped || !STANDARD.has(mapped)) bad.add(type);
  }
  return [...bad];
}

/** 7.2-20: list items hold labels and bodies only. */
export function listItemChildren({ elements }: ReadPdf): string[] {
  return elements.filter((e) => e.type === 'LI').flatMap((e) => e.children.map((c) => c.type).filter((t) => t !== 'Lbl' && t !== 'LBody'));
}

/** ISO 32000-1 Table 333: TOC holds TOCI (or TOC, Caption); TOCI holds Lbl, Reference, NonStruct, P or TOC. */
export function tocProblems({ elements }: ReadPdf): string[] {
  const allowed = new Map([
    ['TOC', ['TOCI', 'TOC', 'Caption']],
    ['TOCI', ['Lbl', 'Reference', 'NonStruct', 'P', 'TOC']],
  ]);
  return elements.flatMap((e) => (allowed.has(e.type) ? e.children.filter((c) => !allowed.get(e.type)!.includes(c.type)).map((c) => `${c.type} in ${e.type}`) : []));
}

/** 7.18.1-2, 7.18.5-1/2: every link annotation has /Contents and sits in a Link element. */
export function linkProblems({ doc, elements }: ReadPdf): string[] {
  const problems: string[] = [];
  const parentOf = new Map<PDFDict, string>();
  for (const e of elements) for (const a of e.annotations) parentOf.set(a, e.type);
  doc.getPages().forEach((page, index) => {
    const annots = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray);
    for (let i = 0; i < (annots?.size() ?? 0); i++) {
      const a = annots!.lookup(i, PDFDict);
      if (a.get(PDFName.of('Subtype'))?.toString() !== '/Link') continue;
      const contents = a.lookupMaybe(PDFName.of('Contents'), PDFString, PDFHexString)?.decodeText().trim();
      if (!contents) problems.push(`page ${index + 1}: link annotation ${i} without /Contents`);
      if (parentOf.get(a) !== 'Link') problems.push(`page ${index + 1}: link annotation ${i} in ${parentOf.get(a) ?? 'no'} structure element`);
    }
  });
  return problems;
}

/** Heading levels in reading order: the first is H1 and none skips a level. */
export function headingSkips({ elements }: ReadPdf): string[] {
  const levels = elements.map((e) => /^H([1-6])$/.exec(e.type)?.[1]).filter((l): l is string => !!l).map(Number);
  const problems: string[] = [];
  levels.forEach((level, i) => {
    const before = i === 0 ? 0 : levels[i - 1]!;
    if (level > before + 1) problems.push(`H${level} after ${before ? `H${before}` : 'the start'}`);
  });
  return problems;
}

export function trailerId({ doc }: ReadPdf): string[] | undefined {
  const id = doc.context.trailerInfo.ID;
  const array = id instanceof PDFArray ? id : undefined;
  return array?.asArray().map((s) => (s instanceof PDFHexString ? s.asString() : String(s)));
}

/** The output intent's subtype and the ICC profile's colour space and component count, when there is one. */
export function outputIntent({ doc }: ReadPdf): { subtype: string; colourSpace: string; components: number } | undefined {
  const intent = doc.catalog.lookupMaybe(PDFName.of('OutputIntents'), PDFArray)?.lookupMaybe(0, PDFDict);
  const profile = intent?.lookupMaybe(PDFName.of('DestOutputProfile'), PDFRawStream);
  if (!intent || !profile) return undefined;
  const icc = Buffer.from(decodePDFRawStream(profile).decode());
  if (icc.toString('latin1', 36, 40) !== 'acsp') return undefined;
  return { subtype: intent.lookup(PDFName.of('S'), PDFName).decodeText(), colourSpace: icc.toString('latin1', 16, 20), components: profile.dict.lookup(PDFName.of('N'), PDFNumber).asNumber() };
}

/** The XMP packet as text, when the catalog has one. */
export function xmpText({ doc }: ReadPdf): string | undefined {
  const stream = doc.catalog.lookupMaybe(PDFName.of('Metadata'), PDFRawStream);
  return stream ? Buffer.from(decodePDFRawStream(stream).decode()).toString('utf8') : undefined;
}

/**
 * 7.1-3: painting operators outside any marked-content sequence, per page, from
 * pdf.js's operator list (form XObjects inlined): how many, and the first few.
 */
export async function unmarkedPainting(path: string): Promise<Array<{ page: number; count: number; first: string[] }>> {
  const lib = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const O = lib.OPS;
  const names = new Map(Object.entries(O).map(([k, v]) => [v as number, k]));
  const paintsPath = new Set([O.stroke, O.closeStroke, O.fill, O.eoFill, O.fillStroke, O.eoFillStroke, O.closeFillStroke, O.closeEOFillStroke]);
  const paints = new Set([
    O.showText,
    O.showSpacedText,
    O.nextLineShowText,
    O.nextLineSetSpacingShowText,
    O.paintImageXObject,
    O.paintInlineImageXObject,
    O.paintImageMaskXObject,
    O.paintImageXObjectRepeat,
    O.paintImageMaskXObjectRepeat,
    O.paintImageMaskXObjectGroup,
    O.paintInlineImageXObjectGroup,
    O.paintSolidColorImageMask,
    O.shadingFill,
    ...paintsPath,
  ]);
  const doc = await lib.getDocument({ data: new Uint8Array(readFileSync(path)), verbosity: 0 }).promise;
  const found: Array<{ page: number; count: number; first: string[] }> = [];
  try {
    for (let n = 1; n <= doc.numPages; n++) {
      const list = await (await doc.getPage(n)).getOperatorList();
      let depth = 0;
      const bad: string[] = [];
      list.fnArray.forEach((fn, i) => {
        if (fn === O.beginMarkedContent || fn === O.beginMarkedContentProps) depth++;
        else if (fn === O.endMarkedContent) depth = Math.max(0, depth - 1);
        else if (depth === 0) {
          const painting = fn === O.constructPath ? paintsPath.has((list.argsArray[i] as unknown[])[0] as number) : paints.has(fn);
          if (painting) bad.push(names.get(fn) ?? String(fn));
        }
      });
      if (bad.length) found.push({ page: n, count: bad.length, first: bad.slice(0, 5) });
    }
  } finally {
    await doc.destroy();
  }
  return found;
}
