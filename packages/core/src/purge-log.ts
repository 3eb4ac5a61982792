/** PouchDB's purge log, the body of `_local/purges`: what views read to drop purged rows. */
export interface PurgeLog {
  purges?: { docId: string; rev: string; purgeSeq: number }[];
  purgeSeq?: number;
}

/**
 * Adds a purge to `log` (in place), keeping its last `limit` entries (`purged_infos_limit`).
 * One function for both writers of the log: the local adapter, inside the purge's own commit,
 * and Satchel for adapters that do not log themselves.
 */
export function addPurge(log: PurgeLog, docId: string, rev: string, limit: number): void {
  const purgeSeq = log.purgeSeq === undefined ? 0 : log.purgeSeq + 1;
  const purges = [...(log.purges ?? []), { docId, rev, purgeSeq }];
  if (purges.length > limit) purges.splice(0, purges.length - limit);
  log.purges = purges;
  log.purgeSeq = purgeSeq;
}
