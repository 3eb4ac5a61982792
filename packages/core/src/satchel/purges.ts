import { addPurge, type PurgeLog } from '../purge-log.js';
import type { DatabaseSurface } from './database-surface.js';
import { upsertLocal } from './upsert-local.js';

/**
 * Records a purge in `_local/purges`, keeping the last `purged_infos_limit` entries (PouchDB's
 * log), for adapters that do not record it in the purge's own commit.
 */
export async function appendPurge(db: DatabaseSurface, docId: string, rev: string): Promise<void> {
  await upsertLocal(db, '_local/purges', (doc) => {
    addPurge(doc as PurgeLog, docId, rev, db.purged_infos_limit);
    return true;
  });
}
