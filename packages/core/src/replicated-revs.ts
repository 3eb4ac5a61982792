import * as Errors from './error-templates.js';
import { createError } from './errors.js';
import type { Revisions } from './types/documents.js';

/**
 * Whether a replicated document (`new_edits: false`) names its history by `_revisions` rather
 * than by `_rev` alone: PouchDB reads `_revisions` only when its `ids` is a non-empty list.
 */
export function hasRevisionList(revisions: unknown): revisions is Revisions {
  const ids = (revisions as Revisions | null | undefined)?.ids;
  return Array.isArray(ids) && ids.length > 0;
}

/**
 * Refuses a `_revisions` whose revisions no later edit could name, with CouchDB's errors
 * (`doc_validation`, 400) and reasons: a
 * `start` that is not an integer (or too large to count on, or negative: pouchdb@9 stores
 * `2.5-a` or `-1-a`, which every later `put` or `remove` refuses), ids that are not strings
 * (stored as `2-1`, which every edit conflicts with), and more ids than generations down to 0.
 * Shared by the public API (so adapters that are not core's get it too) and the local write
 * path.
 */
export function checkRevisionList(revisions: Revisions): void {
  const { start, ids } = revisions;
  if (!Number.isSafeInteger(start)) {
    throw invalidRevisions("_revisions.start isn't an integer.");
  }
  for (const revId of ids) {
    if (typeof revId !== 'string') throw invalidRevisions("RevId isn't a string");
  }
  if (start - ids.length + 1 < 0) throw createError(Errors.INVALID_REV);
}

/**
 * CouchDB's answer to such a `_revisions`: `doc_validation` with status 400 (PouchDB's template
 * of that name says 500, which a replication with `retry` would try again for ever).
 */
function invalidRevisions(reason: string) {
  const err = createError(Errors.DOC_VALIDATION, reason);
  err.status = 400;
  return err;
}

const GENERATION = /^\d+(?=-)/;

/**
 * Refuses a replicated `_rev` whose generation is past 2^53 (it reads back as another, and its
 * next edit would share it). Anything else is left to the checks of its format.
 */
export function checkGeneration(rev: unknown): void {
  const digits = typeof rev === 'string' ? GENERATION.exec(rev) : null;
  if (digits && !Number.isSafeInteger(Number(digits[0]))) throw createError(Errors.INVALID_REV);
}
