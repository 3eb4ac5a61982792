import { collate } from '@satchel/core';
import { getBuiltInReduce } from './builtin-reduce.js';
import { evalFunction } from './eval-function.js';
import { canEvalStrings } from './eval-refused.js';
import type { ReduceBatch } from './reduce-batch.js';
import { viewSandbox } from './sandbox.js';
import type { QueryOptions, ReduceFunction, ReduceRow } from './types.js';
import type { ViewEntry } from './view-entry.js';

/** The rows of one group, with the key the group is reported under. */
interface Group {
  groupKey: unknown;
  keys: [unknown, string][];
  values: unknown[];
}

/** A reduce function ready to call, and whether it is a built-in. */
interface Reducer {
  fun: ReduceFunction;
  builtIn: boolean;
  /** The same function over many groups at once, under a time limit (Node's sandbox). */
  batch?: ReduceBatch | undefined;
}

/** How many compiled custom reduce functions are kept. */
const MAX_COMPILED = 64;

/** Custom reduce functions compiled earlier, by source. */
const compiledReducers = new Map<string, Reducer>();

/**
 * Makes the reduce function, as PouchDB's `reducer`: a built-in by name, otherwise the source
 * re-evaluated with PouchDB's helpers in scope.
 * @param reduce - the view's reduce function, source or built-in name.
 */
export function reduceFunction(reduce: ReduceFunction | string): Reducer {
  const source = reduce.toString();
  const builtIn = getBuiltInReduce(source);
  if (builtIn) return { fun: builtIn, builtIn: true };
  // Under a CSP without 'unsafe-eval' a function is used as it is (it cannot be re-evaluated).
  if (typeof reduce === 'function' && !canEvalStrings()) return { fun: reduce, builtIn: false };
  let reducer = compiledReducers.get(source);
  if (!reducer) {
    // Compiling (a sandbox context) costs milliseconds; a view's reduce is queried often.
    if (compiledReducers.size >= MAX_COMPILED) compiledReducers.clear();
    const batch = viewSandbox()?.reduceBatch?.(source.replace(/;\s*$/, ''));
    // With a batch the function runs there only: no second context compiled for it.
    const fun = batch ? unusedReduce : evalFunction<ReduceFunction>(source);
    reducer = { fun, builtIn: false, batch };
    compiledReducers.set(source, reducer);
  }
  return reducer;
}

/** The per-call function of a reducer whose every call goes through its sandbox batch. */
const unusedReduce: ReduceFunction = () => {
  throw new Error('reduced in the sandbox batch');
};

/** The key a row is grouped under: `null` without grouping, arrays cut to `group_level`. */
function groupKeyOf(key: unknown, opts: QueryOptions): unknown {
  const level = opts.group_level === 0 ? undefined : opts.group_level;
  if (!opts.group && !level) return null;
  return Array.isArray(key) && level !== undefined ? key.slice(0, level) : key;
}

/** Splits consecutive rows into groups of equal group keys. */
function groupRows(rows: readonly ViewEntry[], opts: QueryOptions): Group[] {
  const groups: Group[] = [];
  for (const row of rows) {
    const groupKey = groupKeyOf(row.key, opts);
    const last = groups[groups.length - 1];
    if (last !== undefined && collate(last.groupKey, groupKey) === 0) {
      last.keys.push([row.key, row.id]);
      last.values.push(row.value);
    } else {
      groups.push({ groupKey, keys: [[row.key, row.id]], values: [row.value] });
    }
  }
  return groups;
}

/**
 * Reduces one group. What a reduce throws is reported (as PouchDB does, built-ins included);
 * then a custom reduce's group gets `null`, while a built-in's error fails the query.
 */
function reduceGroup(reducer: Reducer, group: Group, onError: (err: unknown) => void): unknown {
  try {
    return reducer.fun(group.keys, group.values, false);
  } catch (err) {
    onError(err);
    if (reducer.builtIn) throw err;
    return null;
  }
}

/** Reduces every group in the sandbox: a group whose reduce threw is reported and gets `null`. */
function reduceInBatch(
  batch: ReduceBatch,
  groups: readonly Group[],
  onError: (err: unknown) => void,
): unknown[] {
  const reduced = batch(groups.map((group) => [group.keys, group.values]));
  return reduced.map((outcome) => {
    if (!('error' in outcome)) return outcome.result;
    onError(outcome.error);
    return null;
  });
}

/**
 * Reduces view rows as PouchDB's `reduceView`: group, reduce each group once (no rereduce),
 * then apply `skip` and `limit` to the reduced rows.
 * @param rows - the selected rows, in view order.
 * @param reduce - the view's reduce.
 * @param opts - the query options.
 * @param onError - receives what a custom reduce throws.
 */
export function reduceRows(
  rows: readonly ViewEntry[],
  reduce: ReduceFunction | string,
  opts: QueryOptions,
  onError: (err: unknown) => void,
): ReduceRow[] {
  const reducer = reduceFunction(reduce);
  const groups = groupRows(rows, opts);
  const { batch } = reducer;
  const values = batch
    ? reduceInBatch(batch, groups, onError)
    : groups.map((group) => reduceGroup(reducer, group, onError));
  const reduced = groups.map((group, i) => ({ key: group.groupKey, value: values[i] }));
  const skip = opts.skip ?? 0;
  return reduced.slice(skip, opts.limit === undefined ? undefined : skip + opts.limit);
}
