/**
 * Marks everything a page paints outside tagged content as an artifact.
 *
 * Chromium tags what the HTML holds, but paints the running header, footer
 * and page numbers (CSS page-margin boxes), the contents' dot leaders and
 * some rules outside any marked-content sequence; PDF/UA-1 (7.1) wants each
 * of them either tagged or marked `/Artifact`. Runs of untagged painting are
 * wrapped whole in one `/Artifact` sequence: text as a pagination artifact
 * (it is only ever the page-margin boxes), anything else as a layout one.
 */
import { contentOperations, markedContentOutline, operandsOf, type ContentOperation, type MarkedContentOutline } from './content-operations.js';

const SHOWS_TEXT = new Set(['Tj', 'TJ', "'", '"']);
const BUILDS_PATH = new Set(['m', 'l', 'c', 'v', 'y', 'h', 're']);
const ENDS_PATH = new Set(['S', 's', 'f', 'F', 'f*', 'B', 'B*', 'b', 'b*', 'n']);
const PAINTS_ALONE = new Set(['sh', 'BI']);

export const PAGINATION_ARTIFACT = '/Artifact <</Type /Pagination>> BDC\n';
export const LAYOUT_ARTIFACT = '/Artifact <</Type /Layout>> BDC\n';

export interface MarkingResult {
  text: string;
  /** How many artifact sequences were added. */
  added: number;
  /** What was inserted where, in stream order: `inserted(bytes)` builds the same stream from its bytes. */
  insertions: ReadonlyArray<{ at: number; text: string }>;
}

/** The stream's bytes with the insertions made: what `text` is, without going through a string. */
export function inserted(bytes: Uint8Array, insertions: MarkingResult['insertions']): Buffer {
  const parts: Uint8Array[] = [];
  let at = 0;
  for (const insertion of insertions) {
    parts.push(bytes.subarray(at, insertion.at), Buffer.from(insertion.text, 'latin1'));
    at = insertion.at;
  }
  parts.push(bytes.subarray(at));
  return Buffer.concat(parts);
}

/**
 * The content stream with its untagged painting wrapped as artifacts.
 * `formHoldsTags(name)` says whether the XObject `name` painted by `Do` has
 * tagged content of its own (then it is never wrapped).
 */
export function markArtifacts(
  text: string,
  formHoldsTags: (name: string) => boolean = () => false,
  ops?: ContentOperation[],
  known?: MarkedContentOutline,
): MarkingResult {
  const insertions: Array<{ at: number; text: string }> = [];
  // Most of a page is tagged: walk only the stretches outside marked content when they can be found quickly.
  const outline = ops ? undefined : (known ?? markedContentOutline(text));
  let walked = false;
  if (outline) {
    walked = true;
    for (const [from, to] of outline.untagged) {
      const ranged = contentOperations(text, from, to);
      let open = 0;
      for (const op of ranged) open += op.operator === 'BT' ? 1 : op.operator === 'ET' ? -1 : 0;
      if (open !== 0) {
        walked = false; // a text object across tagged content: the full walk handles it
        insertions.length = 0;
        break;
      }
      collectInsertions(text, ranged, formHoldsTags, insertions);
    }
  }
  if (!walked) collectInsertions(text, ops ?? contentOperations(text), formHoldsTags, insertions);
  return applyInsertions(text, insertions);
}

function collectInsertions(text: string, ops: ContentOperation[], formHoldsTags: (name: string) => boolean, insertions: Array<{ at: number; text: string }>): void {
  let depth = 0;
  let group: { open: number; close: number; text: boolean } | undefined;
  const extend = (from: ContentOperation, to: ContentOperation, isText: boolean) => {
    group ??= { open: from.start, close: to.end, text: false };
    group.close = to.end;
    group.text ||= isText;
  };
  const close = () => {
    if (!group) return;
    insertions.push({ at: group.open, text: group.text ? PAGINATION_ARTIFACT : LAYOUT_ARTIFACT }, { at: group.close, text: '\nEMC' });
    group = undefined;
  };

  for (let i = 0; i < ops.length; i++) {
    const op = ops[i]!;
    const name = op.operator;
    if (name === 'BDC' || name === 'BMC') {
      if (depth === 0) close();
      depth++;
      continue;
    }
    if (name === 'EMC') {
      depth = Math.max(0, depth - 1);
      continue;
    }
    if (depth > 0) continue;
    if (name === 'BT') {
      let j = i + 1;
      let paints = false;
      let tagged = false;
      while (j < ops.length && ops[j]!.operator !== 'ET') {
        const inner = ops[j]!.operator;
        if (SHOWS_TEXT.has(inner)) paints = true;
        if (inner === 'BDC' || inner === 'BMC' || inner === 'EMC') tagged = true;
        j++;
      }
      if (tagged) {
        // Marked content inside a text object: wrap each untagged show on its own, inside the text object.
        close();
        let innerDepth = 0;
        for (let k = i + 1; k < j; k++) {
          const inner = ops[k]!;
          if (inner.operator === 'BDC' || inner.operator === 'BMC') innerDepth++;
          else if (inner.operator === 'EMC') innerDepth = Math.max(0, innerDepth - 1);
          else if (innerDepth === 0 && SHOWS_TEXT.has(inner.operator)) {
            insertions.push({ at: inner.start, text: PAGINATION_ARTIFACT }, { at: inner.end, text: '\nEMC' });
          }
        }
      } else if (paints) extend(op, ops[Math.min(j, ops.length - 1)]!, true);
      i = j;
      continue;
    }
    if (BUILDS_PATH.has(name)) {
      let j = i;
      while (j < ops.length && !ENDS_PATH.has(ops[j]!.operator)) j++;
      const last = ops[Math.min(j, ops.length - 1)]!;
      if (last.operator !== 'n') extend(op, last, false);
      i = j;
      continue;
    }
    if (PAINTS_ALONE.has(name) || (name === 'Do' && !formHoldsTags(operandsOf(text, op)[0]?.slice(1) ?? ''))) extend(op, op, false);
    else if (name === 'Do') close();
  }
  close();
}

function applyInsertions(text: string, insertions: Array<{ at: number; text: string }>): MarkingResult {
  if (insertions.length === 0) return { text, added: 0, insertions: [] };
  // In stream order; the sort is stable, so insertions at one offset keep the order they were made in.
  insertions.sort((a, b) => a.at - b.at);
  const made = insertions.map((insertion) => ({
    at: insertion.at,
    // An operator needs whitespace before it (after an operand or operator that ends the previous text).
    text: insertion.at > 0 && !/\s/.test(text[insertion.at - 1] ?? ' ') && insertion.text.startsWith('/') ? '\n' + insertion.text : insertion.text,
  }));
  if (made[made.length - 1]!.at === text.length || !/\s$/.test(text)) made.push({ at: text.length, text: '\n' });
  return {
    get text() {
      return inserted(Buffer.from(text, 'latin1'), made).toString('latin1');
    },
    added: insertions.length / 2,
    insertions: made,
  };
}
