/**
 * Markdown notes -> the written notes object (`EventNotes` shape), with a map
 * from every value's path to its place in the file.
 *
 * The body is split into sections by headings (see docs/notes-format.md);
 * headings the parser does not recognise become free sections, kept in
 * order, with a warning. Nothing the author wrote is dropped.
 */
import type { Heading, List, ListItem, Paragraph, RootContent } from 'mdast';
import { diagnostic, quote, type Diagnostic, type Position } from '../diagnostics/message.js';
import { didYouMean } from '../diagnostics/suggest.js';
import type { PartName } from '../i18n/locales.js';
import { MARKDOWN_LIMITS, tooDeep } from './complexity.js';
import { gfmParser } from './gfm-parser.js';
import { classifyHeading, knownHeadingPhrases, NESTABLE_PARTS, stripNumbering } from './section-names.js';
import { parseYaml } from './yaml.js';
import type { ParsedNotes, PathKey } from './parsed-notes.js';
import { pathKey } from './parsed-notes.js';

const parseMarkdown = gfmParser({ frontmatter: true });

interface Section {
  heading: Heading;
  title: string;
  depth: number;
  blocks: RootContent[];
  children: Section[];
}

type Path = (string | number)[];
type Notes = Record<string, unknown>;

export function parseMarkdownNotes(text: string): ParsedNotes {
  const messages: Diagnostic[] = [];
  const places = new Map<PathKey, Position>();
  const tree = parseMarkdown(text);
  const deep = tooDeep(tree as never);
  if (deep) {
    const place = positionOf(deep as { position?: unknown });
    return {
      data: undefined,
      messages: [diagnostic('markdown-depth', `Lists, quotes or emphasis nested more than ${MARKDOWN_LIMITS.maxDepth} levels deep cannot be rendered`, place, { fatal: true })],
      locate: () => undefined,
    };
  }

  // Front matter: YAML only, and only at the very top.
  let front: Notes = {};
  let frontLocate: ParsedNotes['locate'] = () => undefined;
  let frontPlace: Position | undefined;
  const fenceProblem = /^(?:\uFEFF)?(?:---[ \t]*[^\s-][^\n]*|\+\+\+[^\n]*|;;;[^\n]*)\r?\n/.exec(text);
  if (fenceProblem) {
    const line = fenceProblem[0].replace(/\r?\n$/, '');
    messages.push(
      diagnostic('front-matter-language', `Front matter must be YAML between two \`---\` lines, not ${quote(line)}`, {
        start: { line: 1, column: 1, offset: 0 },
        end: { line: 1, column: line.length + 1, offset: line.length },
      }, { fatal: true }),
    );
    return { data: undefined, messages, locate: () => undefined };
  }
  const first = tree.children[0];
  let bodyChildren = tree.children;
  if (first && first.type === 'yaml') {
    bodyChildren = tree.children.slice(1);
    const fmStart = first.position!.start.offset!;
    const contentOffset = text.indexOf('\n', fmStart) + 1;
    const parsed = parseYaml(first.value, { offset: contentOffset, line: first.position!.start.line + 1 });
    messages.push(...parsed.messages);
    if (parsed.messages.some((m) => m.fatal)) return { data: undefined, messages, locate: parsed.locate };
    frontLocate = parsed.locate;
    frontPlace = parsed.locate([]);
    if (parsed.data === null || parsed.data === undefined) front = {};
    else if (typeof parsed.data !== 'object' || Array.isArray(parsed.data)) {
      messages.push(
        diagnostic('front-matter-shape', 'Expected the front matter to be a mapping of keys to values, like `title: …`', positionOf(first), { fatal: true }),
      );
      return { data: undefined, messages, locate: parsed.locate };
    } else front = parsed.data as Notes;
  }
  const language = typeof front.language === 'string' ? front.language : undefined;

  const body: Notes = {};
  const set = (path: Path, value: unknown, node: { position?: unknown } | undefined): void => {
    let target: Record<string | number, unknown> = body;
    for (let i = 0; i < path.length - 1; i++) {
      const key = path[i]!;
      if (target[key] === undefined) target[key] = typeof path[i + 1] === 'number' ? [] : {};
      target = target[key] as Record<string | number, unknown>;
    }
    target[path[path.length - 1]!] = value;
    const place = node ? positionOf(node) : undefined;
    if (place) places.set(pathKey(path), place);
  };
  const mark = (path: Path, node: { position?: unknown }): void => {
    const place = positionOf(node);
    if (place && !places.has(pathKey(path))) places.set(pathKey(path), place);
  };

  const slice = (node: { position?: unknown }): string => {
    const p = (node as { position?: { start: { offset?: number }; end: { offset?: number } } }).position;
    return p ? text.slice(p.start.offset, p.end.offset) : '';
  };
  /** A paragraph as one line of inline Markdown: soft line breaks become spaces. */
  const inline = (node: { position?: unknown }): string => slice(node).replace(/[ \t]*\r?\n[ \t]*/g, ' ').trim();
  /**
   * Blocks as Markdown separated by blank lines: paragraphs and list items as one line each, anything else
   * (tables, code, quotes, sub-headings) as written, so nothing the author put there is lost.
   */
  const paragraphs = (blocks: readonly RootContent[]): string =>
    blocks
      .flatMap((b) => (b.type === 'list' ? (b as List).children.map((item) => itemText(item)) : b.type === 'paragraph' ? [inline(b)] : [slice(b).trim()]))
      .filter((s) => s.length > 0)
      .join('\n\n');
  const itemText = (item: ListItem): string => item.children.map((c) => inline(c)).filter(Boolean).join('\n\n');
  /** Raw Markdown of a run of blocks, for free sections. */
  const raw = (blocks: readonly RootContent[]): string => {
    if (blocks.length === 0) return '';
    const start = (blocks[0]!.position?.start.offset) ?? 0;
    const end = (blocks[blocks.length - 1]!.position?.end.offset) ?? start;
    return text.slice(start, end).trim();
  };

  // --- split the body into nested sections -------------------------------
  const preamble: RootContent[] = [];
  const roots: Section[] = [];
  const stack: Section[] = [];
  for (const node of bodyChildren) {
    if (node.type === 'heading') {
      const section: Section = { heading: node, title: stripNumbering(inline(headingContent(node))), depth: node.depth, blocks: [], children: [] };
      while (stack.length && stack[stack.length - 1]!.depth >= node.depth) stack.pop();
      if (stack.length) stack[stack.length - 1]!.children.push(section);
      else roots.push(section);
      stack.push(section);
    } else if (stack.length) stack[stack.length - 1]!.blocks.push(node);
    else preamble.push(node);
  }

  // A single level-1 heading is the title; its sections are the top level.
  let topLevel = roots;
  if (roots.length >= 1 && roots[0]!.depth === 1) {
    const titleSection = roots[0]!;
    set(['title'], titleSection.title, titleSection.heading);
    preamble.push(...titleSection.blocks);
    topLevel = [...titleSection.children, ...roots.slice(1)];
  }
  if (preamble.length) addSummary(preamble, preamble[0]!);

  let lastPart: string = 'start';
  const seenParts = new Map<PartName, Heading>();
  const freeSections: Array<{ title: string; body: string; after: string; node: Heading; bodyPlace?: Position }> = [];

  function claimPart(part: PartName, heading: Heading): boolean {
    const earlier = seenParts.get(part);
    if (earlier) {
      messages.push(
        diagnostic('duplicate-part', `Expected one ${PART_WORDS[part]} section, but found a second one (the first is on line ${earlier.position?.start.line})`, positionOf(heading), {
          note: 'Its content is kept as a free section.',
        }),
      );
      return false;
    }
    seenParts.set(part, heading);
    return true;
  }

  function addSummary(blocks: readonly RootContent[], node: { position?: unknown }): void {
    const textBlocks = blocks.filter(isTextBlock);
    const textValue = paragraphs(textBlocks);
    if (!textValue) return;
    const existing = body.summary as string | undefined;
    set(['summary'], existing ? existing + '\n\n' + textValue : textValue, span(textBlocks) ?? node);
  }

  function addFree(section: Section, reason: 'unknown' | 'duplicate'): void {
    const content = [...section.blocks, ...flattenChildren(section.children)];
    const bodyPlace = span(content) ? positionOf(span(content)!) : undefined;
    freeSections.push({ title: section.title, body: raw(content), after: lastPart, node: section.heading, ...(bodyPlace ? { bodyPlace } : {}) });
    if (reason === 'unknown') {
      const guess = didYouMean(
        section.title.toLowerCase(),
        knownHeadingPhrases(language).map((p) => p.phrase),
      );
      messages.push(
        diagnostic('unknown-heading', `Heading ${quote(section.title)} is not a known part of a report; it is kept as a free section`, positionOf(section.heading), {
          severity: 'warning',
          ...(guess ? { note: `Did you mean ${quote(guess)}?` } : {}),
        }),
      );
    }
  }

  function handle(section: Section, nested: boolean): void {
    const part = classifyHeading(section.title, language);
    if (!part || (nested && !NESTABLE_PARTS.has(part))) {
      addFree(section, 'unknown');
      return;
    }
    if (!claimPart(part, section.heading)) {
      addFree(section, 'duplicate');
      return;
    }
    switch (part) {
      case 'summary':
        addSummary(section.blocks, section.heading);
        for (const child of section.children) handle(child, true);
        lastPart = 'start';
        return;
      case 'highlights':
        return buildHighlights(section);
      case 'participation':
        set(['highlights', 'participation'], paragraphs(section.blocks.filter(isTextBlock)), span(section.blocks.filter(isTextBlock)) ?? section.heading);
        for (const child of section.children) handle(child, true);
        return;
      case 'practices':
        return buildPractices(section);
      case 'nextSteps':
        return buildNextSteps(section);
      case 'upcoming':
        return buildUpcoming(section);
      case 'resources':
        return buildResources(section);
      case 'contacts':
        return buildContacts(section);
    }
  }

  /** Children of a part that are themselves parts (e.g. "Stay tuned" under "Next steps"). */
  function splitNestedParts(children: Section[]): { own: Section[]; parts: Section[] } {
    const own: Section[] = [];
    const parts: Section[] = [];
    for (const child of children) {
      const part = classifyHeading(child.title, language);
      if (part && NESTABLE_PARTS.has(part)) parts.push(child);
      else own.push(child);
    }
    return { own, parts };
  }

  function buildHighlights(section: Section): void {
    set(['highlights', 'title'], section.title, section.heading);
    const intro = paragraphs(section.blocks.filter(isTextBlock));
    mark(['highlights'], section.heading);
    if (intro) set(['highlights', 'intro'], intro, span(section.blocks.filter(isTextBlock)));
    lastPart = 'highlights';
    const { own, parts } = splitNestedParts(section.children);
    own.forEach((theme, i) => {
      const path: Path = ['highlights', 'themes', i];
      set([...path, 'title'], theme.title, theme.heading);
      mark(path, theme.heading);
      const blocks = [...theme.blocks, ...flattenChildren(theme.children)];
      const textBlocks = blocks.filter(isTextBlock);
      const themeText = paragraphs(textBlocks);
      if (themeText) set([...path, 'text'], themeText, span(textBlocks));
    });
    for (const part of parts) handle(part, true);
  }

  function buildPractices(section: Section): void {
    set(['practices', 'title'], section.title, section.heading);
    const intro = paragraphs(section.blocks.filter(isTextBlock));
    mark(['practices'], section.heading);
    if (intro) set(['practices', 'intro'], intro, span(section.blocks.filter(isTextBlock)));
    lastPart = 'practices';
    const { own, parts } = splitNestedParts(section.children);
    own.forEach((topic, t) => {
      const topicPath: Path = ['practices', 'topics', t];
      set([...topicPath, 'title'], topic.title, topic.heading);
      mark(topicPath, topic.heading);
      // Content written straight under a topic, without practice headings, is a practice of the same title;
      // a topic with nothing under it stays an empty topic (and validation says so).
      const hasContent = topic.blocks.some((b) => isTextBlock(b));
      const practiceSections = [...(hasContent ? [{ ...topic, children: [] }] : []), ...topic.children];
      practiceSections.forEach((practice, p) => buildPractice(practice, [...topicPath, 'practices', p]));
    });
    for (const part of parts) handle(part, true);
  }

  function buildPractice(section: Section, path: Path): void {
    mark(path, section.heading);
    const { project, title } = splitProjectTitle(section.title);
    if (project) set([...path, 'project'], project, section.heading);
    set([...path, 'title'], title, section.heading);
    const blocks = [...section.blocks, ...flattenChildren(section.children)];
    const description: RootContent[] = [];
    for (let i = 0; i < blocks.length; i++) {
      const block = blocks[i]!;
      if (block.type === 'paragraph' && isFieldParagraph(block, text)) {
        const next = blocks[i + 1];
        const consumedList = readFields(block, next && next.type === 'list' ? next : undefined, path);
        if (consumedList) i++;
        continue;
      }
      if (isTextBlock(block)) description.push(block);
    }
    const descriptionText = paragraphs(description);
    if (descriptionText) set([...path, 'description'], descriptionText, span(description));
  }

  /** `Key: value` lines; returns true when a following list was taken as the figures. */
  function readFields(paragraph: Paragraph, list: List | undefined, path: Path): boolean {
    const lines = slice(paragraph).split(/\r?\n/);
    const startLine = paragraph.position!.start.line;
    let usedList = false;
    lines.forEach((line, index) => {
      const match = FIELD_LINE.exec(line.trim());
      if (!match) return;
      const key = match[1]!.toLowerCase().replace(/\*/g, '').trim();
      const value = match[2]!.trim();
      const lineNo = startLine + index;
      const column = line.length - line.trimStart().length + 1;
      const node = { position: { start: { line: lineNo, column, offset: 0 }, end: { line: lineNo, column: line.length + 1, offset: 0 } } };
      switch (FIELD_KEYS[key]) {
        case 'project':
          set([...path, 'project'], value, node);
          break;
        case 'presenter':
          set([...path, 'presenter', 'name'], value, node);
          break;
        case 'role':
          set([...path, 'presenter', 'role'], value, node);
          break;
        case 'organisation':
          set([...path, 'presenter', 'organisation'], value, node);
          break;
        case 'region':
          set([...path, 'region'], value, node);
          break;
        case 'country':
          set([...path, 'country'], value, node);
          break;
        case 'link': {
          const link = /^\[([^\]]+)\]\(([^)\s]+)\)$/.exec(value);
          const links = ((getAt(body, [...path, 'links']) as unknown[]) ?? []).length;
          if (link) {
            set([...path, 'links', links, 'title'], link[1], node);
            set([...path, 'links', links, 'url'], link[2], node);
          } else {
            set([...path, 'links', links, 'title'], value, node);
            set([...path, 'links', links, 'url'], value, node);
          }
          break;
        }
        case 'figures': {
          const figures: string[] = value ? value.split(/\s*;\s*/).filter(Boolean) : [];
          if (!value && list && index === lines.length - 1) {
            usedList = true;
            list.children.forEach((item, f) => {
              figures.push(itemText(item));
              places.set(pathKey([...path, 'figures', f]), positionOf(item)!);
            });
          }
          set([...path, 'figures'], figures, node);
          break;
        }
      }
    });
    return usedList;
  }

  function buildNextSteps(section: Section): void {
    set(['nextSteps', 'title'], section.title, section.heading);
    const intro = paragraphs(section.blocks.filter(isTextBlock));
    mark(['nextSteps'], section.heading);
    if (intro) set(['nextSteps', 'intro'], intro, span(section.blocks.filter(isTextBlock)));
    lastPart = 'nextSteps';
    const { own, parts } = splitNestedParts(section.children);
    own.forEach((group, g) => {
      const path: Path = ['nextSteps', 'groups', g];
      mark(path, group.heading);
      set([...path, 'title'], group.title, group.heading);
      const blocks = [...group.blocks, ...flattenChildren(group.children)];
      const items: string[] = [];
      const introBlocks: RootContent[] = [];
      for (const block of blocks) {
        if (block.type === 'list') {
          for (const item of (block as List).children) {
            places.set(pathKey([...path, 'items', items.length]), positionOf(item)!);
            items.push(itemText(item));
          }
        } else if (isTextBlock(block)) introBlocks.push(block);
      }
      const groupIntro = paragraphs(introBlocks);
      if (groupIntro) set([...path, 'intro'], groupIntro, span(introBlocks));
      set([...path, 'items'], items, blocks.find((b) => b.type === 'list') ?? group.heading);
    });
    for (const part of parts) handle(part, true);
  }

  function buildUpcoming(section: Section): void {
    mark(['upcoming'], section.heading);
    set(['upcoming', 'title'], section.title, section.heading);
    lastPart = 'upcoming';
    const items: Notes[] = [];
    section.blocks.forEach((block) => {
      if (block.type !== 'list') {
        if (isTextBlock(block)) keepAsFree(block, section);
        return;
      }
      for (const item of (block as List).children) {
        const path: Path = ['upcoming', 'items', items.length];
        places.set(pathKey(path), positionOf(item)!);
        items.push(parseUpcomingItem(itemText(item)));
      }
    });
    set(['upcoming', 'items'], items, section.heading);
    for (const child of section.children) handle(child, true);
  }

  function buildResources(section: Section): void {
    mark(['resources'], section.heading);
    set(['resources', 'title'], section.title, section.heading);
    lastPart = 'resources';
    const items: Notes[] = [];
    const noteBlocks: RootContent[] = [];
    for (const block of section.blocks) {
      if (block.type === 'list') {
        for (const item of (block as List).children) {
          const path: Path = ['resources', 'items', items.length];
          places.set(pathKey(path), positionOf(item)!);
          const value = itemText(item);
          const link = /^\[([^\]]+)\]\(<?([^)\s>]+)>?\)\s*$/.exec(value);
          if (link) items.push({ title: link[1], url: link[2] });
          else {
            const bare = /^(https?:\/\/\S+)$/.exec(value);
            items.push(bare ? { title: bare[1], url: bare[1] } : { title: value });
          }
        }
      } else if (isTextBlock(block)) noteBlocks.push(block);
    }
    set(['resources', 'items'], items, section.heading);
    const note = paragraphs(noteBlocks);
    if (note) set(['resources', 'note'], note, span(noteBlocks));
    for (const child of section.children) handle(child, true);
  }

  function buildContacts(section: Section): void {
    lastPart = 'contacts';
    const contacts: Notes[] = [];
    const entries: Array<{ value: string; node: { position?: unknown } }> = [];
    for (const block of section.blocks) {
      if (block.type === 'list') for (const item of (block as List).children) entries.push({ value: itemText(item), node: item });
      else if (block.type === 'paragraph') entries.push({ value: slice(block).trim(), node: block });
      else if (isTextBlock(block)) keepAsFree(block, section);
    }
    for (const entry of entries) {
      places.set(pathKey(['contacts', contacts.length]), positionOf(entry.node)!);
      contacts.push(parseContact(entry.value));
    }
    set(['contacts'], contacts, section.heading);
    for (const child of section.children) handle(child, true);
  }

  function keepAsFree(block: RootContent, section: Section): void {
    freeSections.push({ title: section.title, body: raw([block]), after: lastPart, node: section.heading });
  }

  for (const section of topLevel) handle(section, false);

  if (freeSections.length) {
    const list = freeSections.map((f, i) => {
      places.set(pathKey(['sections', i]), positionOf(f.node)!);
      places.set(pathKey(['sections', i, 'title']), positionOf(f.node)!);
      if (f.bodyPlace) places.set(pathKey(['sections', i, 'body']), f.bodyPlace);
      return { title: f.title, body: f.body, after: f.after };
    });
    set(['sections'], list, undefined);
  }

  // Merge: front matter facts + body parts; a part written twice is an error, never an overwrite.
  const data: Notes = { ...front };
  for (const [key, value] of Object.entries(body)) {
    if (key in front) {
      messages.push(
        diagnostic(
          'duplicate-part',
          `${quote(key)} is set in the front matter and again in the body; keep one`,
          positionOf(seenParts.get(key as PartName) ?? {}) ?? places.get(pathKey([key])) ?? frontLocate([key], 'key'),
        ),
      );
      continue;
    }
    data[key] = value;
  }

  const locate: ParsedNotes['locate'] = (path, target = 'value') => {
    if (path.length === 0) return frontPlace ?? { start: { line: 1, column: 1, offset: 0 } };
    if (String(path[0]) in front) return frontLocate(path, target);
    for (let n = path.length; n >= 0; n--) {
      const place = places.get(pathKey(path.slice(0, n)));
      if (place) return place;
    }
    return undefined;
  };
  return { data, messages, locate };
}

