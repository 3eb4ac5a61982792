import type { DocRecord } from '../engine/engine.js';
import { findRevAncestry, revisionsFromPath, revsInfoFromPath } from '../rev-tree/ancestry.js';
import type { AnyDoc, RevInfo, Revisions } from '../types/documents.js';
import type { ReadShape } from './read-doc.js';

/** Adds the revisions `shape` asks for (`revs`, `revs_info`) to a document read. */
export function addAncestry(doc: AnyDoc, record: DocRecord, rev: string, shape: ReadShape): void {
  const ancestry = ancestryOf(record, rev);
  if (!ancestry) return;
  if (shape.revs) doc._revisions = ancestry.revisions;
  if (shape.revs_info) doc._revs_info = ancestry.info;
}

/** The revisions from `rev` back to the oldest stored ancestor, on the path PouchDB picks. */
export function ancestryOf(
  record: DocRecord,
  rev: string,
): { revisions: Revisions; info: RevInfo[] } | undefined {
  const ancestry = findRevAncestry(record.rev_tree, rev);
  if (!ancestry) return undefined;
  return { revisions: revisionsFromPath(ancestry), info: revsInfoFromPath(ancestry) as RevInfo[] };
}
