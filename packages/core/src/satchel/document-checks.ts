import * as Errors from '../error-templates.js';
import { createError } from '../errors.js';
import { isRevString } from '../rev-tree/rev-string.js';
import type { AnyDoc } from '../types/documents.js';

/** PouchDB's test for "not a single document": null, a primitive, or an array. */
export function isNotSingleDoc(doc: unknown): boolean {
  return doc === null || typeof doc !== 'object' || Array.isArray(doc);
}

/**
 * Refuses a `_rev` that is not `N-hash`. An undefined `_rev` counts as absent: PouchDB copies
 * every argument first, and its copy drops undefined members (pouchdb-upsert relies on it).
 */
export function checkRevMember(doc: AnyDoc): void {
  if (doc._rev !== undefined && !isRevString(doc._rev)) throw createError(Errors.INVALID_REV);
}
