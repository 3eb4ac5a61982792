import fc from 'fast-check';

/** Keys of nested objects in random documents and operands (never `$`-keys). */
const INNER_KEYS = ['a', 'b', 'c', 'a.b'];

/** Top-level document keys: plain, one holding a dot, one starting with `$`. */
const DOC_KEYS = ['a', 'b', 'c', 'd', 'a.b', '$x'];

/** Field names selectors use: plain, dotted, indexes, escaped dot and dollar, `length`. */
export const FIELD_NAMES = [
  'a',
  'b',
  'c',
  'd',
  'a.b',
  'a.c',
  'b.a',
  'a.0',
  'b.1.a',
  'a.b.c',
  'a\\.b',
  '\\$x',
  'a.length',
  'e',
];

const scalar = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer({ min: -3, max: 3 }),
  fc.constantFrom(-1.5, 0.5, 2.25, 100, -0),
  fc.constantFrom('', 'a', 'ab', 'b', 'B', 'abc', 'ba', '1', 'é', 'a.b'),
);

/** Any JSON value, nested a few levels, with the keys above. */
export const jsonValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom(...INNER_KEYS), tie('value'), {
      maxKeys: 3,
      noNullPrototype: true,
    }),
  ),
})).value;

/** A random document (no `_id`: tests add one where needed). */
export const docArb: fc.Arbitrary<Record<string, unknown>> = fc.dictionary(
  fc.constantFrom(...DOC_KEYS),
  jsonValue,
  { maxKeys: 5, noNullPrototype: true },
);

const smallArray = fc.array(jsonValue, { maxLength: 3 });

/** Valid operands, by operator. */
const valueOperators: fc.Arbitrary<[string, unknown]>[] = [
  fc.tuple(fc.constantFrom('$eq', '$ne', '$gt', '$gte', '$lt', '$lte'), jsonValue),
  fc.tuple(fc.constantFrom('$in', '$nin', '$all'), smallArray),
  fc.tuple(fc.constant('$exists'), fc.boolean()),
  fc.tuple(
    fc.constant('$type'),
    fc.constantFrom('null', 'boolean', 'number', 'string', 'array', 'object'),
  ),
  fc.tuple(fc.constant('$size'), fc.integer({ min: 0, max: 3 })),
  fc.tuple(
    fc.constant('$mod'),
    fc.tuple(fc.constantFrom(1, 2, 3, -2), fc.integer({ min: -2, max: 2 })),
  ),
  fc.tuple(
    fc.constant('$regex'),
    fc.constantFrom('^a', 'b', 'a|c', '.', '^$', 'A', '^[ab]+$', '\\.'),
  ),
];

function objectOf(
  entry: fc.Arbitrary<[string, unknown]>,
  min = 1,
): fc.Arbitrary<Record<string, unknown>> {
  return fc
    .array(entry, { minLength: min, maxLength: 3 })
    .map((entries) => Object.fromEntries(entries));
}

interface Shapes {
  selector: Record<string, unknown>;
  condition: unknown;
  operators: Record<string, unknown>;
  elemOperand: unknown;
}

/** Options of {@link selectorArbitraries}. */
export interface SelectorOptions {
  /** Field names to draw from. */
  fields?: readonly string[];
  /** Allow conditions that pouchdb-selector-core cannot match (field-level combinators). */
  fieldLevelLogic?: boolean;
}

/**
 * Random selectors in pouchdb-selector-core's language: fields with literal, operator and
 * sub-field conditions, `$and`/`$or`/`$nor`/`$not` at selector level, `$elemMatch`/`$allMatch`
 * with selector- or condition-like operands.
 */
export function selectorArbitraries(options: SelectorOptions = {}): {
  selector: fc.Arbitrary<Record<string, unknown>>;
  condition: fc.Arbitrary<unknown>;
} {
  const fields = options.fields ?? FIELD_NAMES;
  const shapes = fc.letrec<Shapes>((tie) => {
    const fieldEntry = fc.tuple(fc.constantFrom(...fields), tie('condition'));
    const logicEntry = fc.oneof(
      fc.tuple(fc.constantFrom('$and', '$or', '$nor'), fc.array(tie('selector'), { maxLength: 3 })),
      fc.tuple(fc.constant('$not'), tie('selector')),
    );
    const arrayMatch = fc.tuple(fc.constantFrom('$elemMatch', '$allMatch'), tie('elemOperand'));
    const fieldLogic = fc.oneof(
      // Operator objects as members: an $elemMatch operand may be read as a selector, whose
      // lists hold selectors only (literal members are tested on their own).
      fc.tuple(
        fc.constantFrom('$and', '$or', '$nor'),
        fc.array(tie('operators'), { maxLength: 3 }),
      ),
      fc.tuple(fc.constant('$not'), tie('operators')),
      fc.tuple(fc.constant('$keyMapMatch'), tie('operators')),
    );
    const operatorEntries = options.fieldLevelLogic
      ? [...valueOperators, arrayMatch, fieldLogic]
      : [...valueOperators, arrayMatch];
    return {
      selector: objectOf(fc.oneof({ depthSize: 'small' }, fieldEntry, fieldEntry, logicEntry)),
      operators: objectOf(fc.oneof({ depthSize: 'small' }, ...operatorEntries)),
      condition: fc.oneof(
        { depthSize: 'small' },
        jsonValue,
        tie('operators'),
        tie('operators'),
        objectOf(fc.tuple(fc.constantFrom('a', 'b', 'c.a'), tie('condition'))),
      ),
      elemOperand: fc.oneof({ depthSize: 'small' }, tie('operators'), tie('selector')),
    };
  });
  return { selector: shapes.selector, condition: shapes.condition };
}

const rangeOperand = fc.oneof(
  fc.integer({ min: -3, max: 3 }),
  fc.constantFrom('a', 'b', 'ab', null, true, [1], [], {}),
);

const rangeCondition: fc.Arbitrary<unknown> = fc.oneof(
  rangeOperand,
  objectOf(
    fc.oneof(
      fc.tuple(fc.constantFrom('$eq', '$ne', '$gt', '$gte', '$lt', '$lte'), rangeOperand),
      fc.tuple(fc.constant('$regex'), fc.constantFrom('a', '^b', '')),
      fc.tuple(fc.constantFrom('$in', '$nin'), fc.array(rangeOperand, { maxLength: 2 })),
    ),
  ),
);

const flatSelector = objectOf(fc.tuple(fc.constantFrom('a', 'b'), rangeCondition));

/**
 * Selectors that exercise PouchDB's `$and` merging: and-ed members on the same few fields with
 * bounds, equalities, `$ne`/`$regex` lists, and `$or`/`$nor` lists crossed with each other.
 */
export const mergeHeavySelectorArb: fc.Arbitrary<Record<string, unknown>> = fc
  .array(
    fc.oneof(
      flatSelector,
      flatSelector,
      fc.record({ $or: fc.array(flatSelector, { maxLength: 3 }) }),
      fc.record({ $nor: fc.array(flatSelector, { maxLength: 2 }) }),
      fc.record({ $not: flatSelector }),
    ),
    { minLength: 1, maxLength: 4 },
  )
  .map((members) => ({ $and: members }));

/** Documents for {@link mergeHeavySelectorArb}: `a` and `b` drawn from its operand values. */
export const flatDocArb: fc.Arbitrary<Record<string, unknown>> = fc.record(
  { a: rangeOperand, b: rangeOperand },
  { requiredKeys: [] },
);
