/**
 * Limits that keep pathological notes from tying up a build: Markdown's
 * bracket matching is quadratic in unclosed `[`, and deep nesting overflows
 * the stack when rendering. Real notes are far below both limits.
 */
import { diagnostic, type Diagnostic } from '../diagnostics/message.js';
import { pointAt } from '../diagnostics/position.js';

export const MARKDOWN_LIMITS = {
  /** `[` in one file: links, images, brackets. */
  maxBrackets: 5_000,
  /** Blockquote markers at the start of one line, and levels of the Markdown tree. */
  maxDepth: 64,
} as const;

const DEEP_QUOTE = new RegExp(`^[ \\t]*(?:>[ \\t]*){${MARKDOWN_LIMITS.maxDepth + 1},}`, 'm');

export function complexityProblems(text: string): Diagnostic[] {
  let brackets = 0;
  for (let i = text.indexOf('['); i >= 0; i = text.indexOf('[', i + 1)) {
    if (++brackets > MARKDOWN_LIMITS.maxBrackets) {
      const at = pointAt(text, i);
      return [
        diagnostic('markdown-complexity', `More than ${MARKDOWN_LIMITS.maxBrackets.toLocaleString('en')} \`[\` in one file; notes cannot hold that many links or brackets`, { start: at, end: at }, { fatal: true }),
      ];
    }
  }
  // Only a text with that many `>` at all can nest quotes that deep: skip the line scan otherwise.
  let markers = 0;
  for (let i = text.indexOf('>'); i >= 0 && markers <= MARKDOWN_LIMITS.maxDepth; i = text.indexOf('>', i + 1)) markers++;
  const deepQuote = markers > MARKDOWN_LIMITS.maxDepth ? DEEP_QUOTE.exec(text) : null;
  if (deepQuote) {
    const at = pointAt(text, deepQuote.index);
    return [diagnostic('markdown-depth', `Quotes nested more than ${MARKDOWN_LIMITS.maxDepth} levels deep cannot be rendered`, { start: at, end: at }, { fatal: true })];
  }
  return [];
}

interface TreeNode {
  children?: TreeNode[];
  position?: { start: { line: number; column: number; offset?: number } };
}

/** The first node nested deeper than the limit, if any (iterative: the tree itself may be that deep). */
export function tooDeep(root: TreeNode, limit: number = MARKDOWN_LIMITS.maxDepth): TreeNode | undefined {
  const stack: Array<[TreeNode, number]> = [[root, 0]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (depth > limit) return node;
    for (const child of node.children ?? []) stack.push([child, depth + 1]);
  }
  return undefined;
}
