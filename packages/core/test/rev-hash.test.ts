import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { clone } from '../src/clone.js';
import { newRevId } from '../src/rev-hash.js';

type Doc = Record<string, unknown>;
interface WriteResult {
  ok?: boolean;
  id: string;
  rev: string;
  error?: unknown;
}
interface PouchLike {
  put(doc: Doc): Promise<WriteResult>;
  post(doc: Doc): Promise<WriteResult>;
  get(id: string): Promise<Doc>;
  remove(docOrId: Doc | string, rev?: string): Promise<WriteResult>;
  bulkDocs(docs: Doc[]): Promise<WriteResult[]>;
  putAttachment(
    id: string,
    name: string,
    rev: string,
    data: unknown,
    type: string,
  ): Promise<WriteResult>;
  destroy(): Promise<unknown>;
}

const PouchDB = (() => {
  const require = createRequire(import.meta.url);
  const ctor = require('pouchdb') as (new (
    name: string,
    opts: object,
  ) => PouchLike) & {
    plugin(p: unknown): void;
  };
  ctor.plugin(require('pouchdb-adapter-memory'));
  return ctor;
})();

const db = new PouchDB(`rev-hash-${Date.now()}`, { adapter: 'memory' });
afterAll(() => db.destroy());

/** The attachment fields PouchDB's cleanDocs keeps, in the order it keeps them. */
const ATTACHMENT_FIELDS = ['data', 'digest', 'content_type', 'length', 'revpos', 'stub'];

/**
 * A model of what PouchDB does to a document between the public call and `rev()`: clone it,
 * then cleanDocs (drop attachments of deleted docs, pick attachment fields in a fixed order).
 * This is the contract documented on `newRevId`; the Satchel class must do the same.
 */
function asPouchSeesIt(doc: Doc): Doc {
  const copy = clone(doc);
  if (copy._deleted) {
    delete copy._attachments;
  } else if (copy._attachments) {
    const atts = copy._attachments as Record<string, Doc>;
    for (const name of Object.keys(atts)) {
      const att = atts[name]!;
      atts[name] = Object.fromEntries(
        ATTACHMENT_FIELDS.filter((f) => f in att).map((f) => [f, att[f]]),
      );
    }
  }
  return copy;
}

function split(rev: string): { pos: number; hash: string } {
  const dash = rev.indexOf('-');
  return { pos: Number(rev.slice(0, dash)), hash: rev.slice(dash + 1) };
}

/** Asserts that Satchel predicts PouchDB's revision for this edit. */
function expectPredicted(rev: string, doc: Doc, pos: number): void {
  expect(split(rev).pos).toBe(pos);
  expect(newRevId(doc, true)).toBe(split(rev).hash);
}

/** Inserts `[key, value]` at `at` (clamped) among `entries`: field order changes the hash. */
function withFieldAt(entries: [string, unknown][], key: string, value: unknown, at: number) {
  const copy = [...entries];
  copy.splice(Math.min(at, copy.length), 0, [key, value]);
  return copy;
}

/** Any UTF-16 code unit, lone surrogates included, or any astral character. */
const anyUnit = fc.oneof(
  fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }),
);

const fieldName = fc.string({ unit: anyUnit, maxLength: 10 }).filter((k) => !k.startsWith('_'));

