import { builtInSum } from './builtin-sum.js';
import type { Emit } from './types.js';

const NAMES = ['emit', 'sum', 'log', 'isArray', 'toJSON'];

/**
 * Turns a function's source into a function, with PouchDB's helpers in scope: `emit`, `sum`,
 * `log` (a no-op), `isArray` and `toJSON`. Like PouchDB, the source runs in strict mode and a
 * trailing `;` is dropped. Source that does not compile gives a function that throws the
 * compile error on every call: PouchDB compiles per call, so a broken map function fails each
 * document (reported, skipped) and a broken reduce gives `null`, instead of failing the query.
 * @param source - the function's source text.
 * @param emit - the `emit` the function sees (a no-op for reduce functions).
 */
export function evalFunction<F>(source: string, emit: Emit = () => undefined): F {
  try {
    const body = `"use strict";\nreturn (${source.replace(/;\s*$/, '')}\n);`;
    const factory = new Function(...NAMES, body);
    return factory(emit, builtInSum, () => undefined, Array.isArray, JSON.parse) as F;
  } catch (err) {
    return (() => {
      throw err;
    }) as F;
  }
}
