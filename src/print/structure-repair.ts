/**
 * Repairs to the structure tree Chromium writes, for PDF/UA-1:
 * - a RoleMap for the PDF 2.0 types it uses (`Strong`, `Em`) that PDF 1.7 does not know;
 * - each list item's content wrapped in `LBody` (Chromium puts it straight under `LI`);
 * - the contents (a list of links into the document) as `TOC` and `TOCI`, each entry's content a `Reference`;
 * - each link annotation's `/Contents` taken from the text of its `Link` element.
 * Everything else in the tree (and the parent tree that maps content back to
 * it) is kept, with the moved children pointing at their new parent.
 */
import { PDFArray, PDFDict, PDFHexString, PDFName, PDFNumber, PDFRef, PDFString, type PDFDocument, type PDFObject } from '@cantoo/pdf-lib';
import { textByMcid } from './marked-content-text.js';

/** The standard structure types of PDF 1.7 (ISO 32000-1, 14.8.4). */
export const STANDARD_STRUCTURE_TYPES = new Set(
  ('Document Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct Private P H H1 H2 H3 H4 H5 H6 L LI Lbl LBody ' +
    'Table TR TH TD THead TBody TFoot Span Quote Note Reference BibEntry Code Link Annot Ruby RB RT RP Warichu WT WP Figure Formula Form').split(' '),
);

/** What PDF 2.0 (and HTML) types mean in PDF 1.7; anything else unknown is mapped to `Span`. */
const ROLE_OF = new Map([
  ['Strong', 'Span'],
  ['Em', 'Span'],
  ['Mark', 'Span'],
  ['Sub', 'Span'],
  ['Title', 'P'],
  ['FENote', 'Note'],
  ['Aside', 'Div'],
  ['DocumentFragment', 'Div'],
]);

const K = PDFName.of('K');
const S = PDFName.of('S');
const P = PDFName.of('P');
const PG = PDFName.of('Pg');
const TYPE = PDFName.of('Type');
const STRUCT_ELEM = PDFName.of('StructElem');
const LBODY = PDFName.of('LBody');
const REFERENCE = PDFName.of('Reference');

export interface StructureRepairs {
  roleMapped: string[];
  listBodies: number;
  linkContents: number;
}

interface Element {
  ref: PDFRef | undefined;
  dict: PDFDict;
}

