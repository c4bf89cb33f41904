/** Links left with a placeholder address (`#`, empty, `example.com`): the report would print a dead link. */
import type { Link, Parent, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { Node } from 'unist';
import { diagnostic, quote } from '../../diagnostics/message.js';
import type { ReaderContext } from './context.js';
import { positionOf } from './tree.js';

const PLACEHOLDER = /^(?:#?|(?:https?:\/\/)?(?:www\.)?example\.com(?:[/?#].*)?)$/i;

export function isPlaceholderUrl(url: string): boolean {
  return PLACEHOLDER.test(url.trim());
}

/**
 * Every link of the blocks, in document order (each node before what it holds). A plain walk: it runs over every
 * node of every file, and unist-util-visit's list of ancestors per node is not needed here.
 */
export function warnPlaceholderLinks(blocks: readonly RootContent[], ctx: ReaderContext): void {
  const walk = (node: Node): void => {
    if (node.type === 'link' && isPlaceholderUrl((node as Link).url)) {
      const link = node as Link;
      ctx.out.report(
        diagnostic('placeholder-link', `Link ${quote(toString(link))} points at a placeholder address ${quote(link.url || '(empty)')}`, positionOf(link), {
          severity: 'warning',
          note: 'Write the real address, or the text without a link.',
        }),
      );
    }
    const children = (node as Parent).children;
    if (children) for (let i = 0; i < children.length; i++) walk(children[i]!);
  };
  for (const block of blocks) walk(block);
}
