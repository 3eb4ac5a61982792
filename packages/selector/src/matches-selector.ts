import { compileRowFilter } from './compile.js';
import { cachedTest } from './compiled-cache.js';
import { isRecord } from './is-object.js';
import { massageSelector } from './massage-selector.js';
import type { DocumentTest, Selector } from './types.js';

/**
 * Validates, massages and compiles `selector` once, for testing many documents: the returned
 * function gives what {@link matchesSelector} would for each. Use it in loops (changes feeds,
 * replication filters, `_all_docs` scans).
 * @param selector - a Mango selector (not modified; later changes to it are not seen).
 * @returns a document test.
 * @throws a 400 `bad_request` SatchelError for a malformed selector (see `validateSelector`).
 */
export function compileSelector(selector: Selector): DocumentTest {
  const massaged = massageSelector(selector);
  return compileRowFilter(massaged, Object.keys(massaged));
}

/**
 * True when `doc` matches the Mango `selector`, with pouchdb-selector-core 9's answers (see the
 * README for the PouchDB quirks kept). Comparisons use CouchDB collation (`collate` from
 * `@satchel/core`). The compiled selector is remembered for the selector object as long as its
 * content stays the same, so calling this once per document of a feed stays cheap;
 * {@link compileSelector} skips even that check.
 *
 * Its signature is `@satchel/changes`' `SelectorMatcher`: pass it to `setSelectorMatcher`.
 * @param doc - the document (any value; fields of a non-object are missing).
 * @param selector - the selector.
 * @throws a 400 `bad_request` SatchelError for a malformed selector.
 */
export function matchesSelector(doc: unknown, selector: Selector): boolean {
  if (!isRecord(selector)) return compileSelector(selector)(doc);
  return cachedTest(selector, () => compileSelector(selector))(doc);
}