export function repairStructure(doc: PDFDocument): StructureRepairs {
  const context = doc.context;
  const root = doc.catalog.lookupMaybe(PDFName.of('StructTreeRoot'), PDFDict);
  const result: StructureRepairs = { roleMapped: [], listBodies: 0, linkContents: 0 };
  if (!root) return result;

  const elements: Element[] = [];
  const seen = new Set<PDFDict>();
  const walk = (value: PDFObject | undefined, depth: number) => {
    if (depth > 256 || value === undefined) return;
    const ref = value instanceof PDFRef ? value : undefined;
    const dict = ref ? context.lookup(ref) : value;
    if (dict instanceof PDFArray) return dict.asArray().forEach((v) => walk(v, depth + 1));
    if (!(dict instanceof PDFDict) || seen.has(dict)) return;
    const type = dict.get(TYPE)?.toString();
    if (type === '/MCR' || type === '/OBJR') return;
    seen.add(dict);
    if (dict.get(S)) elements.push({ ref, dict });
    walk(dict.get(K), depth + 1);
  };
  walk(root.get(K), 0);
  const types = new Map<PDFDict, string>();
  const typeOf = (dict: PDFDict) => {
    let type = types.get(dict);
    if (type === undefined) types.set(dict, (type = dict.lookupMaybe(S, PDFName)?.decodeText() ?? ''));
    return type;
  };

  // RoleMap: every type used that PDF 1.7 does not define, unless the document maps it already.
  const roleMap = root.lookupMaybe(PDFName.of('RoleMap'), PDFDict) ?? context.obj({});
  for (const type of new Set(elements.map((e) => typeOf(e.dict)))) {
    if (!type || STANDARD_STRUCTURE_TYPES.has(type) || roleMap.has(PDFName.of(type))) continue;
    roleMap.set(PDFName.of(type), PDFName.of(ROLE_OF.get(type) ?? 'Span'));
    result.roleMapped.push(type);
  }
  if (roleMap.keys().length > 0) root.set(PDFName.of('RoleMap'), roleMap);

  const parents = new ParentTree(doc, root);
  const pageRefs = doc.getPages().map((p) => p.ref);

  const kindOf = (kid: PDFObject) => {
    const d = kid instanceof PDFRef ? context.lookup(kid) : kid;
    return d instanceof PDFDict && d.get(S) ? typeOf(d) : '';
  };
  const kidDicts = (dict: PDFDict) =>
    asList(dict.get(K))
      .map((kid) => (kid instanceof PDFRef ? context.lookup(kid) : kid))
      .filter((kid): kid is PDFDict => kid instanceof PDFDict);

  // The contents: Chromium tags them as a list (no HTML or ARIA markup gives TOC). A list whose every item
  // links to a place in this document is one: it becomes TOC, its items TOCI, each item's content a Reference.
  const goesInside = (link: PDFDict): boolean => {
    const annotations = kidDicts(link).filter((k) => k.get(TYPE)?.toString() === '/OBJR').map((objr) => objr.lookupMaybe(PDFName.of('Obj'), PDFDict));
    return annotations.length > 0 && annotations.every((a) => a !== undefined && (a.has(PDFName.of('Dest')) || a.lookupMaybe(PDFName.of('A'), PDFDict)?.get(PDFName.of('S'))?.toString() === '/GoTo'));
  };
  const linksIn = (dict: PDFDict, depth = 0): PDFDict[] =>
    depth > 16 ? [] : kidDicts(dict).filter((k) => k.get(S)).flatMap((k) => (typeOf(k) === 'Link' ? [k] : linksIn(k, depth + 1)));
  const contents = new Set<PDFDict>();
  for (const { dict } of elements) {
    if (typeOf(dict) !== 'L') continue;
    const items = kidDicts(dict).filter((k) => k.get(S));
    if (items.length === 0 || !items.every((item) => typeOf(item) === 'LI' && linksIn(item).length > 0 && linksIn(item).every(goesInside))) continue;
    dict.set(S, PDFName.of('TOC'));
    types.set(dict, 'TOC');
    for (const item of items) {
      item.set(S, PDFName.of('TOCI'));
      types.set(item, 'TOCI');
      contents.add(item);
    }
  }

  // List items: their content (everything but labels) into LBody, keeping the order; contents items' into Reference.
  for (const { ref, dict } of elements) {
    const wrapper = typeOf(dict) === 'LI' ? 'LBody' : contents.has(dict) ? 'Reference' : undefined;
    if (!wrapper || !ref) continue;
    const kids = asList(dict.get(K));
    if (kids.every((kid) => ['Lbl', wrapper].includes(kindOf(kid)))) continue;
    const out: PDFObject[] = [];
    let body: { ref: PDFRef; kids: PDFArray } | undefined;
    for (const kid of kids) {
      const kind = kindOf(kid);
      if (kind === 'Lbl' || kind === wrapper) {
        out.push(kid);
        body = undefined;
        continue;
      }
      if (!body) {
        const kidsArray = context.obj([]);
        // (names made once: each PDFName.of decodes its text again)
        const lbody = PDFDict.withContext(context);
        lbody.set(TYPE, STRUCT_ELEM);
        lbody.set(S, wrapper === 'LBody' ? LBODY : REFERENCE);
        lbody.set(P, ref);
        lbody.set(K, kidsArray);
        const pg = dict.get(PG);
        if (pg) lbody.set(PG, pg);
        body = { ref: context.register(lbody), kids: kidsArray };
        out.push(body.ref);
        result.listBodies++;
      }
      body.kids.push(kid);
      parents.reparent(kid, body.ref, dict.get(PG));
    }
    dict.set(K, context.obj(out));
  }

  // Link annotations: /Contents from the text their Link element shows. First the marked content each
  // link holds, then the text of just those sequences, page by page.
  type Part = string | { page: number; mcid: number };
  const pageIndex = new Map(pageRefs.map((r, i) => [r.toString(), i]));
  const partsOf = (value: PDFObject | undefined, pg: PDFObject | undefined, depth: number, into: Part[]): Part[] => {
    if (value === undefined || depth > 64) return into;
    const page = (p: PDFObject | undefined) => (p instanceof PDFRef ? pageIndex.get(p.toString()) : undefined);
    if (value instanceof PDFNumber) {
      const index = page(pg);
      if (index !== undefined) into.push({ page: index, mcid: value.asNumber() });
      return into;
    }
    const d = value instanceof PDFRef ? context.lookup(value) : value;
    if (d instanceof PDFArray) {
      for (const v of d.asArray()) partsOf(v, pg, depth + 1, into);
      return into;
    }
    if (!(d instanceof PDFDict)) return into;
    const type = d.get(TYPE)?.toString();
    if (type === '/OBJR') return into;
    if (type === '/MCR') {
      const index = page(d.get(PG) ?? pg);
      const mcid = d.lookupMaybe(PDFName.of('MCID'), PDFNumber)?.asNumber();
      if (index !== undefined && mcid !== undefined) into.push({ page: index, mcid });
      return into;
    }
    const alt = d.lookupMaybe(PDFName.of('Alt'), PDFString, PDFHexString)?.decodeText();
    if (alt) {
      into.push(alt);
      return into;
    }
    return partsOf(d.get(K), d.get(PG) ?? pg, depth + 1, into);
  };
  const links: Array<{ annotations: PDFDict[]; parts: Part[] }> = [];
  for (const { dict } of elements) {
    if (typeOf(dict) !== 'Link') continue;
    const annotations = asList(dict.get(K))
      .map((kid) => (kid instanceof PDFRef ? context.lookup(kid) : kid))
      .filter((kid): kid is PDFDict => kid instanceof PDFDict && kid.get(TYPE)?.toString() === '/OBJR')
      .map((objr) => objr.lookupMaybe(PDFName.of('Obj'), PDFDict))
      .filter((a): a is PDFDict => a !== undefined && !a.has(PDFName.of('Contents')));
    if (annotations.length > 0) links.push({ annotations, parts: partsOf(dict.get(K), dict.get(PG), 0, []) });
  }
  const wanted = new Map<number, Set<number>>();
  for (const { parts } of links) for (const part of parts) if (typeof part !== 'string') (wanted.get(part.page) ?? wanted.set(part.page, new Set()).get(part.page)!).add(part.mcid);
  const pages = doc.getPages();
  const texts = new Map([...wanted].map(([index, mcids]) => [index, textByMcid(pages[index]!, mcids)]));
  for (const { annotations, parts } of links) {
    const text = parts
      .map((part) => (typeof part === 'string' ? part : (texts.get(part.page)?.get(part.mcid) ?? '')))
      // Separate sequences are separate boxes (a flex item's spaces are not painted): a space between them.
      .join(' ')
      .replace(/\s+/g, ' ')
      .trim();
    for (const annotation of annotations) {
      const fallback = annotation.lookupMaybe(PDFName.of('A'), PDFDict)?.lookupMaybe(PDFName.of('URI'), PDFString, PDFHexString)?.decodeText() ?? 'Link';
      annotation.set(PDFName.of('Contents'), PDFHexString.fromText(text || fallback));
      result.linkContents++;
    }
  }
  return result;
}

