import { type CouchServer, startCouchServer } from './couch-server.js';

/**
 * The URL of a real CouchDB to test against, from the `COUCH_URL` environment variable
 * (e.g. `http://admin:secret@127.0.0.1:5984`), or `undefined` when it is not set.
 */
export function couchUrl(): string | undefined {
  const url = process.env.COUCH_URL;
  return url ? url.replace(/\/+$/, '') : undefined;
}

/**
 * A server to test against: the CouchDB named by `COUCH_URL` when set (its `stop` does
 * nothing), else a fresh in-memory server from {@link startCouchServer}.
 */
export async function useCouchServer(): Promise<CouchServer> {
  const url = couchUrl();
  if (url) return { url, stop: async () => {} };
  return startCouchServer();
}
