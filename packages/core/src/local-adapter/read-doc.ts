import { clone } from '../clone.js';
import type { DocRecord, Engine, RevBody } from '../engine/engine.js';
import { isRevDeleted } from '../rev-tree/rev-deleted.js';
import type { AnyDoc } from '../types/documents.js';

/** What a read asks to see besides the document body. */
export interface ReadShape {
  conflicts?: boolean;
  deleted_conflicts?: boolean;
  revs?: boolean;
  revs_info?: boolean;
  local_seq?: boolean;
}

/**
 * What reads that ask for more than the body run, from the code loaded on first use: the
 * adders of `_conflicts` and `_deleted_conflicts` (`read-conflicts.ts`), of `_revisions` and
 * `_revs_info` (`ancestry.ts`).
 */
export interface ReadExtras {
  addConflicts(doc: AnyDoc, record: DocRecord, shape: ReadShape): void;
  addAncestry(doc: AnyDoc, record: DocRecord, rev: string, shape: ReadShape): void;
}

/** Whether a read of `shape` needs {@link ReadExtras}. */
export function needsExtras(shape: ReadShape): boolean | undefined {
  return shape.conflicts || shape.deleted_conflicts || shape.revs || shape.revs_info;
}

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
  extras?: ReadExtras,
): AnyDoc {
  // A body shared with the engine is copied; a freshly parsed one is the caller's already.
  const doc = (fresh ? body : clone(body)) as AnyDoc;
  doc._id = record.id;
  doc._rev = rev;
  // Readers asking for conflicts, `revs` or `revs_info` load the code for them and pass it in.
  if (shape.conflicts || shape.deleted_conflicts) extras?.addConflicts(doc, record, shape);
  // The record already says whether its winner is deleted: no walk of the tree for it.
  if (rev === record.winningRev ? record.deleted : isRevDeleted(record.rev_tree, rev)) {
    doc._deleted = true;
  }
  if (shape.revs || shape.revs_info) extras?.addAncestry(doc, record, rev, shape);
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
