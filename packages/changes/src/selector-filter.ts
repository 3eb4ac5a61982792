import {
  createError,
  Errors,
  selectorTimeLimit,
  selectorTimeLimitMs,
  stringify,
} from '@satchel/core';
import type { ChangeFilter, PageLimitedFilter } from './filter-function.js';
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

/** Where the matcher comes from when it is loaded on first use instead. */
let loader: (() => Promise<SelectorMatcher>) | undefined;

/**
 * Registers where the matcher is loaded from on the first `selector` feed, for bundles that keep
 * the matcher out of what every page loads (the browser preset passes an `import()` of
 * `@satchel/selector`). A matcher registered with {@link setSelectorMatcher} wins. Pass
 * `undefined` to unregister.
 */
export function setSelectorMatcherLoader(load: (() => Promise<SelectorMatcher>) | undefined): void {
  loader = load;
}

/** The registered matcher, if any (one registered through a loader once it was loaded). */
export function getSelectorMatcher(): SelectorMatcher | undefined {
  return registered;
}

/** Loads the matcher through the registered loader and registers it. */
async function loadMatcher(load: () => Promise<SelectorMatcher>): Promise<void> {
  const matcher = await load();
  // Kept unless another matcher (or loader) was registered meanwhile.
  if (!registered && loader === load) registered = matcher;
}

/**
 * The `_selector` filter. Without a registered matcher the feed fails up front with a 400
 * `bad_request` (PouchDB's error shape) rather than silently returning every change. On a
 * database opened with a `selector_time_limit` (a server's), a selector with a `$regex` is
 * matched under that limit, a chunk of changes per call (see `readChanges`).
 * @param selector - the feed's selector.
 * @param dbOptions - the database's options.
 */
export function selectorFilter(
  selector: Selector,
  dbOptions: Readonly<Record<string, unknown>> = {},
): ChangeFilter | Promise<ChangeFilter> {
  // Only the first feed after a loader was registered waits (for the matcher to load).
  if (!registered && loader) {
    return loadMatcher(loader).then(() => selectorFilter(selector, dbOptions));
  }
  const matcher = registered;
  if (!matcher) {
    throw createError(
      Errors.BAD_REQUEST,
      'selector filtering needs a selector matcher: install @satchel/selector (setSelectorMatcher)',
    );
  }
  const ms = selectorTimeLimitMs(dbOptions, stringify(selector));
  if (!ms) return (doc) => matcher(doc, selector);
  const filter: PageLimitedFilter = (doc) => matcher(doc, selector);
  filter.pageLimit = selectorTimeLimit(ms);
  return filter;
}
