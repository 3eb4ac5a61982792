import type { Satchel } from '@satchel/core';

/**
 * Reads a local document, or `undefined` when it does not exist.
 * @param db - the database.
 * @param id - the `_local/…` id.
 */
export async function readLocal<T extends object>(db: Satchel, id: string): Promise<T | undefined> {
  try {
    return (await db.get(id)) as T;
  } catch (err) {
    if ((err as { status?: number }).status === 404) return undefined;
    throw err;
  }
}