const asList = (value: PDFObject | undefined): PDFObject[] => (value === undefined ? [] : value instanceof PDFArray ? value.asArray() : [value]);

/**
 * The parent tree (a number tree from a page's `/StructParents` or an
 * annotation's `/StructParent` to structure elements), to point moved
 * content at its new parent.
 */
class ParentTree {
  private readonly slots = new Map<number, { array: PDFArray; index: number }>();

  constructor(
    private readonly doc: PDFDocument,
    root: PDFDict,
  ) {
    const visit = (node: PDFDict | undefined, depth: number) => {
      if (!node || depth > 32) return;
      const nums = node.lookupMaybe(PDFName.of('Nums'), PDFArray);
      if (nums) for (let i = 0; i + 1 < nums.size(); i += 2) this.slots.set((nums.lookup(i) as PDFNumber).asNumber(), { array: nums, index: i + 1 });
      const kids = node.lookupMaybe(PDFName.of('Kids'), PDFArray);
      if (kids) for (let i = 0; i < kids.size(); i++) visit(kids.lookupMaybe(i, PDFDict), depth + 1);
    };
    visit(root.lookupMaybe(PDFName.of('ParentTree'), PDFDict), 0);
  }

  /** Point the parent tree entry of `kid` (marked content or an annotation) at `parent`; elements get a new `/P`. */
  reparent(kid: PDFObject, parent: PDFRef, pg: PDFObject | undefined): void {
    const context = this.doc.context;
    if (kid instanceof PDFNumber) return this.setMcidParent(pg, kid.asNumber(), parent);
    const dict = kid instanceof PDFRef ? context.lookup(kid) : kid;
    if (!(dict instanceof PDFDict)) return;
    const type = dict.get(TYPE)?.toString();
    if (type === '/MCR') return this.setMcidParent(dict.get(PG) ?? pg, dict.lookupMaybe(PDFName.of('MCID'), PDFNumber)?.asNumber() ?? -1, parent);
    if (type === '/OBJR') {
      const key = dict.lookupMaybe(PDFName.of('Obj'), PDFDict)?.lookupMaybe(PDFName.of('StructParent'), PDFNumber)?.asNumber();
      const slot = key === undefined ? undefined : this.slots.get(key);
      if (slot) slot.array.set(slot.index, parent);
      return;
    }
    dict.set(P, parent);
  }

  private setMcidParent(pg: PDFObject | undefined, mcid: number, parent: PDFRef): void {
    const page = pg instanceof PDFRef ? this.doc.context.lookup(pg) : undefined;
    const key = page instanceof PDFDict ? page.lookupMaybe(PDFName.of('StructParents'), PDFNumber)?.asNumber() : undefined;
    const slot = key === undefined ? undefined : this.slots.get(key);
    const array = slot ? slot.array.lookup(slot.index) : undefined;
    if (array instanceof PDFArray && mcid >= 0 && mcid < array.size()) array.set(mcid, parent);
  }
}
