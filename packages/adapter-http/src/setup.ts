import type { HttpClient } from './http-client.js';

/**
 * Makes sure the database exists, as PouchDB's http adapter does: a GET, and a PUT when the
 * server says 404. A 412 (created meanwhile by someone else) counts as success.
 * @param client - the database's client.
 */
export async function setupDatabase(client: HttpClient): Promise<void> {
  try {
    await client.json({ path: '' });
    return;
  } catch (err) {
    if ((err as { status?: number }).status !== 404) throw err;
  }
  try {
    await client.json({ method: 'PUT', path: '' });
  } catch (err) {
    if ((err as { status?: number }).status !== 412) throw err;
  }
}
