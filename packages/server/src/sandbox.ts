import { createContext, runInContext, Script } from 'node:vm';
import { badRequest, CouchError } from './couch-error.js';

/** A compiled design function: takes JSON texts, answers a boolean. */
export type SandboxedPredicate = (...jsonArgs: string[]) => boolean;

/** Calls the compiled function with the arguments last placed in the context. */
const CALL = new Script('__run(__a, __b)');

/**
 * Compiles design-document code (a changes filter, or a view map used as a filter) in a VM
 * context of its own: it sees no host object (its arguments arrive as JSON text and are
 * parsed inside), and each call is cut off after `timeoutMs`, so a loop cannot stall the
 * server. `kind` picks how the answer is read: a filter's return value, or whether a map emitted.
 */
export function sandboxed(
  source: string,
  kind: 'filter' | 'map',
  timeoutMs: number,
): SandboxedPredicate {
  const context = createContext(Object.create(null));
  const body =
    kind === 'filter'
      ? 'return !!__f(__parse(a), __parse(b));'
      : '__emitted = false; __f(__parse(a)); return __emitted;';
  const code = `(function () { "use strict";
var __emitted = false;
var emit = function () { __emitted = true; };
var log = function () {};
var __parse = function (json) { return json === undefined ? undefined : JSON.parse(json); };
var __f = (${source.replace(/;\s*$/, '')}
);
if (typeof __f !== 'function') { throw new Error('not a function'); }
return function (a, b) { ${body} };
})()`;
  try {
    (context as Record<string, unknown>).__run = runInContext(code, context, {
      timeout: timeoutMs,
    });
  } catch (err) {
    throw badRequest(`compilation of the design function failed: ${(err as Error).message}`);
  }
  return (a = 'null', b = 'null') => {
    const ctx = context as Record<string, unknown>;
    ctx.__a = a;
    ctx.__b = b;
    try {
      return CALL.runInContext(context, { timeout: timeoutMs }) === true;
    } catch (err) {
      const timedOut = /timed out/i.test(String((err as Error)?.message));
      if (timedOut) throw new CouchError(500, 'os_process_error', 'The design function timed out.');
      return false;
    }
  };
}
