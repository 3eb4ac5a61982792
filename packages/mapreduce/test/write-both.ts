import type { PouchLike, Satchel } from './helpers.js';

/**
 * Applies the same edits to both databases: each random doc replaces (or deletes) the document
 * with the same id when one exists, else creates it.
 */
export async function writeBoth(
  db: Satchel,
  pouch: PouchLike,
  docs: Record<string, unknown>[],
): Promise<void> {
  for (const doc of docs) {
    const id = doc._id as string;
    const existing = await db.get(id).catch(() => undefined);
    const next = existing ? { ...doc, _rev: (existing as { _rev: string })._rev } : doc;
    await db.bulkDocs([structuredClone(next)]);
    await pouch.bulkDocs([structuredClone(next)]);
  }
}
