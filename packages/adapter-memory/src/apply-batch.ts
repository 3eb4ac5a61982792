import { type EngineBatch, type RevBody, type RevRef, stringify } from '@satchel/core/engine';
import type { MemoryData } from './memory-data.js';
import { storedText } from './stored-text.js';

/**
 * Applies a whole batch to `data` synchronously, so no read can observe half of it: that is
 * what makes a memory commit atomic. Deletions go first, so a batch that deletes and puts the
 * same key leaves it put (LocalAdapter never sends both, but the order is the obvious one).
 * The batch's records are stored as they are (they are the engine's from now on); revision
 * bodies are stored as JSON text (large ones as its UTF-8 bytes, see `stored-text`).
 */
export function applyBatch(data: MemoryData, batch: EngineBatch): void {
  if (batch.deleteDocs) data.docs.delete(batch.deleteDocs);
  if (batch.deleteRevs) deleteRevs(data, batch.deleteRevs);
  if (batch.deleteSeqs) data.seqs.delete(batch.deleteSeqs);
  if (batch.deleteLocals) for (const id of batch.deleteLocals) data.locals.delete(id);
  if (batch.deleteAttachments) {
    for (const d of batch.deleteAttachments) {
      data.attachments.delete(d);
      data.attachmentRecords.delete(d);
    }
  }
  if (batch.putDocs) data.docs.put(batch.putDocs);
  if (batch.putRevs) putRevs(data, batch.putRevs);
  if (batch.putSeqs) data.seqs.put(batch.putSeqs);
  if (batch.putLocals) for (const local of batch.putLocals) data.locals.set(local.id, local);
  if (batch.putAttachments) {
    for (const { digest, refs, data: bytes } of batch.putAttachments) {
      data.attachmentRecords.set(digest, { digest, refs });
      if (bytes) data.attachments.set(digest, bytes);
    }
  }
  if (batch.meta) data.meta = batch.meta;
}

/** Stores each body as its JSON text: the writer's when it made one, else made here. */
function putRevs(
  data: MemoryData,
  revs: readonly (RevRef & { body: RevBody; json?: string })[],
): void {
  for (const { id, rev, body, json } of revs) {
    let bodies = data.revs.get(id);
    if (!bodies) {
      bodies = new Map();
      data.revs.set(id, bodies);
    }
    bodies.set(rev, storedText(json ?? stringify(body)));
  }
}

function deleteRevs(data: MemoryData, refs: readonly RevRef[]): void {
  for (const { id, rev } of refs) {
    const bodies = data.revs.get(id);
    if (!bodies) continue;
    bodies.delete(rev);
    // A purged or fully compacted document should not leave an empty Map behind.
    if (bodies.size === 0) data.revs.delete(id);
  }
}
