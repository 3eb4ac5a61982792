import fc from 'fast-check';

/** Numbers that stress the encoding: edges, every decimal magnitude, integers near 2^53. */
const specialNumber = fc.constantFrom(
  0,
  -0,
  1,
  -1,
  0.1,
  -0.1,
  1e21,
  1e-7,
  -1e-7,
  Number.MAX_VALUE,
  -Number.MAX_VALUE,
  Number.MIN_VALUE,
  -Number.MIN_VALUE,
  Number.MAX_SAFE_INTEGER,
  -Number.MAX_SAFE_INTEGER,
  2 ** 53,
  2 ** 53 + 2,
  -(2 ** 53),
  Number.EPSILON,
);

/** A mantissa in [1, 10) times any power of ten a double can reach, either sign. */
const anyMagnitude = fc
  .tuple(
    fc.double({ min: 1, max: 10, maxExcluded: true, noNaN: true }),
    fc.integer({ min: -324, max: 308 }),
    fc.boolean(),
  )
  .map(([mantissa, exponent, negative]) => {
    const value = Number(`${mantissa}e${exponent}`);
    return negative ? -value : value;
  })
  .filter(Number.isFinite);

/** Integers around 2^53, where doubles stop being contiguous. */
const nearSafeLimit = fc
  .tuple(fc.integer({ min: -64, max: 64 }), fc.boolean())
  .map(([offset, negative]) => (negative ? -1 : 1) * (2 ** 53 + offset));

/** Finite numbers of every kind. */
export const finiteNumber = fc.oneof(
  specialNumber,
  anyMagnitude,
  nearSafeLimit,
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
  fc.integer({ min: -20, max: 20 }),
);

/** Any UTF-16 code unit, lone surrogates and the escaped units U+0000–U+0002 included. */
const anyCodeUnit = fc.oneof(
  fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit)),
  fc.constantFrom('\u0000', '\u0001', '\u0002', '\u0003', '\ud83d\ude00', '\uffff'),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
);

/** Strings over all of UTF-16, with U+0000–U+0002 common. */
export const anyString = fc.oneof(
  fc.string({ unit: anyCodeUnit, maxLength: 8 }),
  fc.string({ unit: 'binary', maxLength: 8 }),
  fc.string({ maxLength: 6 }),
);

/** Object member names: any string, plus ones that are special to JavaScript objects. */
const memberName = fc.oneof(
  anyString,
  fc.constantFrom('__proto__', 'constructor', 'toString', '0', '1', '10', '-1', '01', 'a'),
);

/** JSON keys: fast-check's JSON values and our own wider numbers and strings. */
export const jsonKey: fc.Arbitrary<unknown> = fc.letrec<{ key: unknown }>((tie) => ({
  key: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    finiteNumber,
    anyString,
    fc.array(tie('key'), { maxLength: 4 }),
    fc.dictionary(memberName, tie('key'), { maxKeys: 4 }),
  ),
})).key;

/** Values normalisation rewrites: undefined, NaN, ±Infinity, dates, holes. */
const oddLeaf = fc.oneof(
  fc.constant(undefined),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY),
  fc.date({ noInvalidDate: false }),
);

/** Keys that need normalising: JSON plus undefined, NaN, ±Infinity, dates and sparse arrays. */
export const rawKey: fc.Arbitrary<unknown> = fc.letrec<{ key: unknown }>((tie) => ({
  key: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    finiteNumber,
    anyString,
    oddLeaf,
    fc.array(tie('key'), { maxLength: 4 }),
    fc.sparseArray(tie('key'), { maxLength: 4 }),
    fc.dictionary(memberName, tie('key'), { maxKeys: 4 }),
  ),
})).key;

/** Keys from a tiny vocabulary, so pairs often share prefixes and tie deep inside. */
export const narrowKey: fc.Arbitrary<unknown> = fc.letrec<{ key: unknown }>((tie) => ({
  key: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(null, false, true, 0, 1, -1, 2, '', 'a', 'b', 'A'),
    fc.array(tie('key'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom('a', 'b', '1'), tie('key'), { maxKeys: 2 }),
  ),
})).key;

/** The next double up from `value` (towards +Infinity), by bit pattern. */
export function nextDoubleUp(value: number): number {
  if (value === 0) return Number.MIN_VALUE;
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value);
  const bits = view.getBigInt64(0);
  view.setBigInt64(0, value > 0 ? bits + 1n : bits - 1n);
  return view.getFloat64(0);
}

/** Pairs of adjacent doubles, where the lossy number encoding ties. */
export const adjacentNumbers = finiteNumber
  .filter((value) => value !== Number.MAX_VALUE)
  .map((value) => [value, nextDoubleUp(value)] as const);
