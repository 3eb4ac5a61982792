import { bulkGetViaGet } from '../bulk-get-via-get.js';
import type { DocRecord, RevBody, RevRef } from '../engine/engine.js';
import { latest } from '../rev-tree/latest.js';
import { isLocalId } from '../rev-tree/local-id.js';
import type { BulkGetRequest, BulkGetResponse } from '../types/options.js';
import { type BodyReader, getDocument, getFromRecord } from './get.js';
import type { AdapterState } from './state.js';

/**
 * `bulkGet` in two engine reads under one read lock: every record, then every revision body
 * the request can need; each id is then answered by the code of `get` (with `open_revs` when
 * revisions are named, as PouchDB's local `bulkGet` calls it), so the answers are those of one
 * `get` per id. Satchel sends ids that are not strings, and every id of a database whose
 * `get` a plugin replaced, through `get` itself instead.
 */
export function bulkGetDocuments(
  state: AdapterState,
  req: BulkGetRequest,
): Promise<BulkGetResponse> {
  return state.lock.read(async () => {
    // `_local/` ids are read on their own below; their (absent) records cost nothing here.
    const ids = [...new Set(req.docs.map((doc) => doc.id))];
    const found = await state.engine.getDocs(ids);
    const records = new Map(ids.map((id, i) => [id, found[i]]));
    const read = await prefetch(state, wantedRefs(req, records));
    return bulkGetViaGet(
      {
        get: (id, opts) =>
          isLocalId(id)
            ? getDocument(state, id, opts)
            : getFromRecord(state, id, records.get(id), opts, read),
      },
      req,
    );
  });
}

/** The revision each request will read: the named one (or its leaf), else the winner. */
function wantedRefs(req: BulkGetRequest, records: Map<string, DocRecord | undefined>): RevRef[] {
  const refs: RevRef[] = [];
  for (const { id, rev } of req.docs) {
    const record = records.get(id);
    try {
      if (record)
        refs.push({ id, rev: !rev ? record.winningRev : req.latest ? latest(rev, record) : rev });
    } catch {
      // `latest` of an unknown revision: `get` answers it as missing without reading.
    }
  }
  return refs;
}

/**
 * Reads `refs` in one engine call; the reader answers from them and reads anything else on
 * its own. (A body two requests share, `latest` leading both to one leaf, is materialized
 * twice; `get` keeps only the first of the two, so sharing it is harmless.)
 */
async function prefetch(state: AdapterState, refs: RevRef[]): Promise<BodyReader> {
  const key = (ref: RevRef) => `${ref.rev}\u0000${ref.id}`;
  const read = refs.length > 0 ? await state.engine.getRevs(refs) : [];
  const bodies = new Map<string, RevBody | undefined>(refs.map((ref, i) => [key(ref), read[i]]));
  return async (ref) =>
    bodies.has(key(ref)) ? bodies.get(key(ref)) : (await state.engine.getRevs([ref]))[0];
}