const fieldValue = fc.oneof(
  { weight: 8, arbitrary: fc.jsonValue({ stringUnit: anyUnit, maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.date() },
  { weight: 1, arbitrary: fc.constant(undefined) },
);

const body = fc
  .uniqueArray(fc.tuple(fieldName, fieldValue), { maxLength: 6, selector: ([k]) => k })
  .map((entries) => entries as [string, unknown][]);

const attachment = fc
  .record({
    bytes: fc.uint8Array({ maxLength: 64 }),
    type: fc.constantFrom('text/plain', 'application/octet-stream', 'image/png'),
    extra: fc.boolean(),
    order: fc.integer({ min: 0, max: 5 }),
  })
  .map(({ bytes, type, extra, order }) => {
    const fields: [string, unknown][] = [
      ['content_type', type],
      ['data', Buffer.from(bytes).toString('base64')],
    ];
    if (extra) fields.push(['junk', 'not kept by cleanDocs']);
    // Rotate so the keys arrive in various orders; cleanDocs re-orders them.
    const rotated = [
      ...fields.slice(order % fields.length),
      ...fields.slice(0, order % fields.length),
    ];
    return Object.fromEntries(rotated);
  });

const attachments = fc.dictionary(
  fc
    .string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 8 })
    .filter((n) => !n.startsWith('_')),
  attachment,
  { minKeys: 1, maxKeys: 3 },
);

let counter = 0;
/**
 * The random part of a document id. The property prefixes a counter when it runs (not when
 * fast-check generates), so ids stay unique while a failure is being shrunk too.
 */
const idSuffix = fc.string({ unit: 'grapheme', maxLength: 8 });
const freshId = (suffix: string) => `${counter++}-${suffix}`;

const position = fc.nat({ max: 8 });

describe('newRevId: unit', () => {
  it('hashes the JSON of the doc without _rev_tree, and leaves the doc alone', () => {
    const doc = { _id: 'a', _rev_tree: [{ pos: 1 }], x: 1 };
    const expected = createHash('md5').update('{"_id":"a","x":1}', 'latin1').digest('hex');
    expect(newRevId(doc, true)).toBe(expected);
    expect(doc._rev_tree).toEqual([{ pos: 1 }]);
  });

  it('returns a random 32-hex id when not deterministic', () => {
    const a = newRevId({ _id: 'a' }, false);
    expect(a).toMatch(/^[0-9a-f]{32}$/);
    expect(newRevId({ _id: 'a' }, false)).not.toBe(a);
  });

  it('matches PouchDB for a first edit, an update, and non-latin1 text', async () => {
    const doc = { _id: `u-${counter++}`, text: 'héllo €uro 😀', n: 1.5 };
    const first = await db.put(doc);
    expectPredicted(first.rev, asPouchSeesIt(doc), 1);
    const next = { _id: doc._id, _rev: first.rev, text: '中文' };
    expectPredicted((await db.put(next)).rev, asPouchSeesIt(next), 2);
  });

  it('matches PouchDB when a top-level __proto__ key is given (both drop it)', async () => {
    const doc = JSON.parse(`{"_id":"p-${counter++}","__proto__":{"x":1},"a":1}`) as Doc;
    expectPredicted((await db.put(doc)).rev, asPouchSeesIt(doc), 1);
  });

  it('matches PouchDB for putAttachment with base64 and with a Buffer', async () => {
    const id = `att-${counter++}`;
    const base64 = Buffer.from('hello').toString('base64');
    const first = await db.putAttachment(id, 'a.txt', undefined as never, base64, 'text/plain');
    const firstDoc = {
      _id: id,
      _attachments: { 'a.txt': { content_type: 'text/plain', data: base64, revpos: 1 } },
    };
    expectPredicted(first.rev, asPouchSeesIt(firstDoc), 1);

    const stored = await db.get(id);
    const data = Buffer.from('binary data');
    const second = await db.putAttachment(id, 'b.bin', first.rev, data, 'application/octet-stream');
    const atts = stored._attachments as Record<string, unknown>;
    atts['b.bin'] = { content_type: 'application/octet-stream', data, revpos: 2 };
    expectPredicted(second.rev, asPouchSeesIt(stored), 2);
  });

  it('matches PouchDB for dates and undefined fields (clone turns/drops them)', async () => {
    const doc = { _id: `d-${counter++}`, when: new Date(1_700_000_000_000), gone: undefined };
    expectPredicted((await db.put(doc)).rev, asPouchSeesIt(doc), 1);
  });
});

