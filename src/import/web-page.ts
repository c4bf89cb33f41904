/**
 * A saved event page (.html) -> blocks: the page's main content (its `<main>`, else its `<article>`, else the
 * `<body>` without navigation, header, footer, forms and scripts), then rehype-remark to Markdown's tree, the same
 * way as a Word document. Its images (`data:` URLs, files in the page's own folder) are kept beside the notes;
 * nothing the page points at is fetched.
 */
import type { Element, Root as HastRoot, RootContent as HastContent } from 'hast';
import type { Root } from 'mdast';
import rehypeParse from 'rehype-parse';
import rehypeRemark from 'rehype-remark';
import { unified } from 'unified';
import type { ImportedText } from './blocks.js';
import { keepPageImage, type ReportImages } from './images.js';
import { blocksOfTree, dropImagesWithoutSource } from './word-document.js';

const NOT_CONTENT = new Set(['nav', 'header', 'footer', 'aside', 'form', 'script', 'style', 'noscript', 'template', 'iframe', 'svg', 'button']);

function find(node: HastRoot | Element, name: string): Element | undefined {
  for (const child of node.children) {
    if (child.type !== 'element') continue;
    if (child.tagName === name) return child;
    const inner = find(child, name);
    if (inner) return inner;
  }
  return undefined;
}

function withoutChrome(node: Element): Element {
  const children = node.children.filter((c) => c.type !== 'element' || !NOT_CONTENT.has(c.tagName)).map((c) => (c.type === 'element' ? withoutChrome(c) : c));
  return { ...node, children: children as Element['children'] };
}

const textOf = (node: Element | undefined): string =>
  node ? node.children.map((c: HastContent) => (c.type === 'text' ? c.value : c.type === 'element' ? textOf(c) : '')).join('').replace(/\s+/gu, ' ').trim() : '';

/** Every `<img>` below `node` gets the path of its kept image as `src`, or none (it is then dropped). */
async function keepImages(node: Element, images: ReportImages, pageFolder: string): Promise<void> {
  for (const child of node.children) {
    if (child.type !== 'element') continue;
    if (child.tagName !== 'img') {
      await keepImages(child, images, pageFolder);
      continue;
    }
    const src = typeof child.properties.src === 'string' ? child.properties.src.trim() : '';
    const alt = typeof child.properties.alt === 'string' ? child.properties.alt : undefined;
    const kept = src ? await keepPageImage(images, src, alt, pageFolder) : images.leaveOut('an image with no `src`');
    child.properties = kept ? { src: kept, ...(alt ? { alt } : {}) } : {};
  }
}

/** `pageFolder`: the page's folder, as a real path; images are read from inside it only. */
export async function readWebPage(html: string, images: ReportImages, pageFolder: string): Promise<ImportedText> {
  const page = unified().use(rehypeParse).parse(html) as HastRoot;
  const main = find(page, 'main') ?? find(page, 'article') ?? find(page, 'body');
  const notes: string[] = [];
  if (!find(page, 'main') && !find(page, 'article')) notes.push('the page has no `<main>` or `<article>`: its whole body was read, without navigation, header and footer');
  const kept = main ? withoutChrome(main) : undefined;
  if (kept) {
    await keepImages(kept, images, pageFolder);
    dropImagesWithoutSource(kept);
  }
  const content: HastRoot = { type: 'root', children: kept ? [kept] : [] };
  const tree = unified().use(rehypeRemark).runSync(content) as Root;
  const blocks = blocksOfTree(tree);
  const title = textOf(find(page, 'title'));
  const lang = find(page, 'html')?.properties?.lang;
  return {
    blocks,
    facts: { ...(title ? { title } : {}), ...(typeof lang === 'string' && /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/u.test(lang) ? { language: lang } : {}) },
    hasSizes: false,
    notes,
  };
}
