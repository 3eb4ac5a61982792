import type { DocRecord, LocalRecord, RevBody } from '@satchel/core';
import { kit } from './kit.js';
import type { PouchBrowserSource, SourceDoc } from './pouch-source.js';

/** The Satchel records of a run of documents, as LocalAdapter would have written them. */
export interface DocChunk {
  docs: DocRecord[];
  revs: { id: string; rev: string; body: RevBody }[];
  /** digest → revisions (`id@rev`) naming it; digests of empty attachments in `empty`. */
  refs: Map<string, Set<string>>;
  /** digest → a document naming it (where the `indexeddb` adapter keeps the bytes). */
  holders: Map<string, string>;
  empty: Set<string>;
}

/**
 * Turns a source's documents into Satchel records: every revision body PouchDB still holds,
 * each document at its seq, so `changes()` keeps its order and `since` values stay valid.
 */
export function docChunk(source: PouchBrowserSource, docs: readonly SourceDoc[]): DocChunk {
  const chunk: DocChunk = {
    docs: [],
    revs: [],
    refs: new Map(),
    holders: new Map(),
    empty: new Set(),
  };
  for (const doc of docs) {
    let attachments = false;
    for (const rev of kit.availableRevs(doc.tree)) {
      const stored = doc.bodies.get(rev);
      if (!stored) continue; // compacted or never stored: PouchDB would not find it either
      const body = kit.storedBody(stored);
      const atts = body._attachments as Record<string, Record<string, unknown>> | undefined;
      for (const att of Object.values(atts ?? {})) {
        if (typeof att.digest !== 'string')
          throw source.corrupt(`an attachment of ${doc.id}@${rev} has no digest`);
        attachments = true;
        const users = chunk.refs.get(att.digest) ?? new Set<string>();
        users.add(`${doc.id}@${rev}`);
        chunk.refs.set(att.digest, users);
        chunk.holders.set(att.digest, doc.id);
        if (att.length === 0) chunk.empty.add(att.digest);
      }
      chunk.revs.push({ id: doc.id, rev, body });
    }
    chunk.docs.push(kit.importedDocRecord(doc.id, doc.tree, doc.seq, attachments));
  }
  return chunk;
}

/** PouchDB's `_local/` documents as Satchel local records. */
export function localRecords(
  source: PouchBrowserSource,
  stored: readonly Record<string, unknown>[],
): LocalRecord[] {
  return stored.map((body) => {
    if (typeof body._id !== 'string' || typeof body._rev !== 'string')
      throw source.corrupt(`a local document has no _id or _rev`);
    return { id: body._id, rev: body._rev, body };
  });
}
