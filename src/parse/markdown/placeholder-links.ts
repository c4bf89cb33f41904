/** Links left with a placeholder address (`#`, empty, `example.com`): the report would print a dead link. */
import type { Link, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import { diagnostic, quote } from '../../diagnostics/message.js';
import type { ReaderContext } from './context.js';
import { positionOf } from './tree.js';

const PLACEHOLDER = /^(?:#?|(?:https?:\/\/)?(?:www\.)?example\.com(?:[/?#].*)?)$/i;

export function isPlaceholderUrl(url: string): boolean {
  return PLACEHOLDER.test(url.trim());
}

export function warnPlaceholderLinks(blocks: readonly RootContent[], ctx: ReaderContext): void {
  for (const block of blocks) {
    visit(block, 'link', (link: Link) => {
      if (!isPlaceholderUrl(link.url)) return;
      ctx.out.report(
        diagnostic('placeholder-link', `Link ${quote(toString(link))} points at a placeholder address ${quote(link.url || '(empty)')}`, positionOf(link), {
          severity: 'warning',
          note: 'Write the real address, or the text without a link.',
        }),
      );
    });
  }
}
