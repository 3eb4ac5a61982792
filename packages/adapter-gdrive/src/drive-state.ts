import { MemoryData } from '@satchel/adapter-memory';
import type { AttachmentRecord, DocRecord, EngineMeta, RevBody, RevRef } from '@satchel/core';
import type { ChangeSet } from './change-file.js';

/** Where a revision body or attachment lives: the id of the file holding it. */
export type Locator = string;

/** Key of one revision in the locator and body maps. */
export function revKey(id: string, rev: string): string {
  return `${rev}\u0000${id}`;
}

/** The document id and rev of a `revKey`. */
export function splitRevKey(key: string): { id: string; rev: string } {
  const at = key.indexOf('\u0000');
  return { rev: key.slice(0, at), id: key.slice(at + 1) };
}

/**
 * What a Drive engine holds in memory: every document record, the by-seq index, local docs
 * and attachment records (in a `MemoryData`, whose body maps stay empty), plus where each
 * revision body and attachment lives in Drive. Bodies themselves are fetched on demand.
 */
export class DriveState {
  readonly data = new MemoryData();
  /** Revision body locations, by `revKey`. */
  readonly revFiles = new Map<string, Locator>();
  /** Attachment byte locations, by digest. */
  readonly attachmentFiles = new Map<string, Locator>();

  constructor(meta: EngineMeta) {
    this.data.meta = meta;
  }

  get meta(): EngineMeta {
    return this.data.meta as EngineMeta;
  }

  /**
   * Applies one change file's set, stored in file `file`. Deletions go first, as in every
   * engine. `onBody`/`onAttachment` see the bodies and bytes that came with it (to warm a cache).
   */
  apply(
    set: ChangeSet,
    file: Locator,
    onBody?: (ref: RevRef, body: RevBody, bytes: number | undefined) => void,
    onAttachment?: (digest: string, bytes: Uint8Array) => void,
  ): void {
    const { data } = this;
    if (set.deleteDocs.length > 0) data.docs.delete(set.deleteDocs);
    for (const ref of set.deleteRevs) this.revFiles.delete(revKey(ref.id, ref.rev));
    if (set.deleteSeqs.length > 0) data.seqs.delete(set.deleteSeqs);
    for (const id of set.deleteLocals) data.locals.delete(id);
    for (const digest of set.deleteAttachments) {
      data.attachmentRecords.delete(digest);
      this.attachmentFiles.delete(digest);
    }
    if (set.putDocs.length > 0) data.docs.put(set.putDocs);
    for (const rev of set.putRevs) {
      this.revFiles.set(revKey(rev.id, rev.rev), file);
      onBody?.(rev, rev.body, rev.bytes);
    }
    if (set.putSeqs.length > 0) data.seqs.put(set.putSeqs);
    for (const local of set.putLocals) data.locals.set(local.id, local);
    for (const { digest, refs, data: bytes } of set.putAttachments) {
      data.attachmentRecords.set(digest, { digest, refs });
      if (bytes) {
        this.attachmentFiles.set(digest, file);
        onAttachment?.(digest, bytes);
      }
    }
    if (set.meta) data.meta = set.meta;
  }

  /** All document records, in id order. */
  allDocs(): DocRecord[] {
    return this.data.docs.scan({});
  }

  /** All attachment records. */
  allAttachments(): AttachmentRecord[] {
    return [...this.data.attachmentRecords.values()];
  }
}
