import { type MapBatch, sandboxedMapBatch } from './map-batch.js';
import { sandboxedReduceBatch } from './reduce-batch.js';
import type { ViewSandbox } from './sandbox.js';
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

/** How many compiled map sources {@link recentMapBatch} keeps. */
const RECENT_BATCHES = 8;

/** The map sources compiled last, oldest first, with what compiling gave. */
const recentBatches = new Map<string, MapBatch | undefined>();

/**
 * The sandboxed batch mapper of `source` for temporary views, compiled anew only when none of
 * the last few was the same source: a VM context takes over a millisecond to make, and a
 * temporary view queried again (a view of an app's screen) would make one per query. An index
 * keeps its own mapper across its updates; this does the same for temporary views.
 */
function recentMapBatch(source: string): MapBatch | undefined {
  if (recentBatches.has(source)) {
    const batch = recentBatches.get(source);
    // Moved to the end: the least recently used source is the one to go.
    recentBatches.delete(source);
    recentBatches.set(source, batch);
    return batch;
  }
  const batch = sandboxedMapBatch(source);
  recentBatches.set(source, batch);
  if (recentBatches.size > RECENT_BATCHES) {
    recentBatches.delete(recentBatches.keys().next().value as string);
  }
  return batch;
}

/**
 * View functions sandboxed in `node:vm`, as PouchDB runs them on Node; undefined where there is
 * no `node:vm`. Only the Node entry (`index.ts`) imports this, so browser bundles leave it out.
 */
export const nodeSandbox: ViewSandbox | undefined = vm && {
  compile: <F>(source: string, emit: Emit) => sandboxed<F>(source, emit, vm as VmModule),
  mapBatch: (source, shared) => (shared ? recentMapBatch(source) : sandboxedMapBatch(source)),
  reduceBatch: (source) => sandboxedReduceBatch(source),
};
