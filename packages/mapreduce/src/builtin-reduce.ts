import { builtInSum } from './builtin-sum.js';
import type { ReduceFunction } from './types.js';

/** `_stats` exactly as PouchDB computes it (arrays give `NaN` min/max, as there). */
function stats(values: unknown[]): Record<string, unknown> {
  let sumsqr = 0;
  for (const num of values) sumsqr += (num as number) * (num as number);
  return {
    sum: builtInSum(values),
    min: Math.min(...(values as number[])),
    max: Math.max(...(values as number[])),
    count: values.length,
    sumsqr,
  };
}

const BUILT_INS: ReadonlyArray<[RegExp, ReduceFunction]> = [
  [/^_sum/, (_keys, values) => builtInSum(values)],
  [/^_count/, (_keys, values) => values.length],
  [/^_stats/, (_keys, values) => stats(values)],
];

/**
 * The built-in reduce named by `source` (`_sum`, `_count`, `_stats`, matched by prefix as PouchDB
 * does), `undefined` for a non-built-in, and an error for any other name starting with `_`.
 * @param source - the reduce function's source or name.
 */
export function getBuiltInReduce(source: string): ReduceFunction | undefined {
  for (const [pattern, fun] of BUILT_INS) if (pattern.test(source)) return fun;
  if (source.startsWith('_')) throw new Error(`${source} is not a supported reduce function.`);
  return undefined;
}
