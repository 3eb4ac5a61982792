import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { validateSelector } from '../src/index.js';
import { jsonValue } from './arbitraries.js';
import { attempt, newPouchDb } from './oracle.js';

const OPERATORS = [
  '$eq',
  '$ne',
  '$gt',
  '$in',
  '$nin',
  '$all',
  '$exists',
  '$type',
  '$size',
  '$mod',
  '$regex',
  '$elemMatch',
  '$allMatch',
  '$keyMapMatch',
  '$and',
  '$or',
  '$nor',
  '$not',
];
const STRUCTURAL = new Set([
  '$elemMatch',
  '$allMatch',
  '$keyMapMatch',
  '$and',
  '$or',
  '$nor',
  '$not',
]);

/** Right and wrong operands: wrong types, non-integers, bad `$mod` pairs, bad patterns. */
const anyOperand = fc.oneof(
  jsonValue,
  fc.constantFrom(1.5, -1, 0, 2, '2', 'x', 'number', 'array', 'float', true, null),
  fc.constantFrom([], [1], [0, 1], [2, 1], [2, 1.5], [1.5, 1], ['a', 1], [1, 2, 3], [null, 1]),
  fc.constantFrom('(', '[a', 'a)', '\\', '^a$', '*'),
);

interface Shapes {
  selector: Record<string, unknown>;
  condition: unknown;
}

const shapes = fc.letrec<Shapes>((tie) => {
  const structuralOperand = fc.oneof(
    anyOperand,
    tie('condition'),
    fc.array(fc.oneof(tie('condition'), tie('selector')), { maxLength: 2 }),
  );
  const operatorEntry = fc
    .constantFrom(...OPERATORS)
    .chain((op) => fc.tuple(fc.constant(op), STRUCTURAL.has(op) ? structuralOperand : anyOperand));
  const selectorEntry = fc.oneof(
    fc.tuple(fc.constantFrom('a', 'b.c'), tie('condition')),
    fc.tuple(
      fc.constantFrom('$and', '$or', '$nor'),
      fc.oneof(fc.array(tie('selector'), { maxLength: 2 }), anyOperand),
    ),
    fc.tuple(fc.constant('$not'), fc.oneof(tie('selector'), anyOperand)),
  );
  const entries = <T>(entry: fc.Arbitrary<[string, T]>) =>
    fc.array(entry, { minLength: 1, maxLength: 3 }).map((list) => Object.fromEntries(list));
  return {
    selector: entries(fc.oneof({ depthSize: 'small' }, selectorEntry, selectorEntry)),
    condition: fc.oneof({ depthSize: 'small' }, jsonValue, entries(operatorEntry)),
  };
});

/** Our checks that pouchdb-find does not make (it fails later, while matching, or never). */
const OUR_OWN = [
  'must be an array of selector objects',
  'has an invalid pattern',
  'unknown operator',
  'Query operator $keyMapMatch',
];

function isOurOwn(message: string): boolean {
  return OUR_OWN.some((part) => message.includes(part));
}

describe('validation against pouchdb-find@9', () => {
  const db = newPouchDb();
  afterAll(async () => {
    await db.destroy();
  });

  it('rejects what pouchdb-find rejects, with its message', async () => {
    let rejectedByBoth = 0;
    await fc.assert(
      fc.asyncProperty(shapes.selector, async (selector) => {
        let pouchMessage: string | undefined;
        try {
          await db.find({ selector });
        } catch (err) {
          const message = (err as Error).message;
          if (message.startsWith('Query operator')) pouchMessage = message;
        }
        const ours = attempt(() => validateSelector(selector));
        const ourMessage = ours.ok ? undefined : (ours.error as Error).message;
        if (!ours.ok) {
          expect(ours.error).toMatchObject({ status: 400, name: 'bad_request' });
          expect((ours.error as { reason?: string }).reason).toBe(ourMessage);
        }
        if (pouchMessage !== undefined) {
          expect(ourMessage).toBeDefined();
          if (!isOurOwn(ourMessage!)) expect(ourMessage).toBe(pouchMessage);
          rejectedByBoth++;
        } else if (ourMessage !== undefined) {
          expect(isOurOwn(ourMessage), ourMessage).toBe(true);
        }
      }),
      { numRuns: 800 },
    );
    expect(rejectedByBoth).toBeGreaterThan(200);
  });
});
