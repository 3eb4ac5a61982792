import { type AnyDoc, type ChangesResult, createError, Errors } from '@satchel/core';
import type { ReplicationFilterFunction } from './types.js';

/**
 * Runs a replication's filter function on a change (read with `include_docs`), then drops the
 * doc from the change as PouchDB does. A filter that throws stops the replication with
 * PouchDB's `changes()` error for it (400 "Filter function threw: …"), as CouchDB fails a feed
 * whose filter throws. pouchdb@9's replicator lets such a change through instead (the error
 * counts as a truthy verdict): a filter that guards private documents would leak them.
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
  } catch (err) {
    throw createError(Errors.BAD_REQUEST, `Filter function threw: ${String(err)}`);
  }
}
