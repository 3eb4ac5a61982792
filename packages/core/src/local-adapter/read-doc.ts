import type { DocRecord, RevBody } from '../engine/engine.js';
import { clone } from '../clone.js';
import { collectConflicts, collectDeletedConflicts, isDeleted, rootToLeaf } from '../rev-tree/index.js';
import type { AnyDoc, RevInfo, Revisions } from '../types/documents.js';

/** What a read asks to see besides the document body. */
export interface ReadShape {
  conflicts?: boolean;
  deleted_conflicts?: boolean;
  revs?: boolean;
  revs_info?: boolean;
  local_seq?: boolean;
}

/**
 * Builds the document a reader receives from a stored body. Keys come in PouchDB's order
 * (content, then `_id`, `_rev`, then meta fields) because applications hash what they read back.
 */
export function materialize(record: DocRecord, rev: string, body: RevBody, shape: ReadShape): AnyDoc {
  const doc = clone(body) as AnyDoc;
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
  if (isDeleted(record, rev)) doc._deleted = true;
  if (shape.revs || shape.revs_info) addAncestry(doc, record, rev, shape);
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

function addAncestry(doc: AnyDoc, record: DocRecord, rev: string, shape: ReadShape): void {
  const ancestry = ancestryOf(record, rev);
  if (!ancestry) return;
  if (shape.revs) doc._revisions = ancestry.revisions;
  if (shape.revs_info) doc._revs_info = ancestry.info;
}

/**
 * The revisions from `rev` back to the oldest stored ancestor. Picks the path as PouchDB does:
 * a path holding the hash at its generation wins, otherwise the first path holding it.
 */
export function ancestryOf(record: DocRecord, rev: string): { revisions: Revisions; info: RevInfo[] } | undefined {
  const dash = rev.indexOf('-');
  const revNo = Number.parseInt(rev.slice(0, dash), 10);
  const hash = rev.slice(dash + 1);
  let chosen: ReturnType<typeof rootToLeaf>[number] | undefined;
  for (const path of rootToLeaf(record.rev_tree)) {
    const index = path.ids.findIndex((x) => x.id === hash);
    if (index === revNo - 1 || (!chosen && index !== -1)) chosen = path;
  }
  if (!chosen) return undefined;
  const upTo = chosen.ids.findIndex((x) => x.id === hash) + 1;
  const ids = chosen.ids.slice(0, upTo).reverse();
  const start = chosen.pos + ids.length - 1;
  return {
    revisions: { start, ids: ids.map((x) => x.id) },
    info: ids.map((x, i) => ({ rev: `${start - i}-${x.id}`, status: x.opts.status as RevInfo['status'] })),
  };
}
