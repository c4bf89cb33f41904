/**
 * Which images a report will show, found the way the renderer finds them:
 * image fields (`{ src, alt }`) and every image the Markdown renderer emits
 * from a text, read from the same mdast tree: `![a](src)`, and `![a][r]`,
 * `![r][]`, `![r]` with the definition `[r]: src` resolved (the first
 * definition of a label wins, as in CommonMark). The pipeline checks and
 * embeds each of them; the renderer shows only what was embedded, so an image
 * the check did not see cannot reach the page.
 */
import type { Definition, Image, Node, Parent, Root } from 'mdast';
import { visit } from 'unist-util-visit';
import { parseRichText } from './markdown-text.js';

export interface ImageReference {
  src: string;
  /** Path of the value that mentions it, for placing diagnostics. */
  path: (string | number)[];
  /** What to look for in that value to place the diagnostic (the source as written, when it differs from `src`). */
  needle?: string;
}

const parse = parseRichText;

/** The first definition of each label (identifiers are already normalised by the parser). */
function definitionsOf(tree: Root): Map<string, Definition> {
  const definitions = new Map<string, Definition>();
  visit(tree, 'definition', (node: Definition) => {
    if (!definitions.has(node.identifier)) definitions.set(node.identifier, node);
  });
  return definitions;
}

/**
 * Every image the renderer emits from this tree, as an `image` node: reference-style images whose label is defined
 * become plain images with the definition's URL and title (what remark-rehype would make of them), so that one
 * place decides what their `src` becomes.
 */
export function imageNodes(tree: Root): Array<{ image: Image; source: Node }> {
  const definitions = definitionsOf(tree);
  const found: Array<{ image: Image; source: Node }> = [];
  visit(tree, (node, index, parent: Parent | undefined) => {
    if (node.type === 'image') found.push({ image: node as Image, source: node });
    else if (node.type === 'imageReference' && parent && index !== undefined) {
      const reference = node as Node & { identifier: string; alt?: string | null };
      const definition = definitions.get(reference.identifier);
      // An undefined label is shown as text, not as an image.
      if (!definition) return;
      const image: Image = { type: 'image', url: definition.url, title: definition.title ?? null, alt: reference.alt ?? '', position: node.position };
      parent.children[index] = image as (typeof parent.children)[number];
      found.push({ image, source: definition });
    }
  });
  return found;
}

/** Replace every image's URL with what the resolver gives (the embedded data: URL), or nothing. */
export function resolveImageNodes(tree: Root, resolveImage: ((src: string) => string | undefined) | undefined): void {
  for (const { image } of imageNodes(tree)) image.url = (resolveImage && resolveImage(image.url)) ?? '';
}

/** Every image the report mentions: image fields and every image the Markdown in its texts renders. */
export function findImageReferences(notes: unknown): ImageReference[] {
  const out: ImageReference[] = [];
  const visitValue = (value: unknown, path: (string | number)[]) => {
    if (typeof value === 'string') {
      // Every Markdown image starts with `![`: texts without one need no parse.
      if (value.includes('![')) out.push(...textImages(value, path));
    } else if (Array.isArray(value)) value.forEach((v, i) => visitValue(v, [...path, i]));
    else if (value && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      const src = Object.hasOwn(record, 'src') ? record.src : undefined;
      if (typeof src === 'string' && typeof (Object.hasOwn(record, 'alt') ? record.alt : undefined) === 'string') out.push({ src, path: [...path, 'src'] });
      for (const [k, v] of Object.entries(record)) if (k !== 'src') visitValue(v, [...path, k]);
    }
  };
  visitValue(notes, []);
  return out;
}

function textImages(text: string, path: (string | number)[]): ImageReference[] {
  return imageNodes(parse(text)).map(({ image, source }) => {
    const start = source.position?.start.offset;
    const end = source.position?.end.offset;
    // The URL as the renderer sees it is usually written as is; otherwise (escapes, entities) place at the construct.
    const needle = text.includes(image.url) || start === undefined || end === undefined ? undefined : text.slice(start, end);
    return needle ? { src: image.url, path, needle } : { src: image.url, path };
  });
}
