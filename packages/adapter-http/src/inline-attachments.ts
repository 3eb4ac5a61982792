import { type AnyDoc, encodeBase64, toBinaryOutput } from '@satchel/core';
import { attachmentPath } from './doc-path.js';
import type { HttpClient } from './http-client.js';
import { queryString } from './query-string.js';

/** Attachment downloads in flight at once: PouchDB's http adapter bound, kind to browsers. */
const PARALLEL_DOWNLOADS = 5;

type Stub = Record<string, unknown>;

/**
 * Fills the attachment stubs of documents with their data, each downloaded as raw bytes
 * (`GET /db/<doc>/<att>?rev=<rev>`), a few at a time, as PouchDB's http adapter does for
 * `get(id, {attachments: true})`: no base64 on the wire, and servers that would answer
 * multipart are never asked to inline. `stub` and `length` go, `data` comes in.
 * @param client - the database's client.
 * @param docs - documents read with stubs; changed in place.
 * @param binary - Buffers (Node) or Blobs instead of base64 strings.
 */
export async function inlineAttachments(
  client: HttpClient,
  docs: readonly AnyDoc[],
  binary: boolean,
): Promise<void> {
  const downloads: Array<() => Promise<void>> = [];
  for (const doc of docs) {
    const stubs = (doc._attachments ?? {}) as unknown as Record<string, Stub>;
    for (const [name, stub] of Object.entries(stubs)) {
      // An entry that already carries its data (a `_local` doc on a PouchDB-based server keeps
      // what was put) has nothing to download, and CouchDB serves no attachments of local docs.
      if (stub.stub === true) downloads.push(() => fill(client, doc, name, stub, binary));
    }
  }
  await runBounded(downloads, PARALLEL_DOWNLOADS);
}

/** Downloads one attachment of the document's revision into its stub. */
async function fill(
  client: HttpClient,
  doc: AnyDoc,
  name: string,
  stub: Stub,
  binary: boolean,
): Promise<void> {
  const path = `/${attachmentPath(String(doc._id), name)}${queryString({ rev: doc._rev })}`;
  const bytes = await client.bytes({ path, headers: { Accept: '*/*' } });
  delete stub.stub;
  delete stub.length;
  stub.data = binary ? toBinaryOutput(bytes, stub.content_type as string) : encodeBase64(bytes);
}

/**
 * Runs tasks with at most `limit` in flight; rejects with the first failure once the tasks
 * already started have settled, and starts no new one after it.
 */
async function runBounded(tasks: Array<() => Promise<void>>, limit: number): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (!failure && next < tasks.length) {
      const task = tasks[next++] as () => Promise<void>;
      try {
        await task();
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  if (failure) throw failure.error;
}
