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
  const root = doc.catalog.lookupMaybe(PDFName.of('StructTreeRoot'), PDFDict);
  const result: StructureRepairs = { roleMapped: [], listBodies: 0, linkContents: 0 };
  if (!root) return result;
  // (each repair a function of its own: V8 optimises, and after a deoptimisation optimises again, one function at a
  // time, and one function holding all of them took 60–90 ms of compiling each time, four times a batch)
  const tree = new StructureTree(doc, root);
  result.roleMapped = mapRoles(tree);
  const contents = markContents(tree);
  result.listBodies = wrapListBodies(tree, contents);
  result.linkContents = describeLinks(tree);
  return result;
}

/** The structure elements of the tree in document order, with their types read once. */
class StructureTree {
  readonly context: PDFDocument['context'];
  readonly elements: Element[] = [];
  private readonly types = new Map<PDFDict, string>();

  constructor(
    readonly doc: PDFDocument,
    readonly root: PDFDict,
  ) {
    this.context = doc.context;
    this.collect(root.get(K), 0, new Set());
  }

  private collect(value: PDFObject | undefined, depth: number, seen: Set<PDFDict>): void {
    if (depth > 256 || value === undefined) return;
    const ref = value instanceof PDFRef ? value : undefined;
    const dict = ref ? this.context.lookup(ref) : value;
    if (dict instanceof PDFArray) {
      for (const item of dict.asArray()) this.collect(item, depth + 1, seen);
      return;
    }
    if (!(dict instanceof PDFDict) || seen.has(dict)) return;
    const type = dict.get(TYPE)?.toString();
    if (type === '/MCR' || type === '/OBJR') return;
    seen.add(dict);
    if (dict.get(S)) this.elements.push({ ref, dict });
    this.collect(dict.get(K), depth + 1, seen);
  }

  typeOf(dict: PDFDict): string {
    let type = this.types.get(dict);
    if (type === undefined) this.types.set(dict, (type = dict.lookupMaybe(S, PDFName)?.decodeText() ?? ''));
    return type;
  }

  retype(dict: PDFDict, type: 'TOC' | 'TOCI'): void {
    dict.set(S, PDFName.of(type));
    this.types.set(dict, type);
  }

  /** The type of a kid that is a structure element ('' for marked content, annotations and the like). */
  kindOf(kid: PDFObject): string {
    const d = kid instanceof PDFRef ? this.context.lookup(kid) : kid;
    return d instanceof PDFDict && d.get(S) ? this.typeOf(d) : '';
  }

  kidDicts(dict: PDFDict): PDFDict[] {
    const out: PDFDict[] = [];
    for (const kid of asList(dict.get(K))) {
      const d = kid instanceof PDFRef ? this.context.lookup(kid) : kid;
      if (d instanceof PDFDict) out.push(d);
    }
    return out;
  }
}

/** RoleMap: every type used that PDF 1.7 does not define, unless the document maps it already. */
function mapRoles(tree: StructureTree): string[] {
  const roleMap = tree.root.lookupMaybe(PDFName.of('RoleMap'), PDFDict) ?? tree.context.obj({});
  const mapped: string[] = [];
  for (const type of new Set(tree.elements.map((e) => tree.typeOf(e.dict)))) {
    if (!type || STANDARD_STRUCTURE_TYPES.has(type) || roleMap.has(PDFName.of(type))) continue;
    roleMap.set(PDFName.of(type), PDFName.of(ROLE_OF.get(type) ?? 'Span'));
    mapped.push(type);
  }
  if (roleMap.keys().length > 0) tree.root.set(PDFName.of('RoleMap'), roleMap);
  return mapped;
}

/**
 * The contents: Chromium tags them as a list (no HTML or ARIA markup gives TOC). A list whose every item links to
 * a place in this document is one: it becomes TOC, its items TOCI. Returns the items.
 */
function markContents(tree: StructureTree): Set<PDFDict> {
  const goesInside = (link: PDFDict): boolean => {
    const annotations = tree
      .kidDicts(link)
      .filter((k) => k.get(TYPE)?.toString() === '/OBJR')
      .map((objr) => objr.lookupMaybe(PDFName.of('Obj'), PDFDict));
    return annotations.length > 0 && annotations.every((a) => a !== undefined && (a.has(PDFName.of('Dest')) || a.lookupMaybe(PDFName.of('A'), PDFDict)?.get(PDFName.of('S'))?.toString() === '/GoTo'));
  };
  const linksIn = (dict: PDFDict, depth = 0): PDFDict[] =>
    depth > 16 ? [] : tree.kidDicts(dict).filter((k) => k.get(S)).flatMap((k) => (tree.typeOf(k) === 'Link' ? [k] : linksIn(k, depth + 1)));
  const contents = new Set<PDFDict>();
  for (const { dict } of tree.elements) {
    if (tree.typeOf(dict) !== 'L') continue;
    const items = tree.kidDicts(dict).filter((k) => k.get(S));
    if (items.length === 0 || !items.every((item) => tree.typeOf(item) === 'LI' && linksIn(item).length > 0 && linksIn(item).every(goesInside))) continue;
    tree.retype(dict, 'TOC');
    for (const item of items) {
      tree.retype(item, 'TOCI');
      contents.add(item);
    }
  }
  return contents;
}

