import { collate } from '@satchel/core';
import { builtInSum } from './builtin-sum.js';
import { builtInError } from './query-errors.js';
import type { ReduceFunction } from './types.js';

/** What `_stats` reports for one series of numbers. */
interface Stats {
  sum: number;
  min: number;
  max: number;
  count: number;
  sumsqr: number;
}

/**
 * `_stats` of numbers. A value that is not a number is PouchDB's `_sum` error, as there (its
 * `_stats` adds up with `sum` first). Min and max fold pairwise, with no argument-count limit
 * (PouchDB's `Math.min.apply` overflows the stack on a few hundred thousand rows).
 */
function numberStats(values: readonly unknown[], name: string): Stats {
  let sum = 0;
  let sumsqr = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const num of values) {
    if (typeof num !== 'number') throw builtInError(name);
    sum += num;
    sumsqr += num * num;
    min = Math.min(min, num);
    max = Math.max(max, num);
  }
  return { sum, min, max, count: values.length, sumsqr };
}

const MIXED = 'numbers or number arrays, not a mix of both';

/**
 * `_stats` as CouchDB computes it: of numbers, one stats object; of arrays of numbers, one per
 * position, every value then being an array of the same length (PouchDB follows since #9108;
 * pouchdb@9 answered `NaN` for arrays). A mix of both, or arrays of two lengths, is an error.
 */
function stats(values: readonly unknown[]): Stats | Stats[] {
  if (!values.some(Array.isArray)) return numberStats(values, '_sum');
  const [first] = values;
  if (!Array.isArray(first)) throw builtInError('_stats', MIXED);
  const columns = first.map((): unknown[] => []);
  for (const value of values) {
    if (!Array.isArray(value)) throw builtInError('_stats', MIXED);
    if (value.length !== first.length) throw builtInError('_stats', 'number arrays of one length');
    for (const [i, num] of value.entries()) columns[i]?.push(num);
  }
  return columns.map((column) => numberStats(column, '_stats'));
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
