/**
 * YAML parsing that is safe with untrusted notes and keeps positions.
 *
 * - YAML 1.2 core schema only: no custom tags (`!!js/function` is an error,
 *   never silently stringified), no timestamps turned into Date objects.
 * - Duplicate keys, alias bombs, deep nesting and prototype keys are errors.
 * - The `Document` is kept so that a JSON pointer from a schema error can be
 *   walked back to the node and its line and column.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node } from 'yaml';
import { diagnostic, quote, type Diagnostic, type Position } from '../diagnostics/message.js';
import { pointAt } from '../diagnostics/position.js';

export const YAML_LIMITS = {
  /** Aliases a document may expand; far below what makes a "billion laughs" bite. */
  maxAliasCount: 50,
  /** Mappings and sequences nested inside each other. */
  maxDepth: 32,
  /** Characters that aliases may add in all: as many as the text holds, and at least this many. */
  minAliasExpansion: 64 * 1024,
} as const;

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** The only explicit tags notes may carry: the core schema's own. */
const PLAIN_TAGS = new Set(['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map((t) => `tag:yaml.org,2002:${t}`));

/** Where a piece of text sits inside the file the user edits. */
export interface TextOrigin {
  /** Offset of the text's first character in the file. */
  offset: number;
  /** 1-based line of the text's first character in the file. */
  line: number;
}

export interface ParsedYaml {
  /** Plain data, or undefined when the document could not be parsed. */
  data: unknown;
  messages: Diagnostic[];
  locate: (path: readonly (string | number)[], target?: 'value' | 'key') => Position | undefined;
}

export function parseYaml(text: string, origin: TextOrigin = { offset: 0, line: 1 }): ParsedYaml {
  const lineCounter = new LineCounter();
  const messages: Diagnostic[] = [];
  const doc = parseDocument(text, {
    lineCounter,
    schema: 'core',
    customTags: [],
    // YAML 1.1 extras (!!omap, !!set, !!binary, !!timestamp) are not part of notes.
    resolveKnownTags: false,
    uniqueKeys: true,
    prettyErrors: false,
    strict: true,
    keepSourceTokens: false,
  });

  const toPosition = (range: readonly [number, number] | [number, number, number] | undefined): Position | undefined => {
    if (!range) return undefined;
    // Past the end of the text (where the parser noticed a problem) means the last character.
    const clamp = (offset: number) => Math.max(0, Math.min(offset, text.replace(/\s+$/, '').length));
    const from = clamp(range[0]);
    const to = Math.max(from, clamp(range[1]));
    const start = pointAt(text, from);
    const end = pointAt(text, to);
    return {
      start: { line: start.line + origin.line - 1, column: start.column, offset: from + origin.offset },
      end: { line: end.line + origin.line - 1, column: end.column, offset: to + origin.offset },
    };
  };

  for (const error of doc.errors) {
    const ruleId = error.code === 'DUPLICATE_KEY' ? 'yaml-duplicate-key' : 'yaml-syntax';
    const plain = plainWords(text, error.code, error.pos[0]);
    if (plain) {
      messages.push(diagnostic(ruleId, plain.reason, toPosition(plain.range ?? error.pos), { fatal: true, note: plain.note }));
      continue;
    }
    // The parser notices an unclosed quote at the end of the input: point at the quote left open instead.
    if (error.code === 'MISSING_CHAR' && /closing "?quote|closing ['"]/i.test(error.message)) {
      const quoteChar = /closing "quote/.test(error.message) ? '"' : /closing 'quote/.test(error.message) ? "'" : undefined;
      const open = quoteChar ? text.lastIndexOf(quoteChar, Math.max(0, error.pos[0] - 1)) : -1;
      if (open >= 0) {
        messages.push(
          diagnostic(ruleId, `YAML syntax error: ${firstLine(error.message)}; the quote opened here is never closed`, toPosition([open, open + 1]), {
            fatal: true,
            note: `Close it where the text ends: ${codeLine(closeQuoteOnLine(text, open, quoteChar!))}`,
          }),
        );
        continue;
      }
    }
    const reason =
      error.code === 'DUPLICATE_KEY'
        ? 'Duplicate key: each key may appear only once in a mapping'
        : `YAML syntax error: ${firstLine(error.message)}`;
    messages.push(diagnostic(ruleId, reason, toPosition(error.pos), { fatal: true }));
  }
  for (const warning of doc.warnings) {
    const ruleId = warning.code === 'TAG_RESOLVE_FAILED' ? 'yaml-tag' : 'yaml-syntax';
    const reason =
      warning.code === 'TAG_RESOLVE_FAILED'
        ? 'Custom YAML tags are not allowed: write plain values without `!tag`'
        : `YAML problem: ${firstLine(warning.message)}`;
    messages.push(diagnostic(ruleId, reason, toPosition(warning.pos), { fatal: true }));
  }

  if (messages.length === 0) checkNodes(doc, toPosition, messages, text);

  let data: unknown;
  if (!messages.some((m) => m.fatal)) {
    try {
      data = doc.toJS({ maxAliasCount: YAML_LIMITS.maxAliasCount });
      // toJS shares what aliases stand for (cheap); what they would add to a report is checked after it.
      const before = messages.length;
      checkAliasExpansion(doc, text.length, toPosition, messages);
      // (warnings found earlier, like `: ` inside `[ ]`, leave the data usable; only a refused alias does not)
      if (messages.length > before) data = undefined;
    } catch (error) {
      messages.push(
        diagnostic(
          'yaml-alias-limit',
          `Too many alias expansions: at most ${YAML_LIMITS.maxAliasCount} are allowed (${firstLine(String((error as Error).message ?? error))})`,
          toPosition(doc.contents?.range ?? undefined),
          { fatal: true },
        ),
      );
    }
  }

  return {
    data,
    messages,
    locate: (path, target = 'value') => locateInDocument(doc, path, target, toPosition),
  };
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '').trim();
}

