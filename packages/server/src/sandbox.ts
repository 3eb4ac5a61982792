import { createContext, runInContext, Script } from 'node:vm';
import { badRequest, CouchError } from './couch-error.js';

/** A compiled design function: takes JSON texts, answers a boolean. */
export type SandboxedPredicate = (...jsonArgs: string[]) => boolean;

/** Calls the compiled function with the arguments last placed in the context. */
const CALL = new Script('__run(__a, __b, __c, __d)');

/** What the sandboxed function's answer is read as. */
const BODIES = {
  filter: 'return !!__f(__parse(a), __parse(b));',
  map: '__emitted = false; __f(__parse(a)); return __emitted;',
  // CouchDB's validate_doc_update: a throw of {forbidden} or {unauthorized} refuses the write.
  validate: `try { __f(__parse(a), __parse(b), __parse(c), __parse(d)); return null; } catch (e) {
  if (e && typeof e === 'object' && (e.forbidden !== undefined || e.unauthorized !== undefined)) {
    return JSON.stringify({ forbidden: e.forbidden, unauthorized: e.unauthorized });
  }
  return JSON.stringify({ error: String(e && e.message !== undefined ? e.message : e) });
}`,
};

/** Compiles `source` into a context of its own; the returned function runs it with a time limit. */
function compile(
  source: string,
  kind: keyof typeof BODIES,
  timeoutMs: number,
): (...args: string[]) => unknown {
  const context = createContext(Object.create(null));
  const code = `(function () { "use strict";
var __emitted = false;
var emit = function () { __emitted = true; };
var log = function () {};
var isArray = Array.isArray;
var toJSON = JSON.stringify;
var __parse = function (json) { return json === undefined ? undefined : JSON.parse(json); };
var __f = (${source.replace(/;\s*$/, '')}
);
if (typeof __f !== 'function') { throw new Error('not a function'); }
return function (a, b, c, d) { ${BODIES[kind]} };
})()`;
  try {
    (context as Record<string, unknown>).__run = runInContext(code, context, {
      timeout: timeoutMs,
    });
  } catch (err) {
    throw badRequest(`compilation of the design function failed: ${(err as Error).message}`);
  }
  return (...args: string[]) => {
    const ctx = context as Record<string, unknown>;
    [ctx.__a, ctx.__b, ctx.__c, ctx.__d] = args;
    try {
      return CALL.runInContext(context, { timeout: timeoutMs });
    } catch (err) {
      if (/timed out/i.test(String((err as Error)?.message))) {
        throw new CouchError(500, 'os_process_error', 'The design function timed out.');
      }
      throw err;
    }
  };
}

/**
 * A `validate_doc_update` function in the sandbox: called with JSON texts of the new doc, the
 * old doc (or `null`), the user context and the security object; answers `null` when the write
 * may go on, else `{forbidden}`, `{unauthorized}` or `{error}`.
 */
export function sandboxedValidator(
  source: string,
  timeoutMs: number,
): (
  ...jsonArgs: string[]
) => { forbidden?: unknown; unauthorized?: unknown; error?: string } | null {
  const run = compile(source, 'validate', timeoutMs);
  return (...args) => {
    const answer = run(...args);
    return typeof answer === 'string' ? JSON.parse(answer) : null;
  };
}

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
  const run = compile(source, kind, timeoutMs);
  return (a = 'null', b = 'null') => {
    try {
      return run(a, b) === true;
    } catch (err) {
      // A throwing filter fails the feed (as in CouchDB and PouchDB); a throwing map only
      // leaves its document out, as a view does.
      if (kind === 'filter' || err instanceof CouchError) throw err;
      return false;
    }
  };
}
