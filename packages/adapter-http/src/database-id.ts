import type { HttpClient } from './http-client.js';

/**
 * The database's stable id as PouchDB's http adapter computes it (replication checkpoint ids
 * depend on it): the server's `uuid` followed by the encoded database name, or the database
 * URL with a trailing slash when the server has no uuid or cannot be asked.
 * @param client - the database's client.
 * @param fetchRoot - reads the server's welcome (`GET /` of the server).
 */
export async function databaseId(
  client: HttpClient,
  fetchRoot: () => Promise<unknown>,
): Promise<string> {
  let uuid: unknown;
  try {
    uuid = ((await fetchRoot()) as { uuid?: unknown } | null)?.uuid;
  } catch {
    uuid = undefined;
  }
  const dbName = client.url.slice(client.url.lastIndexOf('/') + 1);
  return typeof uuid === 'string' && uuid ? uuid + dbName : `${client.url}/`;
}
