/**
 * Rich text from notes (inline and block Markdown, no front matter) -> mdast: remark-parse and remark-gfm as
 * published. One parser for the renderer and for finding the images it will show, so the two cannot disagree.
 */
import type { Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

const parser = unified().use(remarkParse).use(remarkGfm).freeze();

export function parseRichText(markdown: string): Root {
  return parser.parse(markdown) as Root;
}
