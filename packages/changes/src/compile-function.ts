import { createError, Errors, isSatchelError } from '@satchel/core';

/**
 * Turns the source text of a design-document function into a function. PouchDB uses Node's
 * `vm` here; `Function` works in browsers too. Like PouchDB, the source runs in strict mode, and
 * `extraNames` become variables it can see (the view filter's `emit`). A source that does not
 * compile, or is not a function, is a 400: PouchDB would crash on the first or silently skip
 * filtering, CouchDB refuses it.
 */
export function compileFunction<F>(
  name: string,
  source: string,
  extraNames: string[] = [],
  extraValues: unknown[] = [],
): F {
  let value: unknown;
  try {
    // The newline lets a source that ends in a line comment still compile.
    const factory = new Function(...extraNames, `"use strict";\nreturn (${source}\n);`);
    value = factory(...extraValues);
  } catch (err) {
    // Worded as `describeThrown` (filter-change.ts) words it, not imported: this file is loaded
    // on first use, and importing a file of the page's would split that file into a chunk of
    // its own that the page loads too.
    const thrown = isSatchelError(err) ? `Error: ${err.message}` : String(err);
    throw createError(Errors.BAD_REQUEST, `Filter function threw: ${thrown}`);
  }
  if (typeof value !== 'function') {
    throw createError(Errors.BAD_REQUEST, `\`${name}\` is not a function`);
  }
  return value as F;
}
