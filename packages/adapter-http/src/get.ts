import type { AnyDoc, GetOptions, OpenRevsResult } from '@satchel/core';
import { decodeAttachments } from './attachment-data.js';
import { docPath } from './doc-path.js';
import type { HttpClient } from './http-client.js';
import { queryString } from './query-string.js';

/** The `get` options CouchDB takes as query parameters (`binary` is applied locally). */
function getParams(opts: GetOptions): Record<string, unknown> {
  return {
    rev: opts.rev,
    revs: opts.revs || undefined,
    revs_info: opts.revs_info || undefined,
    open_revs: opts.open_revs,
    conflicts: opts.conflicts || undefined,
    deleted_conflicts: opts.deleted_conflicts || undefined,
    latest: opts.latest || undefined,
    local_seq: opts.local_seq || undefined,
    attachments: opts.attachments || undefined,
  };
}

/**
 * Reads one document, or several revisions with `open_revs` (asked as JSON, not multipart).
 * @param client - the database's client.
 * @param id - the document id (local ids included).
 * @param opts - PouchDB's `get` options.
 */
export async function getDoc(
  client: HttpClient,
  id: string,
  opts: GetOptions,
): Promise<AnyDoc | OpenRevsResult[]> {
  const path = `/${docPath(id)}${queryString(getParams(opts))}`;
  let result: AnyDoc | OpenRevsResult[];
  try {
    result = await client.json<AnyDoc | OpenRevsResult[]>({ path });
  } catch (err) {
    // PouchDB's http adapter names the document in the error, as its local adapters do.
    if (err && typeof err === 'object') (err as { docId?: string }).docId = id;
    throw err;
  }
  if (opts.attachments && opts.binary) decodeAttachments(docsOf(result));
  return result;
}

/** The documents inside a `get` answer. */
function docsOf(result: AnyDoc | OpenRevsResult[]): AnyDoc[] {
  if (!Array.isArray(result)) return [result];
  return result.flatMap((row) => ('ok' in row ? [row.ok as unknown as AnyDoc] : []));
}
