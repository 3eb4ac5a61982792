import { isSatchelError } from '@satchel/core';
import { describe, expect, it } from 'vitest';
import { compileSelector, matchesSelector, validateSelector } from '../src/index.js';
import { attempt, newPouchDb } from './oracle.js';

/** The error `validateSelector` throws for `selector` (fails the test if it does not throw). */
function errorOf(selector: unknown): {
  status: number;
  name: string;
  message: string;
  reason: string;
} {
  const result = attempt(() => validateSelector(selector));
  if (result.ok) throw new Error(`accepted ${JSON.stringify(selector)}`);
  expect(isSatchelError(result.error)).toBe(true);
  return result.error as { status: number; name: string; message: string; reason: string };
}

describe('validateSelector', () => {
  it('accepts well-formed selectors', () => {
    for (const selector of [
      {},
      { a: 1 },
      { a: { $gt: 1, $lt: 5 }, 'b.c': null },
      { $or: [{ a: 1 }, { b: { $in: [1, 2] } }], $not: { c: { $exists: true } } },
      { a: { $elemMatch: { b: { $regex: '^x' } } } },
      { a: { $or: [{ $gt: 1 }, 5], $not: { $size: 2 } } },
      { a: { $keyMapMatch: { $regex: '^k' } } },
      { a: { $regex: /x/i } },
      { a: { $mod: [2, 0] }, b: { $type: 'array' } },
      { '\\$x': 1 },
    ]) {
      expect(() => validateSelector(selector), JSON.stringify(selector)).not.toThrow();
    }
  });

  it('refuses a selector that is not an object', () => {
    for (const selector of [null, undefined, 1, 'a', [], [{ a: 1 }]]) {
      const err = errorOf(selector);
      expect(err).toMatchObject({
        status: 400,
        name: 'bad_request',
        message: 'Selector error: expected a JSON object',
      });
    }
  });

  it('reports operand types with pouchdb-find 9 messages', async () => {
    const pouch = newPouchDb();
    const cases: [unknown, string][] = [
      [{ a: { $in: 1 } }, 'Query operator $in must be an array. Received number: 1'],
      [{ a: { $nin: 'x' } }, 'Query operator $nin must be an array. Received string: x'],
      [{ a: { $all: null } }, 'Query operator $all must be an array. Received : null'],
      [{ $or: { a: 1 } }, 'Query operator $or must be an array. Received object: {\n\t"a": 1\n}'],
      [{ $and: 'x' }, 'Query operator $and must be an array. Received string: x'],
      [{ $nor: 2 }, 'Query operator $nor must be an array. Received number: 2'],
      [{ $not: [] }, 'Query operator $not must be an object. Received array: []'],
      [{ a: { $elemMatch: 1 } }, 'Query operator $elemMatch must be an object. Received number: 1'],
      [
        { a: { $allMatch: [1] } },
        'Query operator $allMatch must be an object. Received array: [\n\t1\n]',
      ],
      [{ a: { $exists: 1 } }, 'Query operator $exists must be a boolean. Received number: 1'],
      [{ a: { $size: 1.5 } }, 'Query operator $size must be a integer. Received number: 1.5'],
      [{ a: { $size: '1' } }, 'Query operator $size must be a integer. Received string: 1'],
      [
        { a: { $type: 'float' } },
        'Query operator $type must be a string. Supported values: "null", "boolean", "number", ' +
          '"string", "array", or "object". Received string: float',
      ],
      [
        { a: { $regex: 5 } },
        'Query operator $regex must be a string or an instance of a javascript regular ' +
          'expression. Received number: 5',
      ],
      [
        { a: { $mod: [1] } },
        'Query operator $mod must be in the format [divisor, remainder], where divisor and ' +
          'remainder are both integers. Received array: [\n\t1\n]',
      ],
      [
        { a: { $mod: [0, 1] } },
        "Query operator $mod's divisor cannot be 0, cannot divide by zero.",
      ],
      [
        // A zero divisor hides the received value of a later message too (pouchdb-find's flag
        // is never turned back on).
        { a: { $mod: [0, false] } },
        "Query operator $mod's remainder is not an integer.",
      ],
      [
        { a: { $mod: [1.5, 1] } },
        "Query operator $mod's divisor is not an integer. Received number: 1.5",
      ],
      [
        { a: { $mod: [2, 'x'] } },
        "Query operator $mod's remainder is not an integer. Received string: x",
      ],
      [{ a: { $mod: 3 } }, 'Query operator $mod must be an array. Received number: 3'],
    ];
    for (const [selector, message] of cases) {
      expect(errorOf(selector), JSON.stringify(selector)).toMatchObject({
        status: 400,
        name: 'bad_request',
        message,
        reason: message,
      });
      await expect(pouch.find({ selector }), JSON.stringify(selector)).rejects.toThrow(message);
    }
    await pouch.destroy();
  });

  it('remote: pouchdb-find 9 http rules, a $regex must be a string (a RegExp cannot be sent)', () => {
    const message = (selector: unknown): string | undefined => {
      const result = attempt(() => validateSelector(selector, { remote: true }));
      return result.ok ? undefined : (result.error as Error).message;
    };
    expect(message({ $and: [{ name: { $regex: 1986 } }] })).toBe(
      'Query operator $regex must be a string. Received number: 1986',
    );
    expect(message({ name: { $regex: /^L/ } })).toMatch(
      /^Query operator \$regex must be a string\./,
    );
    expect(message({ name: { $regex: '^L' } })).toBeUndefined();
    expect(message({ a: { $exists: 1 } })).toBe(
      'Query operator $exists must be a boolean. Received number: 1',
    );
  });

  it('refuses unknown operators, wherever they are', () => {
    for (const selector of [
      { a: { $foo: 1 } },
      { $foo: 1 },
      { a: { b: { $gt: 1, $bar: 2 } } },
      { $or: [{ a: { $exist: true } }] },
      { a: { $elemMatch: { $nope: 1 } } },
      { $elemMatch: { a: 1 } },
      { $: 1 },
    ]) {
      const err = errorOf(selector);
      expect(err.status).toBe(400);
      expect(err.message).toMatch(/^unknown operator "\$\w*" - should be one of \$eq, /);
    }
  });

  it('refuses combinator members that are not selectors, and bad patterns', () => {
    expect(errorOf({ $or: [1] }).message).toBe(
      'Query operator $or must be an array of selector objects.',
    );
    expect(errorOf({ $and: [null] }).message).toBe(
      'Query operator $and must be an array of selector objects.',
    );
    expect(errorOf({ a: { $regex: '(' } }).message).toMatch(
      /^Query operator \$regex has an invalid pattern: /,
    );
    expect(errorOf({ a: { $keyMapMatch: [] } }).message).toBe(
      'Query operator $keyMapMatch must be an object. Received array: []',
    );
  });

  it('is what matching and compiling run first', () => {
    expect(() => matchesSelector({}, { a: { $in: 1 } })).toThrow(
      'Query operator $in must be an array',
    );
    expect(() => compileSelector({ a: { $foo: 1 } })).toThrow('unknown operator "$foo"');
  });

  it('never crashes on odd input', () => {
    const nullProto = Object.assign(Object.create(null) as object, { a: 1 });
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    for (const selector of [
      { a: { $size: nullProto } },
      { a: { $mod: [nullProto, 1] } },
      nullProto,
      circular,
      { a: { $eq: circular } },
    ]) {
      const result = attempt(() => matchesSelector({ a: 1 }, selector as Record<string, unknown>));
      if (!result.ok) expect(isSatchelError(result.error), String(result.error)).toBe(true);
    }
  });
});