// ---------------------------------------------------------------------------

/** Parts as a person names them, for messages. */
const PART_WORDS: Record<PartName, string> = {
  summary: 'summary',
  highlights: 'highlights',
  participation: 'participation',
  practices: 'good practices',
  nextSteps: 'next steps',
  upcoming: 'upcoming activities',
  resources: 'resources',
  contacts: 'contacts',
};

const FIELD_KEYS: Record<string, 'project' | 'presenter' | 'role' | 'organisation' | 'region' | 'country' | 'link' | 'figures'> = {
  project: 'project',
  presenter: 'presenter',
  speaker: 'presenter',
  role: 'role',
  organisation: 'organisation',
  organization: 'organisation',
  region: 'region',
  country: 'country',
  link: 'link',
  website: 'link',
  figures: 'figures',
  'key figures': 'figures',
};

const FIELD_LINE = /^\**([A-Za-z][A-Za-z ]{1,20}?)\**\s*:\**\s*(.*)$/;

function isFieldParagraph(paragraph: Paragraph, text: string): boolean {
  const source = text.slice(paragraph.position!.start.offset, paragraph.position!.end.offset);
  const lines = source.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  return (
    lines.length > 0 &&
    lines.every((line) => {
      const match = FIELD_LINE.exec(line);
      return match !== null && match[1]!.toLowerCase().replace(/\*/g, '').trim() in FIELD_KEYS;
    })
  );
}

