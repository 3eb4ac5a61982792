import { createError, type SatchelError } from '@satchel/core';

/**
 * How deeply a selector may nest (each selector, condition or array inside another counts as a
 * level). Matching recurses over the selector's structure, so this bound keeps it far from the
 * engine's stack limit; deeper selectors are refused up front with a 400 error instead of
 * overflowing. Documents are never walked recursively, so they may be nested to any depth.
 */
export const MAX_SELECTOR_DEPTH = 512;

/**
 * A malformed-selector error: status 400, name `bad_request`, with the explanation as both
 * `message` (as pouchdb-find's own errors carry it) and `reason`.
 * @param message - what is wrong, e.g. `Query operator $in must be an array. Received number: 1`.
 */
export function selectorError(message: string): SatchelError {
  return createError({ status: 400, name: 'bad_request', message }, message);
}

/**
 * Throws the depth-limit error when `depth` exceeds {@link MAX_SELECTOR_DEPTH}.
 * @param depth - the nesting level about to be entered (the selector itself is level 1).
 */
export function checkDepth(depth: number): void {
  if (depth > MAX_SELECTOR_DEPTH) {
    throw selectorError(
      `Selector error: nested more than ${MAX_SELECTOR_DEPTH} levels deep, which is not supported`,
    );
  }
}
