import { SatchelError } from '@satchel/core';
import { SANDBOX_PRELUDE, vm } from './sandbox-vm.js';

/** One document's outcome in a sandboxed batch: what it emitted, or what it threw. */
export type MappedDoc = { emits: [unknown, unknown][] } | { error: unknown };

/** Maps documents in the sandbox, a bounded chunk per entry into it. */
export type MapBatch = (docs: readonly Record<string, unknown>[]) => MappedDoc[];

/** Documents per entry into the sandbox: each entry arms one watchdog (≈0.1 ms). */
export const MAP_CHUNK = 100;

/**
 * Time one chunk may take. CouchDB gives a query server 5 s per call; a chunk is up to
 * {@link MAP_CHUNK} documents, so this still leaves a slow map function 100 ms a document.
 */
export const MAP_CHUNK_TIMEOUT_MS = 10_000;

/**
 * The error a query gets when a map function runs past its time (CouchDB's
 * `os_process_error`, 500), so a loop in a design document cannot stall the process for ever.
 */
function mapTimeoutError(docs: number, timeoutMs: number): SatchelError {
  return new SatchelError(
    500,
    'os_process_error',
    `map function timed out: ${docs} documents took over ${timeoutMs} ms`,
  );
}

/** Whether `err` is the VM's watchdog firing. */
function isVmTimeout(err: unknown): boolean {
  return (err as { code?: unknown } | null)?.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT';
}

/**
 * Compiles a map function's source once in a VM context of its own (Node only) and returns a
 * mapper over many documents: each chunk crosses into the sandbox once, as JSON, and runs
 * under a watchdog, so a function that never returns fails the query instead of hanging it.
 * Per document the semantics are those of a sandboxed call: a throw drops that document's
 * emits and is reported, the others are kept. Returns undefined where there is no VM (a
 * browser) or the source does not compile (the per-call path reports that per document).
 * @param source - the map function's source.
 * @param timeoutMs - the time one chunk may take.
 */
export function sandboxedMapBatch(
  source: string,
  timeoutMs: number = MAP_CHUNK_TIMEOUT_MS,
): MapBatch | undefined {
  if (!vm) return undefined;
  const code = `(function () {${SANDBOX_PRELUDE}
var __fun = (${source.replace(/;\s*$/, '')}
);
return function (json) {
  var docs = JSON.parse(json);
  var out = new Array(docs.length);
  for (var i = 0; i < docs.length; i++) {
    __emits = [];
    try { __fun(docs[i]); out[i] = { emits: __emits }; } catch (e) { out[i] = { error: e }; }
  }
  return out;
};
})()`;
  const context = vm.createContext(Object.create(null)) as { __run?: unknown; __json?: string };
  try {
    context.__run = vm.runInContext(code, context);
  } catch {
    return undefined;
  }
  // Compiled once: each chunk then only runs it (a string would be looked up or compiled anew).
  const call = new vm.Script('__run(__json)');
  return (docs) => {
    const out: MappedDoc[] = [];
    for (let start = 0; start < docs.length; start += MAP_CHUNK) {
      const chunk = docs.slice(start, start + MAP_CHUNK);
      context.__json = JSON.stringify(chunk);
      try {
        const mapped = call.runInContext(context, { timeout: timeoutMs }) as MappedDoc[];
        for (const one of mapped) out.push(one);
      } catch (err) {
        throw isVmTimeout(err) ? mapTimeoutError(chunk.length, timeoutMs) : err;
      } finally {
        context.__json = undefined;
      }
    }
    return out;
  };
}
