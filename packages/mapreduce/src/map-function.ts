import { evalFunction } from './eval-function.js';
import { canEvalStrings } from './eval-refused.js';
import type { Emit, MapFunction } from './types.js';

/**
 * Makes the map function to call with a document, as PouchDB's `mapper`: a function taking two
 * arguments receives `emit` as its second; any other function (or source string) is
 * re-evaluated from its source with `emit` in scope, so closures over outer variables are not
 * available, exactly as in PouchDB.
 * @param map - the view's map function or source.
 * @param emit - the collector of emitted rows.
 */
export function mapFunction(
  map: MapFunction | string,
  emit: Emit,
): (doc: Record<string, unknown>) => void {
  if (typeof map === 'function' && map.length === 2) return (doc) => map(doc, emit);
  if (typeof map === 'function' && !canEvalStrings()) return withGlobalEmit(map, emit);
  return evalFunction<(doc: Record<string, unknown>) => void>(map.toString(), emit);
}

/**
 * Under a Content-Security-Policy without `'unsafe-eval'` a function cannot be re-evaluated
 * with `emit` in scope; it is called as it is, with `emit` on the global object meanwhile.
 */
function withGlobalEmit(map: MapFunction, emit: Emit): (doc: Record<string, unknown>) => void {
  const scope = globalThis as { emit?: unknown };
  return (doc) => {
    const previous = scope.emit;
    scope.emit = emit;
    try {
      (map as (doc: Record<string, unknown>) => void)(doc);
    } finally {
      scope.emit = previous;
    }
  };
}
