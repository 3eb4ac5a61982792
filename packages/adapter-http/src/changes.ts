import type { AdapterChangesOptions, AnyDoc, ChangesResponse } from '@satchel/core';
import { decodeAttachments } from './attachment-data.js';
import type { HttpClient } from './http-client.js';
import { queryString } from './query-string.js';

/** The one-shot `_changes` query parameters for `opts`. */
function changesParams(opts: AdapterChangesOptions): Record<string, unknown> {
  return {
    since: opts.since,
    limit: opts.limit,
    descending: opts.descending || undefined,
    include_docs: opts.include_docs || undefined,
    conflicts: opts.conflicts || undefined,
    attachments: opts.attachments || undefined,
    style: opts.style === 'all_docs' ? 'all_docs' : undefined,
    seq_interval: opts.seq_interval,
    filter: opts.doc_ids ? '_doc_ids' : undefined,
  };
}

/**
 * Reads one page of `_changes` (feed=normal). `doc_ids` become the `_doc_ids` filter, posted
 * in the body so long id lists fit.
 * @param client - the database's client.
 * @param opts - the adapter's changes options.
 */
export async function readChanges(
  client: HttpClient,
  opts: AdapterChangesOptions,
): Promise<ChangesResponse> {
  const path = `/_changes${queryString(changesParams(opts))}`;
  const res = opts.doc_ids
    ? await client.json<ChangesResponse>({
        method: 'POST',
        path,
        body: { doc_ids: opts.doc_ids },
      })
    : await client.json<ChangesResponse>({ path });
  if (opts.attachments && opts.binary) {
    decodeAttachments(
      res.results.flatMap((row) => (row.doc ? [row.doc as unknown as AnyDoc] : [])),
    );
  }
  return res;
}
