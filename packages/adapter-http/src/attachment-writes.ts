import type { AdapterPutAttachmentOptions, WriteResponse } from '@satchel/core';
import { attachmentPath } from './doc-path.js';
import type { HttpClient } from './http-client.js';
import { queryString } from './query-string.js';

/**
 * Stores one attachment as PouchDB's http adapter does: a single
 * `PUT /db/<doc>/<att>?rev=<rev>` whose body is the raw bytes and whose `Content-Type` is the
 * attachment's type (no base64, no JSON). The server creates the document when `rev` is absent.
 * @param client - the database's client.
 * @param docId - the document id.
 * @param name - the attachment name (`/` inside it is kept as a path separator).
 * @param data - the attachment's bytes.
 * @param opts - the document's current `rev` and the attachment's `type`.
 */
export function putAttachment(
  client: HttpClient,
  docId: string,
  name: string,
  data: Uint8Array,
  opts: AdapterPutAttachmentOptions,
): Promise<WriteResponse> {
  return client.json<WriteResponse>({
    method: 'PUT',
    path: `/${attachmentPath(docId, name)}${queryString({ rev: opts.rev })}`,
    rawBody: data,
    headers: opts.type === undefined ? {} : { 'Content-Type': opts.type },
  });
}

/**
 * Removes one attachment in a new revision: `DELETE /db/<doc>/<att>?rev=<rev>`.
 * @param client - the database's client.
 * @param docId - the document id.
 * @param name - the attachment name.
 * @param rev - the document's current revision.
 */
export function removeAttachment(
  client: HttpClient,
  docId: string,
  name: string,
  rev: string,
): Promise<WriteResponse> {
  return client.json<WriteResponse>({
    method: 'DELETE',
    path: `/${attachmentPath(docId, name)}${queryString({ rev })}`,
  });
}
