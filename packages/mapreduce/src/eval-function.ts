import { builtInSum } from './builtin-sum.js';
import type { Emit } from './types.js';

const NAMES = ['emit', 'sum', 'log', 'isArray', 'toJSON'];

/**
 * Turns a function's source into a function, with PouchDB's helpers in scope: `emit`, `sum`,
 * `log` (a no-op), `isArray` and `toJSON`. Like PouchDB, the source runs in strict mode and a
 * trailing `;` is dropped.
 * @param source - the function's source text.
 * @param emit - the `emit` the function sees (a no-op for reduce functions).
 */
export function evalFunction<F>(source: string, emit: Emit = () => undefined): F {
  const body = `"use strict";\nreturn (${source.replace(/;\s*$/, '')}\n);`;
  const factory = new Function(...NAMES, body);
  return factory(emit, builtInSum, () => undefined, Array.isArray, JSON.parse) as F;
}
