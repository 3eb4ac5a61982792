import { createError, Errors } from '@satchel/core';
import type { ChangeFilter } from './filter-function.js';
import type { Selector } from './types.js';

/** Tells whether a document matches a Mango selector (what `@satchel/selector` provides). */
export type SelectorMatcher = (doc: object, selector: Selector) => boolean;

/**
 * The registered matcher. Selector matching lives in its own package (no I/O, shared with
 * replication and mango); this package only needs the function, so it is injected rather than
 * imported, and `changes` works without the selector package installed.
 */
let registered: SelectorMatcher | undefined;

/**
 * Registers the Mango matcher `selector` feeds use (`@satchel/selector` or a preset calls this).
 * Pass `undefined` to unregister.
 */
export function setSelectorMatcher(matcher: SelectorMatcher | undefined): void {
  registered = matcher;
}

/** The registered matcher, if any. */
export function getSelectorMatcher(): SelectorMatcher | undefined {
  return registered;
}

/**
 * The `_selector` filter. Without a registered matcher the feed fails up front with a 400
 * `bad_request` (PouchDB's error shape) rather than silently returning every change.
 */
export function selectorFilter(selector: Selector): ChangeFilter {
  const matcher = registered;
  if (!matcher) {
    throw createError(
      Errors.BAD_REQUEST,
      'selector filtering needs a selector matcher: install @satchel/selector (setSelectorMatcher)',
    );
  }
  return (doc) => matcher(doc, selector);
}
