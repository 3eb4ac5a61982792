import * as Errors from '../error-templates.js';
import { createError } from '../errors.js';
import { isRevString } from '../rev-tree/rev-string.js';

/** `revsDiff` takes `{id: [rev, …]}` with string revisions; anything else is a 400. */
export function checkRevsDiffRequest(req: unknown): void {
  if (!req || typeof req !== 'object' || Array.isArray(req)) {
    throw createError(Errors.BAD_REQUEST, 'revsDiff expects an object of document id to revisions');
  }
  for (const [id, revs] of Object.entries(req)) {
    if (!Array.isArray(revs) || !revs.every((rev) => typeof rev === 'string')) {
      throw createError(
        Errors.BAD_REQUEST,
        `revsDiff expects a list of revision strings for ${id}`,
      );
    }
  }
}

/** `purge(docId, rev)` needs a string id and a well-formed revision. */
export function checkPurgeArgs(docId: unknown, rev: unknown): void {
  if (typeof docId !== 'string') throw createError(Errors.INVALID_ID);
  if (!isRevString(rev)) throw createError(Errors.INVALID_REV);
}
