import type { AnyDoc } from '../types/documents.js';
import type { DatabaseSurface } from './database-surface.js';

/** Reads a local doc, lets `change` edit it (false = no write), and writes it, retrying on 409. */
export async function upsertLocal(
  db: Pick<DatabaseSurface, 'get' | 'put'>,
  id: string,
  change: (doc: AnyDoc) => boolean,
): Promise<void> {
  for (;;) {
    let doc: AnyDoc;
    try {
      doc = (await db.get(id)) as AnyDoc;
    } catch (err) {
      if ((err as { status?: number }).status !== 404) throw err;
      doc = { _id: id };
    }
    if (!change(doc)) return;
    try {
      await db.put(doc);
      return;
    } catch (err) {
      if ((err as { status?: number }).status !== 409) throw err;
    }
  }
}
