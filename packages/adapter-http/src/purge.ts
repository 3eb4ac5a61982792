import type { PurgeResponse } from '@satchel/core';
import { docPath } from './doc-path.js';
import type { HttpClient } from './http-client.js';

/** CouchDB's `_purge` answer. */
interface CouchPurge {
  purged: Record<string, string[]>;
}

/**
 * Purges one revision with `_purge` and reports it in PouchDB's shape; whether the document
 * is gone completely is asked of the server afterwards.
 * @param client - the database's client.
 * @param docId - the document id.
 * @param rev - the leaf revision to purge.
 */
export async function purge(
  client: HttpClient,
  docId: string,
  rev: string,
): Promise<PurgeResponse> {
  const res = await client.json<CouchPurge>({
    method: 'POST',
    path: '/_purge',
    body: { [docId]: [rev] },
  });
  return {
    ok: true,
    deletedRevs: res.purged[docId] ?? [],
    documentWasRemovedCompletely: await isGone(client, docId),
  };
}

/** True when the server has no revision of the document left. */
async function isGone(client: HttpClient, docId: string): Promise<boolean> {
  try {
    const rows = await client.json<unknown[]>({ path: `/${docPath(docId)}?open_revs=all` });
    return rows.length === 0;
  } catch (err) {
    if ((err as { status?: number }).status === 404) return true;
    throw err;
  }
}
