import { clone } from '../clone.js';
import type { DocRecord, Engine, RevBody } from '../engine/engine.js';
import { collectConflicts, collectDeletedConflicts } from '../rev-tree/conflicts.js';
import { isDeleted } from '../rev-tree/is-deleted.js';
import type { AnyDoc } from '../types/documents.js';

/** What a read asks to see besides the document body. */
export interface ReadShape {
  conflicts?: boolean;
  deleted_conflicts?: boolean;
  revs?: boolean;
  revs_info?: boolean;
  local_seq?: boolean;
}

/** Adds `_revisions` and `_revs_info` as `shape` asks (`ancestry.ts`, loaded on first use). */
export type AncestryAdder = (doc: AnyDoc, record: DocRecord, rev: string, shape: ReadShape) => void;

/** Whether the bodies `engine.getRevs` returns are the caller's to change (no copy needed). */
export function bodiesAreFresh(engine: Engine): boolean {
  return engine.freshReads === true || engine.freshBodies === true;
}

/**
 * Builds the document a reader receives from a stored body. Keys come in PouchDB's order
 * (content, then `_id`, `_rev`, then meta fields) because applications hash what they read back.
 */
export function materialize(
  record: DocRecord,
  rev: string,
  body: RevBody,
  shape: ReadShape,
  fresh = false,
  addAncestry?: AncestryAdder,
): AnyDoc {
  // A body shared with the engine is copied; a freshly parsed one is the caller's already.
  const doc = (fresh ? body : clone(body)) as AnyDoc;
  doc._id = record.id;
  doc._rev = rev;
  if (shape.conflicts) {
    const conflicts = collectConflicts(record);
    if (conflicts.length > 0) doc._conflicts = conflicts;
  }
  if (shape.deleted_conflicts) {
    const deleted = collectDeletedConflicts(record);
    if (deleted.length > 0) doc._deleted_conflicts = deleted;
  }
  // The record already says whether its winner is deleted: no walk of the tree for it.
  if (rev === record.winningRev ? record.deleted : isDeleted(record, rev)) doc._deleted = true;
  // Readers asking for `revs` or `revs_info` load the code for them and pass it in.
  if (addAncestry && (shape.revs || shape.revs_info)) addAncestry(doc, record, rev, shape);
  if (shape.local_seq) doc._local_seq = record.seq;
  markStubs(doc);
  return doc;
}

/** Attachments read without their data are stubs. */
export function markStubs(doc: AnyDoc): void {
  const atts = doc._attachments;
  if (!atts) return;
  for (const name of Object.keys(atts)) {
    const att = atts[name] as unknown as Record<string, unknown>;
    if (!('data' in att)) att.stub = true;
  }
}
