/**
 * abstract-level's `batch` copies every operation it is given (`{ ...options, ...op }`) and
 * then adds the copy's encodings; the copy is what its code reads, and V8 optimizes that code
 * for the copies' hidden classes. Such a class lives only while an object of it does, and the
 * copies die with their batch: a full garbage collection between two writes (an idle moment
 * in an app, a closed database) collects the classes, drops the optimized `batch` code that
 * named them, and the next write builds new classes, runs `batch` unoptimized and has it
 * compiled again (tens of milliseconds of compiler time for that one function).
 *
 * One object built the same way for each shape the engine writes keeps those classes alive for
 * as long as this module is loaded. `put` and `del` (commit-ops.ts) make every operation with
 * these members in this order, and every batch is given a new `{}` as options, so the copies
 * share these objects' classes (write-counts.test.ts checks it on classic-level).
 */

/** A copy made as abstract-level 3 makes one, with the encodings it adds to it. */
function copied(op: object, encodings: readonly string[]): object {
  const copy: Record<string, unknown> = { ...{}, ...op };
  for (const name of encodings) copy[name] = undefined;
  return copy;
}

/** One object per shape of the operations `put` and `del` make (text keys). */
export const BATCH_OP_SHAPES: readonly object[] = [
  copied({ type: 'put', sublevel: null, key: '', value: '' }, ['keyEncoding', 'valueEncoding']),
  copied({ type: 'del', sublevel: null, key: '' }, ['keyEncoding']),
];
