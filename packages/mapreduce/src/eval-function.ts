import { builtInSum } from './builtin-sum.js';
import { evalRefusedError, isEvalRefusal } from './eval-refused.js';
import { SANDBOX_PRELUDE, type VmModule, vm } from './sandbox-vm.js';
import type { Emit } from './types.js';

/** What a sandboxed call gives back: the function's result and what it emitted. */
interface SandboxOutput {
  result: unknown;
  emits: [unknown, unknown][];
}

/** JSON text of an argument (the sandbox gets copies as text, never host objects). */
const asJson = (value: unknown): string | undefined =>
  value === undefined ? undefined : JSON.stringify(value);

/**
 * Compiles `source` once in its own VM context, as PouchDB runs view functions on Node: the
 * function sees JSON copies of its arguments and no host object, and its emits are handed over
 * only when it returns (a throw drops them).
 */
function sandboxed<F>(source: string, emit: Emit, context: VmModule): F {
  const code = `(function () {${SANDBOX_PRELUDE}
var __fun = (${source}
);
return function (a, b, c) {
  __emits = [];
  var result = __fun(__parse(a), __parse(b), __parse(c));
  return { result: result, emits: __emits };
};
})()`;
  const run = context.runInContext(code, context.createContext(Object.create(null))) as (
    ...args: (string | undefined)[]
  ) => SandboxOutput;
  return ((a: unknown, b: unknown, c: unknown) => {
    const out = run(asJson(a), asJson(b), asJson(c));
    for (const [key, value] of out.emits) emit(key, value);
    return out.result;
  }) as F;
}

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
 * {@link sandboxed}), elsewhere in the page. Source that does not compile gives a function that
 * throws the compile error on every call: PouchDB compiles per call, so a broken map function
 * fails each document (reported, skipped) and a broken reduce gives `null`, instead of failing
 * the query.
 * @param source - the function's source text.
 * @param emit - the `emit` the function sees (a no-op for reduce functions).
 */
export function evalFunction<F>(source: string, emit: Emit = () => undefined): F {
  const trimmed = source.replace(/;\s*$/, '');
  try {
    return vm ? sandboxed<F>(trimmed, emit, vm) : inRealm<F>(trimmed, emit);
  } catch (err) {
    // A Content-Security-Policy refusal fails the query at once, naming the cause.
    if (isEvalRefusal(err)) throw evalRefusedError();
    return (() => {
      throw err;
    }) as F;
  }
}
