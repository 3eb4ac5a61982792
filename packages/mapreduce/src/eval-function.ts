import { builtInSum } from './builtin-sum.js';
import { evalRefusedError, isEvalRefusal } from './eval-refused.js';
import { viewSandbox } from './sandbox.js';
import type { Emit } from './types.js';

/** Compiles `source` with `new Function` (browsers, like PouchDB's browser build). */
function inRealm<F>(source: string, emit: Emit): F {
  const body = `"use strict";\nreturn (${source}\n);`;
  const factory = new Function('emit', 'sum', 'log', 'isArray', 'toJSON', body);
  return factory(emit, builtInSum, () => undefined, Array.isArray, JSON.parse) as F;
}

/**
 * Turns a view function's source into a function, with PouchDB's helpers in scope: `emit`,
 * `sum`, `log` (a no-op), `isArray` and `toJSON`. Like PouchDB, the source runs in strict mode
 * and a trailing `;` is dropped; on Node it runs in a VM context of its own (see
 * `node-sandbox.ts`), elsewhere in the page. Source that does not compile gives a function that
 * throws the compile error on every call: PouchDB compiles per call, so a broken map function
 * fails each document (reported, skipped) and a broken reduce gives `null`, instead of failing
 * the query.
 * @param source - the function's source text.
 * @param emit - the `emit` the function sees (a no-op for reduce functions).
 */
export function evalFunction<F>(source: string, emit: Emit = () => undefined): F {
  const trimmed = source.replace(/;\s*$/, '');
  try {
    const sandbox = viewSandbox();
    return sandbox ? sandbox.compile<F>(trimmed, emit) : inRealm<F>(trimmed, emit);
  } catch (err) {
    // A Content-Security-Policy refusal fails the query at once, naming the cause.
    if (isEvalRefusal(err)) throw evalRefusedError();
    return (() => {
      throw err;
    }) as F;
  }
}
