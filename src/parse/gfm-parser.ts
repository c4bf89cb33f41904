/**
 * Markdown with GFM (remark-parse + remark-gfm) -> mdast: the same trees,
 * faster on prose. Sections in plain Markdown skip micromark altogether
 * (see plain-markdown.ts); the rest goes through micromark, narrowed here.
 *
 * Two GFM constructs cost as much as the rest of the parse on ordinary notes:
 * - email autolinks are tried at the start of every word (`contact@example.org`
 *   needs the word to run into an `@`), and www/http autolinks at every word
 *   starting with `w` or `h`;
 * - tables are tried at the start of every line.
 * Here an autolink is only tried where the text itself can hold one: the word
 * at that point runs into `@`, or the text there starts with `www.`, `http:`
 * or `https:` (looked up in the source string by the tokenizer's offset;
 * whenever the offset does not point at the character being tokenized, the
 * construct is tried as usual). Tables are only tried in a text with a `|`,
 * `:-` or `-:` (a delimiter row has one of them). The search for addresses in
 * text after parsing skips blocks without any (see `fasterTransforms`).
 * Everywhere else those constructs would fail, so leaving them out changes no tree:
 * test/unit/gfm-parser.test.ts compares both parsers on the examples, the
 * fixtures and generated text.
 */
import type { Root, RootContent } from 'mdast';
import type { Code, Construct, Extension, TokenizeContext } from 'micromark-util-types';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified, type Processor } from 'unified';
import { parseInSections, type ParseMarkdown } from './plain-markdown.js';

/** The text being parsed (parsing is synchronous: set just before, cleared just after). */
let source = '';
/** micromark drops a leading byte order mark from its offsets. */
let bom = 0;

const isAtext = (c: number) => c === 43 || c === 45 || c === 46 || c === 95 || (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/** Where the character `code` being tokenized sits in `source`, or -1 when that cannot be confirmed. */
function sourceOffset(context: TokenizeContext, code: number): number {
  const offset = context.now().offset + bom;
  return source.charCodeAt(offset) === code ? offset : -1;
}

/** Could the construct succeed here? False only when it certainly cannot. */
const CANDIDATE: Record<string, (offset: number) => boolean> = {
  emailAutolink: (offset) => {
    let i = offset;
    while (isAtext(source.charCodeAt(i))) i++;
    return source.charCodeAt(i) === 64; // `@`
  },
  wwwAutolink: (offset) => source.slice(offset, offset + 4).toLowerCase() === 'www.',
  protocolAutolink: (offset) => /^https?:/i.test(source.slice(offset, offset + 6)),
};

function narrowed(construct: Construct, code: number): Construct {
  const candidate = construct.name ? CANDIDATE[construct.name] : undefined;
  const previous = construct.previous;
  if (!candidate || !previous) return construct;
  return {
    ...construct,
    previous(this: TokenizeContext, before: Code) {
      if (!previous.call(this, before)) return false;
      const offset = sourceOffset(this, code);
      return offset < 0 || candidate(offset);
    },
  };
}

type Hooks = Record<string, Construct | Construct[] | undefined>;

/** A copy of the micromark extensions with narrowed autolinks, and without tables when `tables` is false. */
function fasterExtensions(extensions: Extension[], tables: boolean): Extension[] {
  return extensions.map((extension) => {
    const copy: Extension = { ...extension };
    if (extension.text) {
      const text: Hooks = {};
      for (const [key, value] of Object.entries(extension.text as Hooks)) {
        const code = Number(key);
        text[key] = !value || Number.isNaN(code) ? value : Array.isArray(value) ? value.map((c) => narrowed(c, code)) : narrowed(value, code);
      }
      copy.text = text as Extension['text'];
    }
    if (extension.flow && !tables) {
      const flow: Hooks = {};
      for (const [key, value] of Object.entries(extension.flow as Hooks)) {
        flow[key] = Array.isArray(value) ? value.filter((c) => c.name !== 'table') : value?.name === 'table' ? [] : value;
      }
      copy.flow = flow as Extension['flow'];
    }
    return copy;
  });
}

/**
 * Blocks whose text can hold a literal autolink once parsed: an `@`, `www.` or `http(s)://` in the source, or a
 * character reference or backslash escape that could make one.
 */
const MAY_HOLD_LITERAL = /[@&\\]|www\.|https?:\/\//i;

function mayHoldLiteral(block: RootContent): boolean {
  const start = block.position?.start.offset;
  const end = block.position?.end.offset;
  return start === undefined || end === undefined || MAY_HOLD_LITERAL.test(source.slice(start + bom, end + bom));
}

type Transform = (tree: Root) => Root | undefined | void;
type FromMarkdownExtension = { transforms?: Transform[]; enter?: Record<string, unknown> } | FromMarkdownExtension[];

/**
 * mdast-util-gfm-autolink-literal also looks for addresses in every text node of the tree after parsing (with
 * patterns that are slow on long prose): here only in the top-level blocks that can hold one. The search never
 * looks beyond one text node, so searching those blocks alone finds the same.
 */
function fasterTransforms(extensions: FromMarkdownExtension[]): FromMarkdownExtension[] {
  return extensions.map((extension) => {
    if (Array.isArray(extension)) return fasterTransforms(extension);
    if (!extension.transforms || !extension.enter || !('literalAutolink' in extension.enter)) return extension;
    return {
      ...extension,
      transforms: extension.transforms.map((transform): Transform => (tree) => {
        const blocks = tree.children.filter(mayHoldLiteral);
        if (blocks.length === tree.children.length) return transform(tree);
        if (blocks.length) transform({ ...tree, children: blocks });
        return undefined;
      }),
    };
  });
}

function processor(frontmatter: boolean, tables: boolean) {
  const p = unified().use(remarkParse).use(remarkGfm);
  if (frontmatter) p.use(remarkFrontmatter, ['yaml']);
  // A plugin, so that it runs after the ones above have added their extensions (when the processor freezes).
  return p
    .use(function faster(this: Processor) {
      const data = this.data() as { micromarkExtensions?: Extension[]; fromMarkdownExtensions?: FromMarkdownExtension[] };
      data.micromarkExtensions = fasterExtensions(data.micromarkExtensions ?? [], tables);
      data.fromMarkdownExtensions = fasterTransforms(data.fromMarkdownExtensions ?? []);
    })
    .freeze();
}

/** Text that can hold a GFM table: a delimiter row has a `|`, or a `:` next to a `-`. */
const MAY_HOLD_TABLE = /\||:-|-:/;

/** A parser of GFM Markdown (with YAML front matter when asked), as `unified().use(remarkParse).use(remarkGfm)` would parse. */
export function gfmParser(options: { frontmatter?: boolean } = {}): (text: string) => Root {
  const frontmatter = options.frontmatter === true;
  const whole = micromarkParser(frontmatter);
  const section = frontmatter ? micromarkParser(false) : whole;
  return (text) => parseInSections(text, frontmatter, whole, section);
}

/** The micromark-based parser, with the narrowed constructs above. */
function micromarkParser(frontmatter: boolean): ParseMarkdown {
  const withTables = processor(frontmatter, true);
  const withoutTables = processor(frontmatter, false);
  return (text) => {
    const outer = source;
    const outerBom = bom;
    source = text;
    bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    try {
      return (MAY_HOLD_TABLE.test(text) ? withTables : withoutTables).parse(text) as Root;
    } finally {
      source = outer;
      bom = outerBom;
    }
  };
}
