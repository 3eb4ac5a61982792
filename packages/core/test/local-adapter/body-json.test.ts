import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from '../../src/json-stringify.js';
import { bodyJsonOf, extractBody, parseNewEdit } from '../../src/local-adapter/parse-doc.js';
import { stringMd5 } from '../../src/md5.js';
import { hashRevision, newRevId } from '../../src/rev-hash.js';
import type { AnyDoc } from '../../src/types/documents.js';

/**
 * The write path reuses the JSON hashed for a revision id as the stored body's JSON. That is
 * only right if the text is exactly what serialising the body would give, so every case here
 * compares against `stringify(extractBody(doc))`.
 */

const value = fc.jsonValue({ maxDepth: 3 });
/** Field names, including ones that start with `_`, which must make the reuse back off. */
const fieldName = fc.oneof(
  fc.string({ maxLength: 6 }),
  fc.constantFrom('_deleted', '_attachments', '_revisions', '_access', '__proto__', 'ü"\\'),
);

/** `_id` and maybe `_rev` first (either order), then arbitrary fields. */
const docs = fc
  .record({
    id: fc.string({ minLength: 1 }).filter((s) => !s.startsWith('_')),
    rev: fc.option(fc.constant('1-967a00dff5e02add41819138abb3284d'), { nil: undefined }),
    revFirst: fc.boolean(),
    fields: fc.array(fc.tuple(fieldName, value), { maxLength: 6 }),
  })
  .map(({ id, rev, revFirst, fields }) => {
    const doc: AnyDoc = revFirst && rev ? ({ _rev: rev, _id: id } as AnyDoc) : { _id: id };
    if (rev && !revFirst) doc._rev = rev;
    for (const [k, v] of fields) {
      if (k !== '__proto__' && !(k in doc)) doc[k] = v;
    }
    return doc;
  });

describe('bodyJsonOf', () => {
  it('gives exactly the body JSON, or nothing (fast-check)', () => {
    fc.assert(
      fc.property(docs, (doc) => {
        const json = bodyJsonOf(doc, stringify(doc));
        if (json !== undefined) expect(json).toBe(stringify(extractBody(doc)));
      }),
      { numRuns: 2000 },
    );
  });

  it('applies to ordinary documents, with and without a parent revision', () => {
    const plain = { _id: 'a', n: 1, s: 'x\u2028"', nested: { list: [1, null, 'é'] } };
    expect(bodyJsonOf(plain, stringify(plain))).toBe(stringify(extractBody(plain)));
    const edit = { _id: 'a', _rev: '1-x', n: 2 };
    expect(bodyJsonOf(edit, stringify(edit))).toBe('{"n":2}');
    expect(bodyJsonOf({ _id: 'a' }, '{"_id":"a"}')).toBe('{}');
  });

  it('backs off when the body is not the document minus leading _id/_rev', () => {
    const cases: AnyDoc[] = [
      { _id: 'a', _deleted: true },
      { _id: 'a', _attachments: {} },
      { n: 1, _id: 'a' },
      { _id: 'a', n: 1, _rev: '1-x' },
    ];
    for (const doc of cases) expect(bodyJsonOf(doc, stringify(doc))).toBeUndefined();
    // Text that does not start with the document's own members is never cut.
    expect(bodyJsonOf({ _id: 'a', n: 1 }, '{"_id":"b","n":1}')).toBeUndefined();
  });

  it('reaches the parsed document, and only for deterministic revisions', () => {
    const doc = { _id: 'd', title: 'T', tags: ['a'] };
    expect(parseNewEdit(doc, true).bodyJson).toBe('{"title":"T","tags":["a"]}');
    expect(parseNewEdit(doc, false).bodyJson).toBeUndefined();
    expect(parseNewEdit({ ...doc, _deleted: true }, true).bodyJson).toBeUndefined();
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
