/**
 * Where the Markdown reader put each block of the notes, and why: the record
 * `report explain` prints, so that no placement is silent.
 */
import type { Position } from '../diagnostics/message.js';

export type PlacementKind =
  | 'part'
  | 'theme'
  | 'practice'
  | 'topic'
  | 'group'
  | 'activity'
  | 'resource'
  | 'contact'
  | 'free-section'
  | 'left-out'
  | 'summary'
  | 'intro'
  | 'figures'
  | 'field';

export interface Placement {
  kind: PlacementKind;
  /** The path of the value in the notes (`['practices', 'topics', 0, 'practices', 1]`); empty for what was left out. */
  path: (string | number)[];
  title?: string;
  position?: Position;
  /** Why the block went there, in a few words (`heading "Contacts"`, `line "Country:"`). */
  reason: string;
  /** Marked internal in the notes: left out of the public edition (docs/editions.md). */
  internal?: boolean;
}
