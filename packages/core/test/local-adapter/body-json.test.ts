import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clone } from '../../src/clone.js';
import { stringify } from '../../src/json-stringify.js';
import { parseNewEdit, splitBody } from '../../src/local-adapter/parse-doc.js';
import { stringMd5 } from '../../src/md5.js';
import { hashRevision, newRevId } from '../../src/rev-hash.js';
import type { AnyDoc } from '../../src/types/documents.js';

/**
 * The write path reuses the JSON hashed for a revision id as the stored body's JSON. That is
 * only right if the text is exactly what serialising the body would give, so every case here
 * compares against the JSON of the content, built independently.
 */

/** Content values, some holding the text of meta members (which must not be cut at). */
const value = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constant({ _id: ',"_id":"x"}', _rev: '1-x', list: [{ _deleted: true }] }),
);
/** Field names, including ones that start with `_`, which must make the reuse back off. */
const fieldName = fc.oneof(
  fc.string({ maxLength: 6 }).filter((s) => !s.startsWith('_')),
  fc.constantFrom('_deleted', '_attachments', '_revisions', '_access', '__proto__', 'ü"\\'),
);

/** Meta members a document may carry beside its content. */
const metaValue = fc.oneof(
  fc.constant(true),
  fc.constant(undefined),
  fc.string({ maxLength: 4 }),
  fc.constant({ start: 1, ids: ['x'] }),
);

/**
 * `_id` and maybe `_rev` (either order), and sometimes `_deleted`, before the content, after
 * it, or around it; then arbitrary fields.
 */
const docs = fc
  .record({
    id: fc.string({ minLength: 1 }).filter((s) => !s.startsWith('_')),
    rev: fc.option(fc.constant('1-967a00dff5e02add41819138abb3284d'), { nil: undefined }),
    revFirst: fc.boolean(),
    deleted: fc.option(metaValue, { nil: undefined }),
    place: fc.constantFrom('leading', 'trailing', 'split'),
    fields: fc.array(fc.tuple(fieldName, value), { maxLength: 12 }),
  })
  .map(({ id, rev, revFirst, deleted, place, fields }) => {
    const meta: [string, unknown][] = revFirst && rev ? [['_rev', rev]] : [];
    meta.push(['_id', id]);
    if (rev && !revFirst) meta.push(['_rev', rev]);
    if (deleted !== undefined) meta.push(['_deleted', deleted]);
    const doc: AnyDoc = {} as AnyDoc;
    const before = place === 'leading' ? meta : place === 'split' ? meta.slice(0, 1) : [];
    const after = place === 'trailing' ? meta : place === 'split' ? meta.slice(1) : [];
    for (const [k, v] of before) doc[k] = v;
    for (const [k, v] of fields) {
      if (k !== '__proto__' && !(k in doc) && !meta.some(([m]) => m === k)) doc[k] = v;
    }
    for (const [k, v] of after) doc[k] = v;
    return doc;
  });

/** The document's stored content, built independently of `splitBody`. */
function contentOf(doc: AnyDoc): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(doc)) {
    if (!['_id', '_rev', '_deleted', '_revisions'].includes(k)) body[k] = v;
  }
  return body;
}

