import { collate } from '@satchel/core';
import { builtInSum } from './builtin-sum.js';
import type { ReduceFunction } from './types.js';

/**
 * `_stats` exactly as PouchDB computes it (arrays give `NaN` min/max, as there). Min and max
 * fold pairwise, with the same coercions as `Math.min(...values)` but no argument-count limit
 * (PouchDB's `Math.min.apply` overflows the stack on a few hundred thousand rows).
 */
function stats(values: unknown[]): Record<string, unknown> {
  let sumsqr = 0;
  for (const num of values) sumsqr += (num as number) * (num as number);
  const nums = values as number[];
  return {
    sum: builtInSum(values),
    min: nums.reduce((min, num) => Math.min(min, num), Number.POSITIVE_INFINITY),
    max: nums.reduce((max, num) => Math.max(max, num), Number.NEGATIVE_INFINITY),
    count: values.length,
    sumsqr,
  };
}

/**
 * `_approx_count_distinct`: how many distinct keys (by collation) a group holds. CouchDB
 * estimates it with HyperLogLog; a local view has every key at hand, so the count is exact,
 * which is within any estimate's error. pouchdb@9 has no such reduce (it throws), so Satchel
 * follows CouchDB here.
 */
function countDistinct(keys: readonly [unknown, string][]): number {
  const sorted = keys.map(([key]) => key).sort(collate);
  let distinct = 0;
  for (let i = 0; i < sorted.length; i++) {
    if (i === 0 || collate(sorted[i - 1], sorted[i]) !== 0) distinct += 1;
  }
  return distinct;
}

const BUILT_INS: ReadonlyArray<[RegExp, ReduceFunction]> = [
  [/^_sum/, (_keys, values) => builtInSum(values)],
  [/^_count/, (_keys, values) => values.length],
  [/^_stats/, (_keys, values) => stats(values)],
  [/^_approx_count_distinct/, (keys) => countDistinct((keys ?? []) as [unknown, string][])],
];

/**
 * The built-in reduce named by `source` (`_sum`, `_count`, `_stats`,
 * `_approx_count_distinct`, matched by prefix as PouchDB
 * does), `undefined` for a non-built-in, and an error for any other name starting with `_`.
 * @param source - the reduce function's source or name.
 */
export function getBuiltInReduce(source: string): ReduceFunction | undefined {
  for (const [pattern, fun] of BUILT_INS) if (pattern.test(source)) return fun;
  if (source.startsWith('_')) throw new Error(`${source} is not a supported reduce function.`);
  return undefined;
}
