import type { ChangesResult, RevsDiffRequest } from '@satchel/core';

/** Changes to replicate together, and the source sequence they bring the target up to. */
export interface Batch {
  changes: ChangesResult[];
  seq: number | string;
}

/**
 * The `revsDiff` request of a batch: every revision of every change, per document. Ids are
 * user data: `constructor` or `__proto__` must be plain own keys, never inherited members.
 */
export function diffRequest(changes: ChangesResult[]): RevsDiffRequest {
  const byId = new Map<string, string[]>();
  for (const change of changes) {
    const revs = change.changes.map((c) => c.rev);
    const known = byId.get(change.id);
    byId.set(change.id, known ? [...new Set([...known, ...revs])] : revs);
  }
  const diff: RevsDiffRequest = {};
  for (const [id, revs] of byId) {
    Object.defineProperty(diff, id, {
      value: revs,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return diff;
}