describe('splitBody', () => {
  it('gives exactly the content and its JSON, or no JSON (fast-check)', () => {
    fc.assert(
      fc.property(docs, (doc) => {
        const expected = contentOf(doc);
        const { body, json } = splitBody(doc, stringify(doc));
        expect(Object.entries(body)).toEqual(Object.entries(expected));
        if (json !== undefined) expect(json).toBe(stringify(expected));
      }),
      { numRuns: 2000 },
    );
  });

  it('cuts the JSON of documents with meta members at either end', () => {
    const plain = { _id: 'a', n: 1, s: 'x\u2028"', nested: { list: [1, null, 'é'] } };
    const content = stringify(contentOf(plain));
    expect(splitBody({ ...plain }, stringify(plain)).json).toBe(content);
    const edit = { _id: 'a', _rev: '1-x', n: 2 };
    expect(splitBody(edit, stringify(edit)).json).toBe('{"n":2}');
    expect(splitBody({ _id: 'a' }, '{"_id":"a"}').json).toBe('{}');
    const read = { n: 2, _id: 'a', _rev: '1-x' };
    expect(splitBody(read, stringify(read)).json).toBe('{"n":2}');
    const removed = { _id: 'a', _rev: '1-x', _deleted: true };
    expect(splitBody(removed, stringify(removed)).json).toBe('{}');
    const none = { _id: 'a', _rev: '1-x', gone: undefined };
    expect(splitBody(none, stringify(none)).json).toBeUndefined();
    const empty = { gone: undefined, _id: 'a' };
    expect(splitBody(empty, stringify(empty)).json).toBeUndefined();
    const nested = { n: { _id: 'inner', x: ',"_id":' }, _id: 'a', _rev: '1-,"_id":' };
    expect(splitBody(nested, stringify(nested)).json).toBe(
      '{"n":{"_id":"inner","x":",\\"_id\\":"}}',
    );
  });

  it('backs off when the meta members are not all at one end or their text is unknown', () => {
    const cases: AnyDoc[] = [
      { _id: 'a', n: 1, _rev: '1-x' },
      { n: 1, _id: 'a', m: 2 },
      { _id: 'a', n: 1, _revisions: { start: 1, ids: ['x'] } },
      { _id: 'a', n: 1, toJSON: () => ({ _id: 'a', n: 1 }) },
    ];
    for (const doc of cases) expect(splitBody(doc, stringify(doc)).json).toBeUndefined();
  });

  it('strips trailing meta fields from a large document itself, and copies otherwise', () => {
    const read = { a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7, h: 8, i: 9, _id: 'a', _rev: '1-x' };
    const body = splitBody(read).body;
    expect(body).toBe(read);
    expect(Object.keys(body)).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i']);
    const small = { n: 2, _id: 'a', _rev: '1-x' };
    expect(splitBody(small).body).toEqual({ n: 2 });
    expect(small).toEqual({ n: 2, _id: 'a', _rev: '1-x' });
    const written = { _id: 'a', n: 2 };
    const copied = splitBody(written).body;
    expect(copied).not.toBe(written);
    expect(copied).toEqual({ n: 2 });
    expect(written).toEqual({ _id: 'a', n: 2 });
    const frozen = Object.freeze({ a: 1, b: 2, c: 3, d: 4, e: 5, _id: 'a' });
    expect(splitBody(frozen as AnyDoc).body).toEqual({ a: 1, b: 2, c: 3, d: 4, e: 5 });
  });

  it('refuses unknown underscore fields wherever they are', () => {
    expect(() => splitBody({ _id: 'a', _nope: 1 })).toThrow(/_nope/);
    expect(() => splitBody({ n: 1, _nope: 1, _id: 'a' })).toThrow(/_nope/);
  });

  it('reaches the parsed document, made at parse when not cut from the hashed text', () => {
    const doc = { _id: 'd', title: 'T', tags: ['a'] };
    expect(parseNewEdit({ ...doc }, true).bodyJson).toBe('{"title":"T","tags":["a"]}');
    // Random revisions hash no text; meta members between content ones leave none to cut.
    expect(parseNewEdit({ ...doc }, false).bodyJson).toBe('{"title":"T","tags":["a"]}');
    expect(parseNewEdit({ a: 1, _id: 'd', b: [2] }, true).bodyJson).toBe('{"a":1,"b":[2]}');
    expect(parseNewEdit({ title: 'T', _id: 'd', _deleted: true }, true).bodyJson).toBe(
      '{"title":"T"}',
    );
  });
});