type ToPosition = (range: readonly [number, number] | [number, number, number] | undefined) => Position | undefined;

/** Tags, nesting depth and prototype keys, checked on the syntax tree before any data is used. */
function checkNodes(doc: Document, toPosition: ToPosition, messages: Diagnostic[], text: string): void {
  let aliases = 0;
  const visit = (node: unknown, depth: number): void => {
    if (messages.length > 20) return;
    if (isAlias(node)) {
      aliases++;
      if (aliases === YAML_LIMITS.maxAliasCount + 1) {
        messages.push(
          diagnostic('yaml-alias-limit', `Too many aliases: at most ${YAML_LIMITS.maxAliasCount} are allowed`, toPosition(node.range ?? undefined), { fatal: true }),
        );
      }
      return;
    }
    const n = node as Node | null;
    if (n && typeof n === 'object' && 'tag' in n && n.tag && !PLAIN_TAGS.has(n.tag)) {
      messages.push(diagnostic('yaml-tag', `Custom YAML tags are not allowed: ${quote(n.tag)}`, toPosition(n.range ?? undefined), { fatal: true }));
    }
    if ((isMap(n) || isSeq(n)) && n.flow) checkFlow(n, text, toPosition, messages);
    if (isMap(n) || isSeq(n)) {
      if (depth > YAML_LIMITS.maxDepth) {
        messages.push(
          diagnostic('yaml-depth', `Nesting is too deep: at most ${YAML_LIMITS.maxDepth} levels are allowed`, toPosition(n.range ?? undefined), { fatal: true }),
        );
        return;
      }
      for (const item of n.items) {
        if (isPair(item)) {
          const key = item.key;
          if (isScalar(key) && typeof key.value === 'string' && FORBIDDEN_KEYS.has(key.value)) {
            messages.push(diagnostic('yaml-forbidden-key', `The key ${quote(key.value)} is not allowed`, toPosition(key.range ?? undefined), { fatal: true }));
          } else if (key && !isScalar(key)) {
            messages.push(diagnostic('yaml-complex-key', 'Keys must be plain text, not mappings or lists', toPosition((key as Node).range ?? undefined), { fatal: true }));
          }
          visit(item.value, depth + 1);
        } else visit(item, depth + 1);
      }
    }
  };
  visit(doc.contents, 0);
}

/**
 * Aliases are capped by count above; this caps what they add: 50 aliases of a 400 KB anchor would otherwise make
 * a 20 MB report. Each alias adds the size of what it stands for (its own aliases included); the alias at which
 * the sum passes the limit is reported.
 */
function checkAliasExpansion(doc: Document, textLength: number, toPosition: ToPosition, messages: Diagnostic[]): void {
  const limit = Math.max(YAML_LIMITS.minAliasExpansion, textLength);
  const sizes = new Map<unknown, number>();
  const sizeOf = (node: unknown): number => {
    if (node === null || node === undefined) return 0;
    const known = sizes.get(node);
    if (known !== undefined) return known;
    // A node that contains an alias to itself counts once.
    sizes.set(node, 0);
    let size: number;
    if (isAlias(node)) size = sizeOf(node.resolve(doc));
    else if (isScalar(node)) size = String(node.source ?? node.value).length + 1;
    else if (isMap(node)) size = node.items.reduce((sum, pair) => sum + sizeOf(pair.key) + sizeOf(pair.value) + 2, 2);
    else if (isSeq(node)) size = node.items.reduce((sum: number, item) => sum + sizeOf(item) + 1, 2);
    else size = 0;
    sizes.set(node, size);
    return size;
  };
  let added = 0;
  let found: Diagnostic | undefined;
  visit(doc, {
    Alias: (_key, alias) => {
      added += sizeOf(alias.resolve(doc));
      if (added <= limit) return undefined;
      found = diagnostic(
        'yaml-alias-limit',
        `Aliases repeat too much text: at most ${limit.toLocaleString('en')} characters in all (as many as the file holds, at least ${YAML_LIMITS.minAliasExpansion.toLocaleString('en')}); this one brings the total to ${added.toLocaleString('en')}`,
        toPosition(alias.range ?? undefined),
        { fatal: true },
      );
      return visit.BREAK;
    },
  });
  if (found) messages.push(found);
}

