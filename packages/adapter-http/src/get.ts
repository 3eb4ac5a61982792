import type { AnyDoc, GetOptions, OpenRevsResult } from '@satchel/core';
import { docPath } from './doc-path.js';
import type { HttpClient } from './http-client.js';
import { inlineAttachments } from './inline-attachments.js';
import { queryString } from './query-string.js';

/**
 * The `get` options CouchDB takes as query parameters. `attachments` is not one of them:
 * as in PouchDB, the data is downloaded raw, attachment by attachment, after the stubs.
 */
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
  };
}

/**
 * Reads one document, or several revisions with `open_revs` (asked as JSON, not multipart);
 * with `attachments`, their data is fetched as raw bytes (base64, or binary with `binary`).
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
  try {
    const result = await client.json<AnyDoc | OpenRevsResult[]>({ path });
    if (opts.attachments) await inlineAttachments(client, docsOf(result), Boolean(opts.binary));
    return result;
  } catch (err) {
    // PouchDB's http adapter names the document in the error, as its local adapters do.
    if (err && typeof err === 'object') (err as { docId?: string }).docId = id;
    throw err;
  }
}

/** The documents inside a `get` answer. */
function docsOf(result: AnyDoc | OpenRevsResult[]): AnyDoc[] {
  if (!Array.isArray(result)) return [result];
  return result.flatMap((row) => ('ok' in row ? [row.ok as unknown as AnyDoc] : []));
}
