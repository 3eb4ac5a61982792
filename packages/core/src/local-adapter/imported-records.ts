import type { DocRecord, RevBody } from '../engine/engine.js';
import { isDeleted } from '../rev-tree/is-deleted.js';
import type { RevTree } from '../rev-tree/types.js';
import { visitNodes } from '../rev-tree/visit-nodes.js';
import { winningRev } from '../rev-tree/winning-rev.js';
import { BODY_FIELDS } from './parse-doc.js';

// Records for data another store wrote (PouchDB's databases, brought over by the migrations):
// the same shapes LocalAdapter writes, so the engine cannot tell them apart.

/** What a migration of another store's database brought over. */
export interface MigrationStats {
  /** Documents (deleted ones included). */
  docs: number;
  /** Revision bodies. */
  revisions: number;
  /** `_local/` documents (replication checkpoints among them). */
  locals: number;
  /** Distinct attachments (by digest). */
  attachments: number;
  /** The update seq, as the other store had it. */
  updateSeq: number;
  /** Documents whose winning revision is not deleted. */
  docCount: number;
}

/** The revisions of `tree` whose bodies a store may hold: every one not marked missing. */
export function availableRevs(tree: RevTree): string[] {
  const revs: string[] = [];
  // The walk the write path uses (up front anyway): the general one would be loaded for this.
  visitNodes(tree, (node, pos) => {
    if (node[1].status !== 'missing') revs.push(`${pos}-${node[0]}`);
    return false;
  });
  return revs;
}

/**
 * The body LocalAdapter stores for a revision, from a whole stored document: its content and
 * its attachments as references (`{content_type, digest, length, revpos}`), without `_id`,
 * `_rev`, `_deleted` (the tree says it), other meta fields, or inline data.
 */
export function storedBody(doc: Readonly<Record<string, unknown>>): RevBody {
  const body: RevBody = {};
  for (const [key, value] of Object.entries(doc)) {
    if (key.charCodeAt(0) === 95 /* _ */ && !BODY_FIELDS.has(key)) continue;
    body[key] = value;
  }
  const atts = body._attachments as Record<string, Record<string, unknown>> | undefined;
  if (atts && typeof atts === 'object') {
    const refs: Record<string, Record<string, unknown>> = {};
    for (const [name, att] of Object.entries(atts)) {
      const { data: _data, stub: _stub, body: _body, ...rest } = att ?? {};
      refs[name] = rest;
    }
    body._attachments = refs;
  }
  return body;
}

/** The document record of `id` with revision tree `tree`, last written at `seq`. */
export function importedDocRecord(
  id: string,
  tree: RevTree,
  seq: number,
  attachments: boolean,
): DocRecord {
  const winner = winningRev({ id, rev_tree: tree });
  const record: DocRecord = {
    id,
    rev_tree: tree,
    winningRev: winner,
    deleted: isDeleted({ id, rev_tree: tree }, winner),
    seq,
  };
  if (attachments) record.attachments = true;
  return record;
}
