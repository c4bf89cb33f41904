/**
 * A Word document (.docx) -> blocks: mammoth turns it into HTML (headings by their styles, lists, bold, links),
 * rehype-parse and rehype-remark into Markdown's tree, and each top-level node becomes a block. Images are kept
 * beside the notes (images.ts) and referenced with their alt text; nothing is fetched.
 */
import type { Element, Root as HastRoot } from 'hast';
import type { List, Root, RootContent } from 'mdast';
import { toMarkdown } from 'mdast-util-to-markdown';
import rehypeParse from 'rehype-parse';
import rehypeRemark from 'rehype-remark';
import { unified } from 'unified';
import { labelPack } from '../i18n/locales.js';
import type { ImportedText, TextBlock } from './blocks.js';
import type { ReportImages } from './images.js';
import { checkZip } from './zip-check.js';

/** Word's title-page styles, as pandoc and Word write them, kept apart from the headings. */
const STYLE_MAP = ['Subtitle', 'Date', 'Author', 'First Paragraph', 'Body Text'].map((name) => `p[style-name='${name}'] => p:fresh`).concat("p[style-name='Title'] => h1:fresh");

/**
 * Word joins a paragraph's lines with spaces: `Country: Ireland Figures:`. A paragraph that starts with a key
 * line is split again before each key the notes reader knows (English and the label packs' `keys`).
 */
function keyLines(text: string): string[] {
  const words = new Set<string>(['project', 'presenter', 'role', 'organisation', 'region', 'country', 'link', 'figures', 'key figures', 'speakers']);
  for (const list of Object.values(labelPack('en').keys)) for (const w of list) words.add(w);
  const alternatives = [...words].sort((a, b) => b.length - a.length).map((w) => w.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&')).join('|');
  const key = new RegExp(`^(?:\\*\\*)?(?:${alternatives})(?:\\*\\*)?\\s*:`, 'iu');
  if (!key.test(text)) return [text];
  return text.split(new RegExp(`\\s+(?=(?:\\*\\*)?(?:${alternatives})(?:\\*\\*)?\\s*:)`, 'iu'));
}

const inline = (node: RootContent) => toMarkdown({ type: 'paragraph', children: 'children' in node ? (node.children as never) : [] } as never).trim();

export function blocksOfTree(tree: Root): TextBlock[] {
  const blocks: TextBlock[] = [];
  const add = (node: RootContent) => {
    if (node.type === 'heading') blocks.push({ lines: [inline(node)], page: 1, headingLevel: node.depth });
    else if (node.type === 'paragraph') {
      const lines = inline(node).split('\n').flatMap(keyLines);
      blocks.push({ lines, page: 1, ...(lines.length > 1 ? { hardBreaks: true } : {}) });
    }
    else if (node.type === 'list') {
      for (const item of (node as List).children) {
        const text = item.children.map((c) => (c.type === 'paragraph' ? inline(c) : toMarkdown(c as never).trim())).join(' ');
        if (text) blocks.push({ lines: [text.replace(/\s*\n\s*/gu, ' ')], page: 1, bullet: true });
      }
    } else if (node.type === 'thematicBreak') return;
    else {
      const text = toMarkdown(node as never).trim();
      if (text) blocks.push({ lines: [text.replace(/\s*\n\s*/gu, ' ')], page: 1 });
    }
  };
  for (const node of tree.children) add(node);
  return blocks;
}

/** An `<img>` whose image was left out (no `src`) is no image in the notes. */
export function dropImagesWithoutSource(node: HastRoot | Element): void {
  node.children = node.children.filter((child) => !(child.type === 'element' && child.tagName === 'img' && !child.properties.src));
  for (const child of node.children) if (child.type === 'element') dropImagesWithoutSource(child);
}

export function blocksOfHtml(html: string): TextBlock[] {
  // Word's bookmarks (`<a id="…"></a>` before a heading) carry no text; between blocks they would start paragraphs.
  const clean = html.replace(/<a id="[^"]*"><\/a>/gu, '');
  const page = unified().use(rehypeParse, { fragment: true }).parse(clean) as HastRoot;
  dropImagesWithoutSource(page);
  const tree = unified().use(rehypeRemark).runSync(page) as Root;
  return blocksOfTree(tree);
}

export async function readWordDocument(data: Buffer, images: ReportImages): Promise<ImportedText> {
  // A zip bomb is refused before mammoth (JSZip) unpacks anything.
  checkZip(data);
  const mammoth = (await import('mammoth')).default;
  let seen = 0;
  // mammoth sets the `<img>`'s alt from the picture's description (`altText`, which its types leave out); a picture
  // left out gets no `src` and is dropped.
  const convertImage = mammoth.images.imgElement(async (image) => {
    const n = ++seen;
    const src = images.keep(await image.readAsBuffer(), (image as { altText?: string }).altText, `the Word image ${n}`);
    return { src: src ?? '' };
  });
  const result = await mammoth.convertToHtml({ buffer: data }, { styleMap: STYLE_MAP, convertImage });
  const unknown = new Set(result.messages.flatMap((m) => (/^Unrecognised (?:paragraph|run) style: '([^']+)'/u.exec(m.message)?.[1] ? [/'([^']+)'/u.exec(m.message)![1]!] : [])));
  const notes = unknown.size ? [`the Word styles ${[...unknown].map((n) => `\`${n}\``).join(', ')} were read as plain text`] : [];
  return { blocks: blocksOfHtml(result.value), facts: {}, hasSizes: false, notes };
}
