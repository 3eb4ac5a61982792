import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateErrorFromResponse } from '../src/error-from-response.js';
import {
  createError,
  type ErrorKey,
  Errors,
  isErrorNamed,
  isSatchelError,
  SatchelError,
} from '../src/errors.js';

interface PouchErrors {
  createError(template: object, reason?: string): Record<string, unknown>;
  generateErrorFromResponse(data: unknown): Record<string, unknown>;
  [constant: string]: unknown;
}

const require = createRequire(import.meta.url);

/** pouchdb-errors 9, the module PouchDB's adapters throw from (reached via the memory adapter). */
const pouchErrors = (() => {
  const memory = createRequire(require.resolve('pouchdb-adapter-memory'));
  const core = createRequire(memory.resolve('pouchdb-adapter-leveldb-core'));
  return core('pouchdb-errors') as PouchErrors;
})();

interface PouchLike {
  get(id: string, opts?: object): Promise<unknown>;
  put(doc: object): Promise<{ rev: string }>;
  bulkDocs(docs: object[]): Promise<Record<string, unknown>[]>;
  remove(id: string, rev: string): Promise<unknown>;
}

const PouchDB = (() => {
  const ctor = require('pouchdb') as (new (
    n: string,
    o: object,
  ) => PouchLike) & {
    plugin(p: unknown): void;
  };
  ctor.plugin(require('pouchdb-adapter-memory'));
  return ctor;
})();

/** An error's fields as JSON sees them, minus the stack (PouchDB's is a stale template one). */
function fields(err: object): Record<string, unknown> {
  const out = JSON.parse(JSON.stringify(err)) as Record<string, unknown>;
  delete out.stack;
  return out;
}

/**
 * PouchDB's mapped response, with the one deliberate difference: a body without `error` still
 * gives `error: true` in Satchel (PouchDB's own code tells error rows apart by `row.error`).
 */
function expectedFromResponse(theirs: Record<string, unknown>): Record<string, unknown> {
  const out = fields(theirs);
  if (!('error' in theirs)) out.error = true;
  return out;
}

/** Own enumerable keys in order, minus `stack`. */
function keys(err: object): string[] {
  return Object.keys(err).filter((k) => k !== 'stack');
}

async function caught(promise: Promise<unknown>): Promise<Record<string, unknown>> {
  try {
    await promise;
  } catch (err) {
    return err as Record<string, unknown>;
  }
  throw new Error('expected a rejection');
}

const pouchConstantNames = Object.keys(pouchErrors).filter(
  (k) => typeof pouchErrors[k] === 'object' && k === k.toUpperCase(),
);

