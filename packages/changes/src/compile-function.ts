/**
 * Turns the source text of a design-document function into a function value. PouchDB uses
 * Node's `vm` here; `Function` works in browsers too. Like PouchDB, the source runs in strict
 * mode and `extraNames` become variables it can see (the view filter's `emit`).
 */
export function compileFunction(
  source: string,
  extraNames: string[] = [],
  extraValues: unknown[] = [],
): unknown {
  // The trailing newline lets a source that ends in a line comment still compile.
  const factory = new Function(...extraNames, `"use strict";\nreturn (${source}\n);`);
  return factory(...extraValues) as unknown;
}
