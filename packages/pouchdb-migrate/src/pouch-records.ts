import {
  availableRevs,
  type DocRecord,
  importedDocRecord,
  type LocalRecord,
  type RevBody,
  type RevTree,
  storedBody,
} from '@satchel/core';
import { POUCH_STORES } from './pouch-layout.js';
import type { PouchSource } from './pouch-source.js';

/** PouchDB's per-document metadata, as far as it is used here. */
interface PouchMetadata {
  id: string;
  rev_tree: RevTree;
  rev_map: Record<string, number>;
  seq: number;
}

/** The Satchel records of a run of documents, as LocalAdapter would have written them. */
export interface DocChunk {
  docs: DocRecord[];
  revs: { id: string; rev: string; body: RevBody }[];
}

/**
 * Attachment references gathered over all documents: digest → the revisions (`id@rev`) whose
 * stored bodies name it, and whether some reference says the attachment is empty.
 */
export class AttachmentRefs {
  readonly refs = new Map<string, Set<string>>();
  readonly empty = new Set<string>();

  add(digest: string, ref: string, length: unknown): void {
    let set = this.refs.get(digest);
    if (!set) {
      set = new Set();
      this.refs.set(digest, set);
    }
    set.add(ref);
    if (length === 0) this.empty.add(digest);
  }
}

function isMetadata(value: unknown): value is PouchMetadata {
  const m = value as PouchMetadata | null;
  return (
    typeof m === 'object' &&
    m !== null &&
    typeof m.id === 'string' &&
    Array.isArray(m.rev_tree) &&
    typeof m.rev_map === 'object' &&
    m.rev_map !== null &&
    Number.isSafeInteger(m.seq)
  );
}

/**
 * Turns PouchDB documents into Satchel records, `size` documents at a time, in id order. Every
 * revision body PouchDB still holds is brought over; `refs` collects the attachments they use.
 * Each document keeps its seq, so `changes()` keeps its order and `since` values stay valid.
 */
export async function* docChunks(
  source: PouchSource,
  size: number,
  refs: AttachmentRefs,
): AsyncGenerator<DocChunk> {
  for await (const entries of source.entries(POUCH_STORES.docs, size)) {
    const metas = entries.map(([key, value]) => {
      const meta = source.parse(value, `document-store entry ${JSON.stringify(key)}`);
      if (!isMetadata(meta))
        throw source.corrupt(`the metadata of document ${JSON.stringify(key)} is not PouchDB's`);
      return meta;
    });
    yield await chunkOf(source, metas, refs);
  }
}

async function chunkOf(
  source: PouchSource,
  metas: PouchMetadata[],
  refs: AttachmentRefs,
): Promise<DocChunk> {
  const wanted: { meta: PouchMetadata; rev: string; seq: number }[] = [];
  for (const meta of metas) {
    for (const rev of availableRevs(meta.rev_tree)) {
      const seq = meta.rev_map[rev];
      if (Number.isSafeInteger(seq)) wanted.push({ meta, rev, seq: seq as number });
    }
  }
  const stored = await source.bodies(wanted.map((w) => w.seq));
  const revs: DocChunk['revs'] = [];
  const withAttachments = new Set<string>();
  wanted.forEach(({ meta, rev }, i) => {
    const doc = stored[i] as Record<string, unknown> | undefined;
    // A body PouchDB's own reads would not find either (written over by a later seq).
    if (!doc || doc._id !== meta.id || doc._rev !== rev) return;
    const body = storedBody(doc);
    const atts = body._attachments as Record<string, Record<string, unknown>> | undefined;
    if (atts) {
      withAttachments.add(meta.id);
      for (const att of Object.values(atts)) {
        if (typeof att.digest !== 'string')
          throw source.corrupt(`an attachment of ${meta.id}@${rev} has no digest`);
        refs.add(att.digest, `${meta.id}@${rev}`, att.length);
      }
    }
    revs.push({ id: meta.id, rev, body });
  });
  const docs = metas.map((meta) =>
    importedDocRecord(meta.id, meta.rev_tree, meta.seq, withAttachments.has(meta.id)),
  );
  return { docs, revs };
}

/** PouchDB's `_local/` documents as Satchel local records, `size` at a time. */
export async function* localChunks(
  source: PouchSource,
  size: number,
): AsyncGenerator<LocalRecord[]> {
  for await (const entries of source.entries(POUCH_STORES.locals, size)) {
    yield entries.map(([key, value]) => {
      const body = source.parse(value, `local document ${JSON.stringify(key)}`) as Record<
        string,
        unknown
      >;
      if (typeof body !== 'object' || body === null || typeof body._rev !== 'string') {
        throw source.corrupt(`local document ${JSON.stringify(key)} has no _rev`);
      }
      const id = typeof body._id === 'string' ? body._id : key;
      return { id, rev: body._rev, body };
    });
  }
}