function locateInDocument(
  doc: Document,
  path: readonly (string | number)[],
  target: 'value' | 'key',
  toPosition: ToPosition,
): Position | undefined {
  let node: unknown = doc.contents;
  let keyNode: unknown;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
      if (!pair) return undefined;
      keyNode = pair.key;
      node = pair.value ?? pair.key;
    } else if (isSeq(node)) {
      const index = Number(segment);
      node = node.items[index];
      keyNode = undefined;
      if (node === undefined) return undefined;
    } else return undefined;
  }
  const chosen = (target === 'key' && keyNode ? keyNode : node) as Node | null;
  return toPosition(chosen?.range ?? undefined);
}

// ---------------------------------------------------------------------------
// YAML mistakes in plain words: what happened, where, and the line as it should be.

interface PlainError {
  reason: string;
  note: string;
  range?: [number, number];
}

function lineAround(text: string, offset: number): { start: number; end: number; line: string } {
  const start = text.lastIndexOf('\n', Math.max(0, offset - 1)) + 1;
  const nl = text.indexOf('\n', offset);
  const end = nl < 0 ? text.length : nl;
  return { start, end, line: text.slice(start, end).replace(/\r$/, '') };
}

/** A whole line for a note, in backticks, not shortened (a fix must be copied as it is). */
function codeLine(line: string, keepIndent = false): string {
  const trimmed = keepIndent ? line : line.trimStart();
  const shown = trimmed.length > 200 ? trimmed.slice(0, 199) + '…' : trimmed;
  return '`' + shown.replace(/`/g, "'").replace(/[\u0000-\u001f\u007f]/g, ' ') + '`';
}

/**
 * In a one-level flow collection (`{ a: b, venue: Grand Palais: Hall 3 }`, `[x, a: b]`), the span of the first
 * item's text that holds `: ` as text: a mapping value after its key, or a list item. Offsets into `flow`.
 */
function flowTextWithColon(flow: string): [number, number] | undefined {
  const mapping = flow.startsWith('{');
  const inner = flow.replace(/^[{[]/, ' ').replace(/[}\]]\s*$/, ' ');
  if (/[{}[\]"']/.test(inner)) return undefined;
  let at = 0;
  for (const item of inner.split(',')) {
    const from = at;
    at += item.length + 1;
    const lead = item.length - item.trimStart().length;
    const text = item.trim();
    const colon = text.indexOf(': ');
    if (colon < 0) continue;
    const valueStart = mapping ? text.slice(colon + 2).search(/\S/) + colon + 2 : 0;
    if (mapping && !text.slice(valueStart).includes(': ')) continue;
    return [from + lead + valueStart, from + lead + text.length];
  }
  return undefined;
}

/** A value in quotes YAML reads back as the same text. */
export function quoteYamlText(value: string): string {
  return value.includes('"') && !value.includes("'") ? `'${value}'` : `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** The line holding `from`, with the text from `from` to `to` quoted. */
function lineWithQuoted(text: string, from: number, to: number): string {
  const { start, line } = lineAround(text, from);
  const a = from - start;
  const b = Math.min(line.length, to - start);
  return line.slice(0, a) + quoteYamlText(line.slice(a, b).trim()) + line.slice(b);
}

function closeQuoteOnLine(text: string, open: number, quoteChar: string): string {
  const { start, line } = lineAround(text, open);
  const rest = line.slice(open - start + 1).replace(/\s+#.*$/, '').replace(/\s+$/, '');
  return line.slice(0, open - start + 1) + rest + quoteChar;
}

/** The parser's errors people meet most, said in plain words with the fix. */
function plainWords(text: string, code: string, offset: number): PlainError | undefined {
  const { start, line } = lineAround(text, offset);
  if (code === 'TAB_AS_INDENT') {
    const tab = line.indexOf('\t');
    return {
      reason: 'A tab indents this line; YAML indents with spaces only',
      note: `Replace the tab with spaces: ${codeLine(line.replace(/\t/g, '  '), true)}`,
      range: [start + Math.max(0, tab), start + Math.max(0, tab) + 1],
    };
  }
  if (code === 'BLOCK_AS_IMPLICIT_KEY' || code === 'BLOCK_IN_FLOW') {
    // `summary: Vilnius: the capital …`: the second `: ` starts a key inside a value.
    const m = /^(\s*(?:-\s+)?)([^:#{}\[\]]+?):\s+(.+?)\s*$/.exec(line);
    if (!m || !/:\s/.test(m[3]!) || /^["'|>]/.test(m[3]!)) return undefined;
    if (m[3]!.startsWith('{') || m[3]!.startsWith('[')) {
      const flowStart = start + line.indexOf(m[3]!, m[1]!.length + m[2]!.length + 1);
      const culprit = flowTextWithColon(m[3]!);
      const fixed = culprit ? ` in quotes: ${codeLine(lineWithQuoted(text, flowStart + culprit[0], flowStart + culprit[1]))}` : ' in quotes';
      return {
        reason: `Text inside \`{ }\` or \`[ ]\` holds \`: \`, which YAML reads as a key; the value of ${quote(m[2]!.trim())} cannot be read`,
        note: `Put the text that holds \`: \`${fixed}, or write the mapping on separate lines`,
        range: culprit ? [flowStart + culprit[0], flowStart + culprit[1]] : [start + m[1]!.length, start + line.length],
      };
    }
    const vs = start + line.indexOf(m[3]!, m[1]!.length + m[2]!.length + 1);
    return {
      reason: `The value of ${quote(m[2]!.trim())} holds \`: \`, which YAML reads as the start of another key`,
      note: `Put the value in quotes: ${codeLine(lineWithQuoted(text, vs, vs + m[3]!.length))}`,
      range: [vs, vs + m[3]!.length],
    };
  }
  return undefined;
}