/**
 * Blocks that are content of the part they stand in: everything but comments. (Raw HTML stays in the text,
 * where validation reports it and rendering leaves it out.)
 */
function isTextBlock(node: RootContent): boolean {
  if (node.type === 'html') return !/^\s*<!--[\s\S]*-->\s*$/.test(node.value);
  return node.type !== 'yaml';
}

function flattenChildren(sections: Section[]): RootContent[] {
  return sections.flatMap((s) => [s.heading as RootContent, ...s.blocks, ...flattenChildren(s.children)]);
}

/** The heading's inline content: its source without the `#` marks. */
function headingContent(heading: Heading): { position?: unknown } {
  const start = heading.children[0]?.position?.start;
  const end = heading.children[heading.children.length - 1]?.position?.end;
  if (!start || !end) return { position: undefined };
  return { position: { start, end } };
}

/** A node-like value spanning a run of blocks, for placing a value made of several paragraphs. */
function span(blocks: readonly { position?: unknown }[]): { position?: unknown } | undefined {
  const first = blocks[0]?.position as { start: unknown } | undefined;
  const last = blocks[blocks.length - 1]?.position as { end: unknown } | undefined;
  return first && last ? { position: { start: first.start, end: last.end } } : undefined;
}

export function positionOf(node: { position?: unknown }): Position | undefined {
  const p = node.position as { start: { line: number; column: number; offset?: number }; end: { line: number; column: number; offset?: number } } | undefined;
  if (!p) return undefined;
  return { start: { ...p.start }, end: { ...p.end } };
}

