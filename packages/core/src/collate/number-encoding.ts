/**
 * The order-preserving text form of a finite number used inside indexable strings, identical
 * to pouchdb-collate 9's, so that view indexes written by either library read the same.
 *
 * Layout: one sign digit (`0` negative, `1` zero, `2` positive), then for non-zero numbers a
 * three-digit decimal exponent and a mantissa. The exponent is shifted by 324 (the exponent of
 * `Number.MIN_VALUE`) so it is never negative, and negated for negative numbers; negative
 * mantissas are stored as `10 - |mantissa|`. Larger text then means a larger number.
 *
 * The format is lossy, and that is part of the contract: `10 - |mantissa|` and the
 * 20-decimal rendering drop low bits, so some distinct numbers share one encoding
 * (`-1` and `-1.0000000000000002`) and decoding may not give the number back
 * (`-12` decodes as `-11.999999999999993`). Ties are possible, inversions are not.
 *
 * @packageDocumentation
 */

/** Exponent of the smallest subnormal double, the bias that keeps stored exponents `>= 0`. */
const MIN_MAGNITUDE = -324;
/** Width of the stored exponent. */
const MAGNITUDE_DIGITS = 3;
const CHAR_0 = 48;
const CHAR_1 = 49;
const CHAR_DOT = 46;

/**
 * Encodes a finite number (never `NaN` or `±Infinity`; callers normalise those to `null`).
 * `0` and `-0` both encode as `"1"`.
 */
export function encodeNumber(num: number): string {
  if (num === 0) return '1';
  const negative = num < 0;
  // Shortest round-trip digits, e.g. "-1.25e-7": mantissa and exponent in one call.
  const exponential = num.toExponential();
  const e = exponential.indexOf('e');
  const magnitude = Number(exponential.slice(e + 1));
  let factor = Number(exponential.slice(negative ? 1 : 0, e));
  // Reversing the mantissa makes larger magnitudes sort lower among negatives.
  if (negative) factor = 10 - factor;
  const stored = (negative ? -magnitude : magnitude) - MIN_MAGNITUDE;
  return (negative ? '0' : '2') + padExponent(stored) + trimZeros(factor.toFixed(20));
}

/**
 * Decodes the text written by {@link encodeNumber}, reproducing pouchdb-collate's arithmetic
 * step for step (including its rounding) so both libraries read the same numbers back.
 */
export function decodeNumber(text: string): number {
  const sign = text.charCodeAt(0);
  if (sign === CHAR_1) return 0;
  const negative = sign === CHAR_0;
  let magnitude = Number.parseInt(text.slice(1, 1 + MAGNITUDE_DIGITS), 10) + MIN_MAGNITUDE;
  if (negative) magnitude = -magnitude;
  const digits = text.slice(1 + MAGNITUDE_DIGITS);
  let num = digits.includes('.') ? Number.parseFloat(digits) : Number.parseInt(digits, 10);
  if (negative) num -= 10;
  // Re-parsing through text rather than multiplying by 10 ** magnitude avoids overflow
  // near Number.MAX_VALUE; it is also exactly what pouchdb-collate does.
  if (magnitude !== 0) num = Number.parseFloat(`${num}e${magnitude}`);
  return num;
}

/** Left-pads a stored exponent (0..648) to three digits. */
function padExponent(stored: number): string {
  if (stored < 10) return `00${stored}`;
  if (stored < 100) return `0${stored}`;
  return String(stored);
}

/** Drops trailing zeros, and the decimal point if nothing follows it: "5.500" → "5.5", "5.0" → "5". */
function trimZeros(fixed: string): string {
  let end = fixed.length;
  while (end > 0 && fixed.charCodeAt(end - 1) === CHAR_0) end--;
  if (end === fixed.length) return fixed;
  if (end > 0 && fixed.charCodeAt(end - 1) === CHAR_DOT) end--;
  return fixed.slice(0, end);
}
