import * as Errors from './error-templates.js';
import { createError } from './errors.js';

/** Ids starting with `_` that documents may use; any other leading underscore is reserved. */
const ALLOWED_UNDERSCORE_ID = /^_(design|local)/;

/**
 * Throws PouchDB's error for a document id that is missing (`missing_id`), not a string
 * (`invalid_id`) or reserved (`_foo`: `doc_validation`). Shared by the public API and the
 * local write path, which both check ids before anything is written.
 */
export function checkDocId(id: unknown): asserts id is string {
  if (!id) throw createError(Errors.MISSING_ID);
  if (typeof id !== 'string') throw createError(Errors.INVALID_ID);
  if (id.startsWith('_') && !ALLOWED_UNDERSCORE_ID.test(id)) {
    throw createError(Errors.RESERVED_ID);
  }
}