describe('Errors catalogue', () => {
  it('has every PouchDB 9 error constant with identical status, name and message', () => {
    expect(pouchConstantNames.length).toBeGreaterThanOrEqual(24);
    for (const key of pouchConstantNames) {
      const theirs = pouchErrors[key] as Record<string, unknown>;
      expect(Errors[key as ErrorKey], key).toEqual({
        status: theirs.status,
        name: theirs.name,
        message: theirs.message,
      });
    }
    expect(Object.keys(Errors).sort()).toEqual([...pouchConstantNames].sort());
  });

  it('also matches the constants bundled inside pouchdb/lib/index.js', async () => {
    const { readFile } = await import('node:fs/promises');
    const source = await readFile(require.resolve('pouchdb'), 'utf8');
    const found = [...source.matchAll(/^var (\w+) = new PouchError\((\d+), '([^']+)', (.+)\);$/gm)];
    expect(found.length).toBe(Object.keys(Errors).length);
    for (const [, key, status, name, literal] of found) {
      const message = (literal as string).startsWith('"')
        ? (JSON.parse(literal as string) as string)
        : (literal as string).slice(1, -1).replaceAll("\\'", "'");
      expect(Errors[key as ErrorKey]).toEqual({ status: Number(status), name, message });
    }
  });

  it('is frozen', () => {
    expect(Object.isFrozen(Errors)).toBe(true);
    expect(Object.isFrozen(Errors.MISSING_DOC)).toBe(true);
  });
});

describe('createError', () => {
  it("has PouchDB's fields, order, JSON and toString, for every template and reason", () => {
    for (const key of pouchConstantNames) {
      for (const reason of [undefined, 'some reason', '']) {
        const ours = createError(Errors[key as ErrorKey], reason);
        const theirs = pouchErrors.createError(pouchErrors[key] as object, reason);
        expect(keys(ours)).toEqual(keys(theirs));
        expect(fields(ours)).toEqual(fields(theirs));
        expect(String(ours)).toBe(String(theirs));
      }
    }
  });

  it('keeps the template message; the reason goes to `reason` only (PouchDB quirk)', () => {
    const err = createError(Errors.MISSING_DOC, 'deleted');
    expect(err.message).toBe('missing');
    expect(err.reason).toBe('deleted');
    expect('reason' in createError(Errors.MISSING_DOC)).toBe(false);
    expect(err.error).toBe(true);
    expect(err.status).toBe(404);
    expect(err.name).toBe('not_found');
  });

  it('is a real Error with a useful stack and a fresh object every time', () => {
    const a = createError(Errors.REV_CONFLICT);
    const b = createError(Errors.REV_CONFLICT);
    expect(a).toBeInstanceOf(Error);
    expect(a).toBeInstanceOf(SatchelError);
    expect(a).not.toBe(b);
    expect(a.stack).toMatch(/^conflict: Document update conflict\n/);
    expect(a.stack).toContain('errors.test.ts');
    expect(Object.getOwnPropertyDescriptor(a, 'stack')?.enumerable).not.toBe(true);
  });

  it('copies extra fields from an error used as template, like PouchDB', () => {
    const first = createError(Errors.MISSING_DOC, 'missing');
    first.docId = 'x';
    const again = createError(first);
    const theirFirst = pouchErrors.createError(pouchErrors.MISSING_DOC as object, 'missing');
    theirFirst.docId = 'x';
    expect(fields(again)).toEqual(fields(pouchErrors.createError(theirFirst)));
    expect(again.docId).toBe('x');
    expect(again.reason).toBe('missing');
  });

  it('lets callers set message, docId and id like PouchDB code does', () => {
    const err = createError(Errors.DOC_VALIDATION, '_foo');
    err.message = `${Errors.DOC_VALIDATION.message}: _foo`;
    err.docId = 'd';
    expect(fields(err)).toEqual({
      status: 500,
      name: 'doc_validation',
      message: 'Bad special document member: _foo',
      error: true,
      reason: '_foo',
      docId: 'd',
    });
  });
});

describe('errors from real PouchDB operations have the same shape', () => {
  it('get, put, bulkDocs and remove failures', async () => {
    const db = new PouchDB(`errors-${Math.random()}`, { adapter: 'memory' });
    const { rev } = await db.put({ _id: 'a' });

    const missing = await caught(db.get('nope'));
    const ours = createError(Errors.MISSING_DOC, 'missing');
    ours.docId = 'nope';
    expect(fields(ours)).toEqual(fields(missing));
    expect(keys(ours)).toEqual(keys(missing));

    const conflict = (await db.bulkDocs([{ _id: 'a' }]))[0]!;
    const ourConflict = createError(Errors.REV_CONFLICT);
    ourConflict.id = 'a';
    expect(fields(ourConflict)).toEqual(fields(conflict));

    const cases: [Promise<unknown>, keyof typeof Errors][] = [
      [db.put({ _id: '_bad' }), 'RESERVED_ID'],
      [db.put({ _id: 1 }), 'INVALID_ID'],
      [db.put({}), 'MISSING_ID'],
      [db.put({ _id: 'a', _rev: 'nonsense' }), 'INVALID_REV'],
      [db.bulkDocs(['not a doc' as never]), 'NOT_AN_OBJECT'],
    ];
    for (const [promise, key] of cases) {
      expect(fields(await caught(promise)), key).toEqual(fields(createError(Errors[key])));
    }

    await db.remove('a', rev);
    const deleted = await caught(db.get('a'));
    const ourDeleted = createError(Errors.MISSING_DOC, 'deleted');
    ourDeleted.docId = 'a';
    expect(fields(ourDeleted)).toEqual(fields(deleted));
  });
});

describe('generateErrorFromResponse', () => {
  it('maps CouchDB bodies as PouchDB does', () => {
    const cases: unknown[] = [
      { error: 'not_found', reason: 'missing', status: 404 },
      { error: 'conflict', reason: 'Document update conflict.', status: 500 },
      { error: 'conflict', reason: 'Document update conflict.', id: 'a' },
      { error: 'forbidden', reason: 'no', id: 'b' },
      { error: 'unauthorized', reason: 'Name or password is incorrect.', status: 401 },
      { reason: 'only a reason' },
      { id: 'x', missing: '1-abc' },
      { error: 'x', name: 'custom', message: 'given', status: 418 },
      {},
    ];
    for (const body of cases) {
      const ours = generateErrorFromResponse(body);
      const theirs = pouchErrors.generateErrorFromResponse(structuredClone(body));
      expect(fields(ours)).toEqual(expectedFromResponse(theirs));
      for (const k of ['status', 'name', 'reason', 'id'] as const) {
        expect(ours[k], k).toEqual(theirs[k]);
      }
      expect(ours).toBeInstanceOf(SatchelError);
    }
  });

  it('keeps the server error id as `error` (a string), as PouchDB does', () => {
    const err = generateErrorFromResponse({ error: 'not_found', reason: 'deleted', status: 404 });
    expect(err.error).toBe('not_found');
    expect(err.name).toBe('not_found');
    expect(err.message).toBe('deleted');
    expect(err.reason).toBe('deleted');
  });

  it('turns a non-object payload into unknown_error carrying the payload', () => {
    for (const payload of ['<html>oops</html>', 42, undefined, null]) {
      const err = generateErrorFromResponse(payload);
      expect(err.status).toBe(500);
      expect(err.name).toBe('unknown_error');
      expect(err.message).toBe('Database encountered an unknown error');
      expect(err.data).toBe(payload);
    }
    const theirs = pouchErrors.generateErrorFromResponse('<html>oops</html>');
    expect(fields(generateErrorFromResponse('<html>oops</html>'))).toEqual(fields(theirs));
  });

  it('does not mutate the body nor let it reach the prototype', () => {
    const body = JSON.parse('{"error":"bad_request","reason":"r","__proto__":{"evil":1}}');
    const snapshot = JSON.stringify(body);
    const err = generateErrorFromResponse(body);
    expect(JSON.stringify(body)).toBe(snapshot);
    expect(Object.getPrototypeOf(err)).toBe(SatchelError.prototype);
    expect((err as unknown as { evil?: number }).evil).toBeUndefined();
  });

  it('agrees with PouchDB on random bodies (fast-check)', () => {
    const body = fc.record(
      {
        error: fc.oneof(fc.constantFrom('conflict', 'not_found', 'forbidden', ''), fc.string()),
        reason: fc.string(),
        status: fc.integer({ min: 100, max: 599 }),
        name: fc.string(),
        message: fc.string(),
        id: fc.string(),
        rev: fc.string(),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(body, (b) => {
        const ours = generateErrorFromResponse(b);
        const theirs = pouchErrors.generateErrorFromResponse({ ...b });
        expect(fields(ours)).toEqual(expectedFromResponse(theirs));
        expect(ours.status).toBe(theirs.status);
        expect(ours.name).toBe(theirs.name);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('type guards', () => {
  it('isSatchelError recognises Satchel errors only', () => {
    expect(isSatchelError(createError(Errors.BAD_REQUEST))).toBe(true);
    expect(isSatchelError(generateErrorFromResponse({ error: 'x' }))).toBe(true);
    expect(isSatchelError(new Error('x'))).toBe(false);
    expect(isSatchelError({ status: 404, name: 'not_found', error: true })).toBe(false);
    expect(isSatchelError(null)).toBe(false);
    expect(isSatchelError('not_found')).toBe(false);
  });

  it('isErrorNamed matches any error-shaped value by name, PouchDB errors included', async () => {
    const db = new PouchDB(`guards-${Math.random()}`, { adapter: 'memory' });
    const pouchErr = await caught(db.get('nope'));
    expect(isErrorNamed(pouchErr, 'not_found')).toBe(true);
    expect(isErrorNamed(createError(Errors.REV_CONFLICT), 'conflict')).toBe(true);
    expect(isErrorNamed(createError(Errors.REV_CONFLICT), 'not_found')).toBe(false);
    expect(isErrorNamed(undefined, 'conflict')).toBe(false);
    expect(isErrorNamed('conflict', 'conflict')).toBe(false);
  });
});
