import { randomRevId } from '../ids.js';
import type { AnyDoc, WriteResponse } from '../types/documents.js';
import type { DatabaseSurface } from './database-surface.js';
import { type PutOptions, writeOne } from './write-methods.js';

// Internal to core, loaded on first use (occasional-code.ts): few calls force a new branch.

/** `put` with `force`: writes the edit as a new branch, whatever the current winner. */
export async function forcePut(
  db: DatabaseSurface,
  doc: AnyDoc,
  options: PutOptions,
): Promise<WriteResponse> {
  const [pos, hash] = (doc._rev as string).split('-') as [string, string];
  const newHash = randomRevId();
  const newPos = Number.parseInt(pos, 10) + 1;
  const forced = {
    ...doc,
    _revisions: { start: newPos, ids: [newHash, hash] },
    _rev: `${newPos}-${newHash}`,
  };
  const { force: _force, ...rest } = options;
  await writeOne(db, forced, { ...rest, new_edits: false });
  return { ok: true, id: forced._id as string, rev: forced._rev };
}