/** Flow collections (`{ }`, `[ ]`) that parse, but not into what was meant. */
function checkFlow(node: Node, text: string, toPosition: ToPosition, messages: Diagnostic[]): void {
  if (isMap(node)) {
    node.items.forEach((pair, i) => {
      const key = pair.key as Node | null;
      if (!isScalar(key) || !key.range || pair.value !== null) return;
      // `{ city: Vilnius, Lithuania }`: the comma ended the value, and `Lithuania` became a key without a value.
      const after = text.slice(key.range[1]).match(/^\s*(.)/)?.[1];
      const previous = i > 0 ? node.items[i - 1] : undefined;
      if (after === ':' || !previous || !isScalar(previous.value) || !previous.value.range) return;
      const from = previous.value.range[0];
      const to = key.range[1];
      messages.push(
        diagnostic('yaml-flow-text', `Inside \`{ }\` a \`,\` ends a value: ${quote(key.value)} became a key of its own`, toPosition([key.range[0], key.range[1]]), {
          severity: 'warning',
          note: `If the comma is part of the text, quote it: ${codeLine(lineWithQuoted(text, from, to))}`,
        }),
      );
    });
  }
  if (isSeq(node)) {
    node.items.forEach((item, i) => {
      const itemNode = item as Node | null;
      // `[Vilnius: the capital, …]`: `: ` made the item a mapping.
      if ((isPair(item) || (isMap(item) && item.items.length === 1 && item.range && text[item.range[0]] !== '{')) && itemNode) {
        const pair = isPair(item) ? item : (item as { items: unknown[] }).items[0];
        const k = isPair(pair) ? (pair.key as Node | null) : null;
        const v = isPair(pair) ? (pair.value as Node | null) : null;
        const from = k?.range?.[0];
        const to = v?.range?.[1] ?? k?.range?.[1];
        if (from === undefined || to === undefined) return;
        messages.push(
          diagnostic('yaml-flow-text', `Inside \`[ ]\`, \`: \` made ${quote(text.slice(from, to))} a mapping, not text`, toPosition([from, to]), {
            severity: 'warning',
            note: `Quote the text: ${codeLine(lineWithQuoted(text, from, to))}`,
          }),
        );
        return;
      }
      // `[138,000 citizens]`: the comma split one figure into two items.
      const next = node.items[i + 1] as Node | undefined;
      if (!isScalar(item) || !isScalar(next) || !item.range || !next.range || item.type !== 'PLAIN' || next.type !== 'PLAIN') return;
      const first = text.slice(item.range[0], item.range[1]);
      const second = text.slice(next.range[0], next.range[1]);
      if (!/^\d{1,3}$/.test(first) || !/^\d{3}(?!\d)/.test(second) || text.slice(item.range[1], next.range[0]) !== ',') return;
      messages.push(
        diagnostic('yaml-split-number', `${quote(`${first},${second}`)} became two items, ${quote(first)} and ${quote(second)}: inside \`[ ]\` a comma separates items`, toPosition([item.range[0], next.range[1]]), {
          severity: 'warning',
          note: `Quote it: ${codeLine(lineWithQuoted(text, item.range[0], next.range[1]))}`,
        }),
      );
    });
  }
}
