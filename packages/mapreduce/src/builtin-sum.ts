import { builtInError } from './query-errors.js';

/** Adds one array of numbers into `result`, element-wise, as PouchDB's `_sum` does. */
function addArray(result: number | number[], nums: unknown[]): number[] {
  const out = typeof result === 'number' ? [result] : result;
  for (let j = 0; j < nums.length; j++) {
    const num = nums[j];
    if (typeof num !== 'number') throw builtInError('_sum');
    const current = out[j];
    if (current === undefined) out.push(num);
    else out[j] = current + num;
  }
  return out;
}

/**
 * PouchDB's `sum`: numbers add up; number arrays add element-wise (a plain number then adds to
 * the first element). Anything else is an `invalid_value` error.
 * @param values - the mapped values.
 */
export function builtInSum(values: readonly unknown[]): number | number[] {
  let result: number | number[] = 0;
  for (const num of values) {
    if (typeof num === 'number') {
      if (typeof result === 'number') result += num;
      else result[0] = (result[0] ?? 0) + num;
    } else if (Array.isArray(num)) {
      result = addArray(result, num);
    } else {
      throw builtInError('_sum');
    }
  }
  return result;
}