/** List items: their content (everything but labels) into LBody, keeping the order; contents items' into Reference. */
function wrapListBodies(tree: StructureTree, contents: Set<PDFDict>): number {
  const parents = new ParentTree(tree.doc, tree.root);
  let added = 0;
  for (const { ref, dict } of tree.elements) {
    const wrapper = tree.typeOf(dict) === 'LI' ? 'LBody' : contents.has(dict) ? 'Reference' : undefined;
    if (wrapper && ref) added += wrapKids(tree, parents, ref, dict, wrapper);
  }
  return added;
}

/** One item's runs of content each into a new `wrapper` element; how many were made. */
function wrapKids(tree: StructureTree, parents: ParentTree, ref: PDFRef, dict: PDFDict, wrapper: 'LBody' | 'Reference'): number {
  const context = tree.context;
  const kids = asList(dict.get(K));
  if (kids.every((kid) => ['Lbl', wrapper].includes(tree.kindOf(kid)))) return 0;
  const out: PDFObject[] = [];
  let body: { ref: PDFRef; kids: PDFArray } | undefined;
  let added = 0;
  for (const kid of kids) {
    const kind = tree.kindOf(kid);
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
      added++;
    }
    body.kids.push(kid);
    parents.reparent(kid, body.ref, dict.get(PG));
  }
  dict.set(K, context.obj(out));
  return added;
}

/** A part of a link's text: alternative text as written, or marked content on a page. */
type Part = string | { page: number; mcid: number };

/** The parts of an element's text, in order. */
function partsOf(tree: StructureTree, pageIndex: Map<string, number>, value: PDFObject | undefined, pg: PDFObject | undefined, depth: number, into: Part[]): Part[] {
  if (value === undefined || depth > 64) return into;
  const page = (p: PDFObject | undefined) => (p instanceof PDFRef ? pageIndex.get(p.toString()) : undefined);
  if (value instanceof PDFNumber) {
    const index = page(pg);
    if (index !== undefined) into.push({ page: index, mcid: value.asNumber() });
    return into;
  }
  const d = value instanceof PDFRef ? tree.context.lookup(value) : value;
  if (d instanceof PDFArray) {
    for (const v of d.asArray()) partsOf(tree, pageIndex, v, pg, depth + 1, into);
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
  return partsOf(tree, pageIndex, d.get(K), d.get(PG) ?? pg, depth + 1, into);
}

/**
 * Link annotations: /Contents from the text their Link element shows. First the marked content each link holds,
 * then the text of just those sequences, page by page. Returns how many annotations got one.
 */
function describeLinks(tree: StructureTree): number {
  const pages = tree.doc.getPages();
  const pageIndex = new Map(pages.map((p, i) => [p.ref.toString(), i]));
  const links: Array<{ annotations: PDFDict[]; parts: Part[] }> = [];
  for (const { dict } of tree.elements) {
    if (tree.typeOf(dict) !== 'Link') continue;
    const annotations = tree
      .kidDicts(dict)
      .filter((kid) => kid.get(TYPE)?.toString() === '/OBJR')
      .map((objr) => objr.lookupMaybe(PDFName.of('Obj'), PDFDict))
      .filter((a): a is PDFDict => a !== undefined && !a.has(PDFName.of('Contents')));
    if (annotations.length > 0) links.push({ annotations, parts: partsOf(tree, pageIndex, dict.get(K), dict.get(PG), 0, []) });
  }
  const wanted = new Map<number, Set<number>>();
  for (const { parts } of links) for (const part of parts) if (typeof part !== 'string') (wanted.get(part.page) ?? wanted.set(part.page, new Set()).get(part.page)!).add(part.mcid);
  const texts = new Map([...wanted].map(([index, mcids]) => [index, textByMcid(pages[index]!, mcids)]));
  let described = 0;
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
      described++;
    }
  }
  return described;
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
