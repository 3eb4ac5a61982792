import {
  type AdapterBulkDocsOptions,
  type AnyDoc,
  type BulkDocsResultRow,
  generateErrorFromResponse,
} from '@satchel/core';
import { bulkDocsProblem, checkAnswer } from './answer-shapes.js';
import { encodeAttachments } from './attachment-data.js';
import { docPath } from './doc-path.js';
import type { HttpClient } from './http-client.js';

/** HTTP statuses of the per-document errors `_bulk_docs` reports in its rows. */
const ROW_STATUS: Record<string, number> = {
  conflict: 409,
  forbidden: 403,
  unauthorized: 401,
  not_found: 404,
  bad_request: 400,
};

/** A raw `_bulk_docs` row: `{id, rev, ok}` or `{id, error, reason}`. */
type RawRow = {
  id: string;
  rev?: string;
  ok?: boolean;
  error?: string | boolean;
  reason?: string;
  status?: number;
};

/** Turns an error row into a PouchDB error object (keeping `id`), leaves successes alone. */
function toResultRow(row: RawRow): BulkDocsResultRow {
  if (!row.error) return row as BulkDocsResultRow;
  // CouchDB's rows name the error; a PouchDB server sends its error objects (`error: true`,
  // with `name` and `status`) as they are.
  const named = typeof row.error === 'string' ? ROW_STATUS[row.error] : undefined;
  return generateErrorFromResponse({ ...row, status: row.status ?? named ?? 500 });
}

/**
 * Writes documents with `_bulk_docs`; binary attachment data is sent as base64.
 * @param client - the database's client.
 * @param docs - the documents (owned: they are changed in place).
 * @param opts - `new_edits`.
 */
export async function bulkDocs(
  client: HttpClient,
  docs: AnyDoc[],
  opts: AdapterBulkDocsOptions,
): Promise<BulkDocsResultRow[]> {
  const single = docs[0];
  if (opts.was_delete && docs.length === 1 && single?._deleted && single._id && single._rev) {
    return [await removeDoc(client, single._id, single._rev)];
  }
  await encodeAttachments(docs);
  const body = opts.new_edits ? { docs } : { docs, new_edits: false };
  const req = { method: 'POST', path: '/_bulk_docs', body } as const;
  const rows = await client.json<RawRow[]>(req);
  checkAnswer(client, req, bulkDocsProblem(rows));
  return rows.map(toResultRow);
}

/**
 * `remove` as PouchDB's http adapter does it: a DELETE, so removing a missing document is a
 * 404 rather than the conflict `_bulk_docs` would report.
 */
async function removeDoc(client: HttpClient, id: string, rev: string): Promise<BulkDocsResultRow> {
  const path = `/${docPath(id)}?rev=${encodeURIComponent(rev)}`;
  return client.json<BulkDocsResultRow>({ method: 'DELETE', path });
}
