import {
  type DocRecord,
  isDeleted,
  type LocalRecord,
  type RevBody,
  type RevTree,
  traverseRevTree,
  winningRev,
} from '@satchel/core';
import type { PouchIdbMetadata, PouchIdbSource } from './pouch-idb-source.js';

/** Underscore fields that are document content in Satchel's stored bodies (as core keeps them). */
const BODY_FIELDS = new Set([
  '_access',
  '_attachments',
  '_replication_id',
  '_replication_state',
  '_replication_state_time',
  '_replication_state_reason',
  '_replication_stats',
]);

/** The Satchel records of a run of documents, as LocalAdapter would have written them. */
export interface DocChunk {
  docs: DocRecord[];
  revs: { id: string; rev: string; body: RevBody }[];
  /** digest → revisions (`id@rev`) naming it; digests of empty attachments in `empty`. */
  refs: Map<string, Set<string>>;
  empty: Set<string>;
}

/** Revisions of the tree whose bodies PouchDB may hold (not compacted away). */
function storedRevs(tree: RevTree): string[] {
  const revs: string[] = [];
  traverseRevTree(tree, (_leaf, pos, hash, _ctx, opts) => {
    if (opts.status !== 'missing') revs.push(`${pos}-${hash}`);
    return undefined;
  });
  return revs;
}

/** The body Satchel stores: content and attachment references, no `_id`/`_rev`/`_deleted`. */
function satchelBody(stored: Record<string, unknown>): RevBody {
  const body: RevBody = {};
  for (const [key, value] of Object.entries(stored)) {
    if (key.charCodeAt(0) === 95 && !BODY_FIELDS.has(key)) continue;
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

function treeOf(source: PouchIdbSource, entry: PouchIdbMetadata): RevTree {
  let parsed: { rev_tree?: unknown };
  try {
    parsed = JSON.parse(entry.data);
  } catch (err) {
    throw source.corrupt(`the metadata of document ${JSON.stringify(entry.id)} is not JSON`, err);
  }
  if (!Array.isArray(parsed?.rev_tree) || !Number.isSafeInteger(entry.seq))
    throw source.corrupt(`the metadata of document ${JSON.stringify(entry.id)} is not PouchDB's`);
  return parsed.rev_tree as RevTree;
}

/**
 * Turns document-store entries into Satchel records: every revision body PouchDB still holds,
 * each document at its seq, so `changes()` keeps its order and `since` values stay valid.
 */
export async function docChunk(
  source: PouchIdbSource,
  entries: readonly PouchIdbMetadata[],
): Promise<DocChunk> {
  const trees = entries.map((entry) => treeOf(source, entry));
  const wanted = entries.flatMap((entry, i) =>
    storedRevs(trees[i] as RevTree).map((rev) => ({ id: entry.id, rev })),
  );
  const stored = await source.bodies(wanted);
  const chunk: DocChunk = { docs: [], revs: [], refs: new Map(), empty: new Set() };
  const withAttachments = new Set<string>();
  wanted.forEach(({ id, rev }, i) => {
    const doc = stored[i] as Record<string, unknown> | undefined;
    if (!doc) return; // compacted or never stored: PouchDB would not find it either
    const body = satchelBody(doc);
    const atts = body._attachments as Record<string, Record<string, unknown>> | undefined;
    for (const att of Object.values(atts ?? {})) {
      if (typeof att.digest !== 'string')
        throw source.corrupt(`an attachment of ${id}@${rev} has no digest`);
      withAttachments.add(id);
      const users = chunk.refs.get(att.digest) ?? new Set<string>();
      users.add(`${id}@${rev}`);
      chunk.refs.set(att.digest, users);
      if (att.length === 0) chunk.empty.add(att.digest);
    }
    chunk.revs.push({ id, rev, body });
  });
  chunk.docs = entries.map((entry, i) => {
    const tree = trees[i] as RevTree;
    const winner = winningRev({ id: entry.id, rev_tree: tree });
    const record: DocRecord = {
      id: entry.id,
      rev_tree: tree,
      winningRev: winner,
      deleted: isDeleted({ id: entry.id, rev_tree: tree }, winner),
      seq: entry.seq,
    };
    if (withAttachments.has(entry.id)) record.attachments = true;
    return record;
  });
  return chunk;
}

/** PouchDB's `_local/` documents as Satchel local records. */
export function localRecords(
  source: PouchIdbSource,
  stored: readonly Record<string, unknown>[],
): LocalRecord[] {
  return stored.map((body) => {
    if (typeof body._id !== 'string' || typeof body._rev !== 'string')
      throw source.corrupt(`a local document has no _id or _rev`);
    return { id: body._id, rev: body._rev, body };
  });
}