describe('parseNewEdit with a generated id (post)', () => {
  /** Contents of new documents: arbitrary fields, sometimes a meta field or a `toJSON`. */
  const contents = fc.array(fc.tuple(fieldName, value), { maxLength: 8 }).chain((fields) =>
    fc.constantFrom(undefined, 'toJSON', '_deleted').map((extra) => {
      const doc: AnyDoc = {} as AnyDoc;
      for (const [k, v] of fields) if (k !== '__proto__') doc[k] = v;
      if (extra === 'toJSON') doc.toJSON = 'not a function';
      if (extra === '_deleted') doc._deleted = true;
      return doc;
    }),
  );

  it('hashes the document with the id appended last, as PouchDB does, and stores the rest', () => {
    fc.assert(
      fc.property(contents, fc.uuid(), (doc, id) => {
        // PouchDB hashes its copy of the document, which has no nested own `__proto__` member
        // (`clone` drops it as PouchDB's does: clone.test.ts); the values may hold one.
        const copy = clone(doc) as AnyDoc;
        const asPouchHashesIt = { ...copy, _id: id };
        const content = JSON.parse(JSON.stringify(copy)) as Record<string, unknown>;
        for (const key of Object.keys(content)) {
          if (key.startsWith('_') && key !== '_access' && key !== '_attachments')
            delete content[key];
        }
        const parsed = parseNewEdit(doc, true, id);
        expect(parsed.id).toBe(id);
        expect(parsed.rev).toBe(`1-${newRevId(asPouchHashesIt, true)}`);
        // Compared as stored (JSON): a nested -0 is kept in the body and written as 0.
        expect(JSON.parse(stringify(parsed.body))).toEqual(content);
        if (parsed.bodyJson !== undefined) expect(parsed.bodyJson).toBe(stringify(parsed.body));
      }),
      { numRuns: 500 },
    );
  });

  it('leaves a document without meta fields as it is: it becomes the stored body', () => {
    const doc = { yo: 'dawg', n: [1, { a: null }] } as AnyDoc;
    const parsed = parseNewEdit(doc, true, 'generated');
    expect(parsed.body).toBe(doc);
    expect(Object.keys(doc)).toEqual(['yo', 'n']);
    expect(parsed.bodyJson).toBe('{"yo":"dawg","n":[1,{"a":null}]}');
    expect(parsed.rev).toBe(`1-${newRevId({ ...doc, _id: 'generated' }, true)}`);
    expect(parseNewEdit({}, true, 'x').rev).toBe(`1-${newRevId({ _id: 'x' }, true)}`);
    expect(parseNewEdit({ yo: 1 }, false, 'x').rev).toMatch(/^1-[0-9a-f]{32}$/);
  });
});

describe('hashRevision', () => {
  it('hashes the same text newRevId does, and returns that text', () => {
    fc.assert(
      fc.property(docs, (doc) => {
        const { hash, json } = hashRevision(doc, true);
        expect(hash).toBe(newRevId(doc, true));
        const copy: Record<string, unknown> = Object.assign({}, doc);
        delete copy._rev_tree;
        expect(json).toBe(stringify(copy));
        expect(hash).toBe(stringMd5(stringify(copy)));
      }),
      { numRuns: 500 },
    );
  });

  it('ignores _rev_tree and an inherited toJSON, as PouchDB (Object.assign) does', () => {
    const withTree = { _id: 'a', _rev_tree: [1], n: 1 };
    expect(hashRevision(withTree, true).json).toBe('{"_id":"a","n":1}');
    class Doc {
      _id = 'a';
      n = 1;
      toJSON() {
        return { replaced: true };
      }
    }
    expect(hashRevision(new Doc(), true).json).toBe('{"_id":"a","n":1}');
  });

  it('matches latin1 MD5 for ASCII and wider text alike', () => {
    for (const text of ['{"a":"\\u0000\\u007f"}', '\u0000\u007f', 'é€😀\ud800', 'plain ascii']) {
      expect(stringMd5(text)).toBe(createHash('md5').update(text, 'latin1').digest('hex'));
    }
  });
});
