import type { Satchel } from '@satchel/core';

/**
 * Reads a document (usually a `_local/…` one), or `undefined` when it does not exist.
 * @param db - the database.
 * @param id - the document id.
 * @param opts - `get` options.
 */
export async function readLocal<T extends object>(
  db: Satchel,
  id: string,
  opts?: { conflicts?: boolean },
): Promise<T | undefined> {
  try {
    return (await (opts ? db.get(id, opts) : db.get(id))) as T;
  } catch (err) {
    if ((err as { status?: number }).status === 404) return undefined;
    throw err;
  }
}
