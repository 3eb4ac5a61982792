import { describe, expect, it } from 'vitest';
import type { FindRequest } from '../src/index.js';
import { newDb, newPouch } from './helpers.js';

const DOCS = [{ _id: '0' }, { _id: 'Z' }, { _id: 'a' }, { _id: 'b', k: 1 }, { _id: 'c', k: 1 }];

/**
 * Bounds on `_id` that are not strings, read through the primary index: every id is a string
 * and such a bound sorts below all of them (pouchdb-find 9, PouchDB's test.issue66.js). The
 * expectations are written out and checked against pouchdb@9 + pouchdb-find@9 as well.
 */
const CASES: { request: FindRequest; ids: string[] }[] = [
  { request: { selector: { _id: { $gt: {} } } }, ids: ['0', 'Z', 'a', 'b', 'c'] },
  { request: { selector: { _id: { $gte: {} } } }, ids: ['0', 'Z', 'a', 'b', 'c'] },
  { request: { selector: { _id: { $gt: [] } } }, ids: ['0', 'Z', 'a', 'b', 'c'] },
  {
    request: { selector: { _id: { $gt: {} } }, sort: [{ _id: 'desc' }] },
    ids: ['c', 'b', 'a', 'Z', '0'],
  },
  // With a string upper bound the range {}..'b' collates empty, which pouchdb-find checks
  // before reading: nothing (an empty answer never holds a non-matching document).
  { request: { selector: { _id: { $gt: {}, $lt: 'b' } } }, ids: [] },
  { request: { selector: { _id: { $gte: {} }, k: 1 } }, ids: ['b', 'c'] },
  { request: { selector: { _id: { $lt: {} } } }, ids: [] },
  { request: { selector: { _id: { $lte: [] } } }, ids: [] },
  { request: { selector: { _id: { $gt: {}, $lt: {} } } }, ids: [] },
  { request: { selector: { _id: { $eq: {} } } }, ids: [] },
];

describe('non-string _id bounds on the primary index', () => {
  it('answer what pouchdb-find 9 answers, and only documents that match that reading', async () => {
    const db = newDb();
    const pouch = newPouch();
    await db.bulkDocs(structuredClone(DOCS));
    await pouch.bulkDocs(structuredClone(DOCS));
    for (const { request, ids } of CASES) {
      const label = JSON.stringify(request);
      const ours = await db.find(structuredClone(request));
      const theirs = await pouch.find(structuredClone(request));
      expect(
        theirs.docs.map((doc) => doc._id),
        label,
      ).toEqual(ids);
      expect(
        ours.docs.map((doc) => doc._id),
        label,
      ).toEqual(ids);
    }
    await db.destroy();
    await pouch.destroy();
  });

  it('a string bound keeps plain collation', async () => {
    const db = newDb();
    await db.bulkDocs(structuredClone(DOCS));
    const { docs } = await db.find({ selector: { _id: { $gt: 'Z', $lte: 'b' } } });
    expect(docs.map((doc) => doc._id)).toEqual(['a', 'b']);
    await db.destroy();
  });
});
