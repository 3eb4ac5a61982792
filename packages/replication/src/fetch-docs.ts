import type { AnyDoc, BulkGetRequest, RevsDiffResponse } from '@satchel/core';
import type { ReplicationDb } from './types.js';

/** The revisions read from the source for one batch. */
export interface FetchedDocs {
  docs: AnyDoc[];
  /** False when the source answered an error for some revision. */
  ok: boolean;
}

/** One `bulkGet` request for every missing revision of the diff. */
function bulkGetRequest(diffs: RevsDiffResponse): BulkGetRequest {
  const docs: BulkGetRequest['docs'] = [];
  for (const [id, diff] of Object.entries(diffs)) {
    for (const rev of diff.missing) docs.push({ id, rev });
  }
  // latest: a revision superseded since the changes read is replaced by its leaf.
  return { docs, revs: true, latest: true, attachments: true, binary: true };
}

/**
 * Reads the missing revisions from the source with their full history (`_revisions`, needed
 * by `new_edits: false`) and attachment data, in one `bulkGet` (Satchel falls back to
 * `get` with `open_revs` where an adapter has none).
 * @param src - the source database.
 * @param diffs - the target's `revsDiff` answer.
 */
export async function fetchDocs(src: ReplicationDb, diffs: RevsDiffResponse): Promise<FetchedDocs> {
  const request = bulkGetRequest(diffs);
  if (request.docs.length === 0) return { docs: [], ok: true };
  const res = await src.bulkGet(request);
  const docs: AnyDoc[] = [];
  let ok = true;
  for (const result of res.results) {
    for (const entry of result.docs) {
      if ('ok' in entry && entry.ok) docs.push(stripStubFields(entry.ok));
      // A `{missing}` entry (compacted away meanwhile) is skipped, as PouchDB skips it.
      else if ('error' in entry) ok = false;
    }
  }
  return { docs, ok };
}

/** Inline attachments keep only what a write needs (PouchDB drops `stub` and `length`). */
function stripStubFields(doc: AnyDoc): AnyDoc {
  const atts = doc._attachments as Record<string, Record<string, unknown>> | undefined;
  if (!atts) return doc;
  for (const att of Object.values(atts)) {
    if ('data' in att) {
      delete att.stub;
      delete att.length;
    }
  }
  return doc;
}
