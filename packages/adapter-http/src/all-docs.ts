import type { AllDocsOptions, AllDocsResponse, AnyDoc } from '@satchel/core';
import { decodeAttachments } from './attachment-data.js';
import type { HttpClient } from './http-client.js';
import { queryString } from './query-string.js';

/** The `allDocs` options CouchDB takes as query parameters (`keys` goes in the body). */
function allDocsParams(opts: AllDocsOptions): Record<string, unknown> {
  return {
    include_docs: opts.include_docs || undefined,
    conflicts: opts.conflicts || undefined,
    attachments: opts.attachments || undefined,
    startkey: opts.startkey ?? opts.start_key,
    endkey: opts.endkey ?? opts.end_key,
    inclusive_end: opts.inclusive_end === false ? false : undefined,
    key: opts.key,
    limit: opts.limit,
    skip: opts.skip || undefined,
    descending: opts.descending || undefined,
    update_seq: opts.update_seq || undefined,
  };
}

/**
 * Lists documents with `_all_docs`: a GET, or a POST with `{keys}` when keys are given.
 * @param client - the database's client.
 * @param opts - PouchDB's `allDocs` options.
 */
export async function allDocs(client: HttpClient, opts: AllDocsOptions): Promise<AllDocsResponse> {
  const path = `/_all_docs${queryString(allDocsParams(opts))}`;
  const res = opts.keys
    ? await client.json<AllDocsResponse>({ method: 'POST', path, body: { keys: opts.keys } })
    : await client.json<AllDocsResponse>({ path });
  if (opts.attachments && opts.binary) {
    decodeAttachments(res.rows.flatMap((row) => (row.doc ? [row.doc as unknown as AnyDoc] : [])));
  }
  return res;
}
