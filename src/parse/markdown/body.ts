/**
 * What the builders write: the body's values by path, where each was written,
 * the record of placements and the messages about guesses.
 */
import type { Diagnostic, Position } from '../../diagnostics/message.js';
import { pathKey, type PathKey } from '../parsed-notes.js';
import type { Placement, PlacementKind } from '../placement.js';
import { InternalMarks } from './internal-marks.js';
import { positionOf, type Placed } from './tree.js';

export type Path = (string | number)[];
export type Notes = Record<string, unknown>;

export interface FreeSection {
  title: string;
  body: string;
  after: string;
  /** Marked internal (its heading, or the block kept as a free section). */
  internal?: boolean;
  heading: Placed;
  bodyPlace?: Position;
}

export class BodyWriter {
  readonly body: Notes = {};
  readonly places = new Map<PathKey, Position>();
  readonly messages: Diagnostic[] = [];
  readonly placements: Placement[] = [];
  readonly freeSections: FreeSection[] = [];
  /** Contacts found outside a contacts part, added to it at the end. */
  readonly strayContacts: Array<{ contact: Notes; node: Placed }> = [];
  /** Facts written twice with different values (title-block.ts): `report fix` leaves such notes' body alone. */
  conflicts = 0;
  /** A block of the title's facts held other lines too (title-block.ts): `report fix` leaves the facts where they are. */
  partialTitleBlock = false;
  /** The event's facts read from the body (title-block.ts, notes-language.ts), which `report fix` moves to the front matter. */
  readonly factKeys = new Set<string>();
  /** What the notes mark internal (internal-marks.ts); the reader's Source reads the same. */
  readonly marks = new InternalMarks();

  /** Sets the value at `path` (creating objects and arrays on the way) and records where it was written. */
  set(path: Path, value: unknown, node: Placed | undefined): void {
    let target = this.body as Record<string | number, unknown>;
    for (let i = 0; i < path.length - 1; i++) {
      const key = path[i]!;
      if (target[key] === undefined) target[key] = typeof path[i + 1] === 'number' ? [] : {};
      target = target[key] as Record<string | number, unknown>;
    }
    target[path[path.length - 1]!] = value;
    const place = node ? positionOf(node) : undefined;
    if (place) this.places.set(pathKey(path), place);
  }

  /** Records where the value at `path` was written, unless already known. */
  mark(path: Path, node: Placed): void {
    const place = positionOf(node);
    if (place && !this.places.has(pathKey(path))) this.places.set(pathKey(path), place);
  }

  /** Records where the value at `path` was written. */
  place(path: Path, node: Placed): void {
    const place = positionOf(node);
    if (place) this.places.set(pathKey(path), place);
  }

  /** The value at `path` in the body so far. */
  get(path: Path): unknown {
    let node = this.body as Record<string | number, unknown> | undefined;
    for (const key of path) node = (node && Object.hasOwn(node, key) ? node[key] : undefined) as Record<string | number, unknown> | undefined;
    return node;
  }

  placed(kind: PlacementKind, path: Path, node: Placed | undefined, reason: string, title?: string): void {
    const position = node ? positionOf(node) : undefined;
    const internal = this.marks.has(node);
    this.placements.push({ kind, path: [...path], ...(title !== undefined ? { title } : {}), ...(position ? { position } : {}), reason, ...(internal ? { internal } : {}) });
  }

  /** `{ internal: true }` for an item read from an internal block, else nothing: spread into the item. */
  internalFlag(node: Placed | undefined): { internal?: true } {
    return this.marks.has(node) ? { internal: true } : {};
  }

  /** An item or part read from an internal section (its heading) is `internal: true`. */
  markInternal(path: Path, node: Placed | undefined): void {
    if (this.marks.has(node)) this.set([...path, 'internal'], true, node);
  }

  report(message: Diagnostic): void {
    this.messages.push(message);
  }
}
