import type { DatabaseSurface } from './database-surface.js';
import { upsertLocal } from './upsert-local.js';

interface PurgeLog {
  purges?: { docId: string; rev: string; purgeSeq: number }[];
  purgeSeq?: number;
}

/** Records a purge in `_local/purges`, keeping the last `purged_infos_limit` entries (PouchDB's log). */
export async function appendPurge(db: DatabaseSurface, docId: string, rev: string): Promise<void> {
  await upsertLocal(db, '_local/purges', (doc) => {
    const log = doc as PurgeLog;
    const purgeSeq = log.purgeSeq === undefined ? 0 : log.purgeSeq + 1;
    const purges = [...(log.purges ?? []), { docId, rev, purgeSeq }];
    if (purges.length > db.purged_infos_limit)
      purges.splice(0, purges.length - db.purged_infos_limit);
    log.purges = purges;
    log.purgeSeq = purgeSeq;
    return true;
  });
}
