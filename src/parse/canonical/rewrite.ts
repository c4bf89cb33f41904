import type { Position } from '../../diagnostics/message.js';

export type NotesPath = (string | number)[];

/**
 * One change from the way the notes were written to their canonical form,
 * for `report fix` to apply to the file. Applied in this order:
 * `set-value` (deepest first, at the path as written), `rename-key` (deepest
 * first), then `move` and `insert-key` (at canonical paths, once the keys
 * above them carry their canonical names).
 */
export interface Rewrite {
  action: 'set-value' | 'rename-key' | 'move' | 'insert-key';
  /**
   * set-value, rename-key: the path as written (for rename-key, of the key).
   * move: the canonical path of the mapping holding the key, then the key as written.
   * insert-key: the canonical path of the key to add.
   */
  path: NotesPath;
  from: unknown;
  /** set-value: the new value; rename-key: the new key; move: the canonical path to put the value at (appended to a list there); insert-key: the value. */
  to: unknown;
  /** move: the value to put there. insert-key: the key it follows. */
  value?: unknown;
  after?: string;
  position?: Position;
  rule: string;
}
