import type { MapBatch } from './map-batch.js';
import type { ReduceBatch } from './reduce-batch.js';
import type { Emit } from './types.js';

/**
 * Where view functions given as source run when not in the page: Node's entry installs one
 * over `node:vm` (see `node-sandbox.ts`), as PouchDB runs them on Node. The browser entry
 * installs none, so its bundles carry no VM code and functions compile with `new Function`.
 */
export interface ViewSandbox {
  /** Compiles a function's source with PouchDB's helpers in scope; throws what compiling throws. */
  compile<F>(source: string, emit: Emit): F;
  /**
   * A mapper over whole chunks of documents, or undefined when `source` does not compile.
   * `shared`: the caller keeps no mapper of its own (a temporary view), so one compiled lately
   * for the same source may serve (its VM context, globals included, is then shared).
   */
  mapBatch(source: string, shared?: boolean): MapBatch | undefined;
  /** A custom reduce over whole chunks of groups, or undefined when `source` does not compile. */
  reduceBatch?(source: string): ReduceBatch | undefined;
}

let installed: ViewSandbox | undefined;

/** Sets (or, with `undefined`, removes) the sandbox view functions run in. */
export function installSandbox(sandbox: ViewSandbox | undefined): void {
  installed = sandbox;
}

/** The sandbox installed, if any. */
export function viewSandbox(): ViewSandbox | undefined {
  return installed;
}
