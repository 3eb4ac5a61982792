import type { Satchel } from '@satchel/core';

type Doc = Record<string, unknown>;

/**
 * Reads `id` (an empty object when missing), lets `change` return the new document (or
 * `false` to leave it), and writes it with the read `_rev`, retrying from the read on a 409
 * (pouchdb-utils' `upsert`, which pouchdb-find uses for its design documents).
 * @param db - the database.
 * @param id - the document id.
 * @param change - receives the current document; returns the one to write, or `false`.
 * @returns whether a write happened.
 */
export async function upsert(
  db: Satchel,
  id: string,
  change: (doc: Doc) => Doc | false,
): Promise<boolean> {
  for (;;) {
    const current = await readOrEmpty(db, id);
    const rev = current._rev;
    const next = change(current);
    if (!next) return false;
    next._id = id;
    if (rev === undefined) delete next._rev;
    else next._rev = rev;
    try {
      await db.put(next as Doc & { _id: string });
      return true;
    } catch (err) {
      if ((err as { status?: number }).status !== 409) throw err;
    }
  }
}

async function readOrEmpty(db: Satchel, id: string): Promise<Doc> {
  try {
    return (await db.get(id)) as Doc;
  } catch (err) {
    if ((err as { status?: number }).status !== 404) throw err;
    return {};
  }
}
