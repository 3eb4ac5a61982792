import type { AnyDoc, ChangesResult } from '@satchel/core';
import type { ReplicationFilterFunction } from './types.js';

/**
 * Runs a replication's filter function on a change (read with `include_docs`), then drops the
 * doc from the change as PouchDB does. A filter that throws lets the change through, as in
 * PouchDB, where the thrown error counts as a truthy verdict.
 * @returns whether the change is replicated.
 */
export function passesFilter(
  change: ChangesResult,
  filter: ReplicationFilterFunction | undefined,
  query: Record<string, unknown> | undefined,
): boolean {
  if (!filter) return true;
  const doc = (change.doc ?? {}) as AnyDoc;
  delete change.doc;
  try {
    return Boolean(filter(doc, { query }));
  } catch {
    return true;
  }
}