function getAt(root: unknown, path: Path): unknown {
  let node = root as Record<string | number, unknown> | undefined;
  for (const key of path) node = node?.[key] as Record<string | number, unknown> | undefined;
  return node;
}

/** `ENAIBLER – AI Foundation Certificate` -> project and title. */
export function splitProjectTitle(heading: string): { project?: string; title: string } {
  const match = /^(\S(?:.*?\S)?)\s+[–—]\s+(.+)$/.exec(heading) ?? /^(\S+)\s+-\s+(.+)$/.exec(heading) ?? /^([A-Z0-9][A-Za-z0-9-]{1,24}):\s+(.+)$/.exec(heading);
  if (match && match[1]!.split(/\s+/).length <= 3) return { project: match[1]!, title: match[2]! };
  return { title: heading };
}

/** `Thematic workshop: University-industry collaboration` -> kind and title; `2024-10-10 – …` -> date. */
export function parseUpcomingItem(value: string): Notes {
  const item: Notes = {};
  let rest = value;
  const date = /^(\d{4}-\d{2}-\d{2})\s*(?:[–—:-]\s*)?(.*)$/.exec(rest);
  if (date) {
    item.date = date[1];
    rest = date[2]!;
  }
  const link = /^\[([^\]]+)\]\(<?([^)\s>]+)>?\)$/.exec(rest);
  const kind = /^([^:[\]()]{2,40}):\s+(.+)$/.exec(rest);
  if (kind && kind[1]!.trim().split(/\s+/).length <= 4) {
    item.kind = kind[1]!.trim();
    rest = kind[2]!.trim();
  }
  const innerLink = /^\[([^\]]+)\]\(<?([^)\s>]+)>?\)$/.exec(rest) ?? link;
  if (innerLink) {
    item.title = innerLink[1];
    item.url = innerLink[2];
  } else item.title = rest;
  return { title: item.title, ...(item.kind ? { kind: item.kind } : {}), ...(item.date ? { date: item.date } : {}), ...(item.url ? { url: item.url } : {}) };
}

/** Anything that looks like an address (checked properly by the valid-email rule). */
const EMAIL = /<?(?:mailto:)?([^\s<>()[\],;]+@[^\s<>()[\],;]*?)>?(?=$|[\s,;)])/;

/** `Laura Varisco <l.varisco@policylearning.eu>` and friends -> name and email. */
export function parseContact(value: string): Notes {
  const flat = value.replace(/\s*\n\s*/g, ' ').trim();
  const linked = /\[([^\]]*)\]\(mailto:([^)]+)\)/.exec(flat);
  if (linked) {
    const name = flat.replace(linked[0], linked[1]!.includes('@') ? '' : linked[1]!).replace(/[\s,;–—-]+$/, '').trim();
    return { name: name || linked[1]!, email: linked[2]! };
  }
  const email = EMAIL.exec(flat);
  if (!email) return { name: flat };
  const name = flat
    .replace(email[0], '')
    .replace(/[<>()]/g, '')
    .replace(/[\s,;:–—-]+$/, '')
    .trim();
  return { name, email: email[1]! };
}