describe('newRevId: differential against PouchDB 9 (fast-check)', () => {
  it('predicts put, update, post, remove, and deleting/attachment bulkDocs revisions', async () => {
    const scenario = fc.record({
      id: idSuffix,
      first: body,
      second: body,
      posted: body,
      idAt: position,
      revAt: position,
      removeWholeDoc: fc.boolean(),
      deletedId: idSuffix,
      deletedBody: body,
      deletedAtts: attachments,
      deletedAt: position,
      attId: idSuffix,
      attBody: body,
      atts: attachments,
    });
    await fc.assert(
      fc.asyncProperty(scenario, async (generated) => {
        const s = {
          ...generated,
          id: freshId(generated.id),
          deletedId: freshId(generated.deletedId),
          attId: freshId(generated.attId),
        };
        // put: a new document, `_id` somewhere among the fields.
        const doc1 = Object.fromEntries(withFieldAt(s.first, '_id', s.id, s.idAt));
        const r1 = await db.put(doc1);
        expectPredicted(r1.rev, asPouchSeesIt(doc1), 1);

        // put: an update, `_id` and `_rev` (the parent) somewhere among the fields.
        const withId = withFieldAt(s.second, '_id', s.id, s.idAt);
        const doc2 = Object.fromEntries(withFieldAt(withId, '_rev', r1.rev, s.revAt));
        const r2 = await db.put(doc2);
        expectPredicted(r2.rev, asPouchSeesIt(doc2), 2);

        // post: PouchDB appends the generated `_id` last.
        const doc3 = Object.fromEntries(s.posted);
        const r3 = await db.post(doc3);
        expectPredicted(r3.rev, { ...asPouchSeesIt(doc3), _id: r3.id }, 1);

        // remove: only {_id, _rev, _deleted: true} is hashed, whatever else the doc holds.
        const r4 = s.removeWholeDoc
          ? await db.remove({ ...doc2, _rev: r2.rev })
          : await db.remove(s.id, r2.rev);
        expectPredicted(r4.rev, { _id: s.id, _rev: r2.rev, _deleted: true }, 3);

        // bulkDocs with _deleted: fields kept, attachments dropped before hashing.
        const deletedEntries = withFieldAt(s.deletedBody, '_deleted', true, s.deletedAt);
        const doc5 = Object.fromEntries([
          ['_id', s.deletedId],
          ...withFieldAt(deletedEntries, '_attachments', s.deletedAtts, s.deletedAt + 1),
        ]);
        const [r5] = await db.bulkDocs([doc5]);
        expect(r5?.error).toBeUndefined();
        expectPredicted(r5!.rev, asPouchSeesIt(doc5), 1);

        // bulkDocs with attachments: each one reduced to PouchDB's fields, in its order.
        const doc6 = Object.fromEntries([
          ...withFieldAt(s.attBody, '_attachments', s.atts, s.idAt),
          ['_id', s.attId],
        ]);
        const [r6] = await db.bulkDocs([doc6]);
        expect(r6?.error).toBeUndefined();
        expectPredicted(r6!.rev, asPouchSeesIt(doc6), 1);
      }),
      // 500 random scenarios of six writes each: minutes on a loaded 2-core CI machine
      // at 1500, which timed out there.
      { numRuns: 500 },
    );
  }, 300_000);
});

describe('newRevId: deep input', () => {
  it('hashes a 10,000-level object and array without overflowing', () => {
    const depth = 10_000;
    let nested: unknown = 'é';
    for (let i = 0; i < depth; i++) nested = i % 2 ? { k: nested } : [nested];
    const doc = { _id: 'deep', _rev: '1-abc', body: nested };
    let inner = '"é"';
    for (let i = 0; i < depth; i++) inner = i % 2 ? `{"k":${inner}}` : `[${inner}]`;
    const json = `{"_id":"deep","_rev":"1-abc","body":${inner}}`;
    expect(newRevId(doc, true)).toBe(createHash('md5').update(json, 'latin1').digest('hex'));
    expect(newRevId(clone(doc), true)).toBe(newRevId(doc, true));
  });
});
