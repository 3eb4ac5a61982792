import type { ChangesResult, RevsDiffRequest } from '@satchel/core';

/** Changes to replicate together, and the source sequence they bring the target up to. */
export interface Batch {
  changes: ChangesResult[];
  seq: number | string;
}

/** The `revsDiff` request of a batch: every revision of every change, per document. */
export function diffRequest(changes: ChangesResult[]): RevsDiffRequest {
  const diff: RevsDiffRequest = {};
  for (const change of changes) {
    const revs = change.changes.map((c) => c.rev);
    const known = diff[change.id];
    diff[change.id] = known ? [...new Set([...known, ...revs])] : revs;
  }
  return diff;
}
