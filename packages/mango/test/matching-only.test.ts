import { describe, expect, it } from 'vitest';
import { newDb } from './helpers.js';

/** find answers only documents its selector matches, whatever index and sort it runs on. */
describe('find answers only matching documents', () => {
  it('when the sort names an index whose fields the selector does not mention', async () => {
    const db = newDb();
    await db.bulkDocs([
      { _id: 'a', s: 'x', n: 1 },
      { _id: 'b', s: 'y', n: 2, k: 1 },
      { _id: 'c', k: 1, _attachments: { 'f.txt': { content_type: 'text/plain', data: 'aGk=' } } },
    ]);
    await db.createIndex({ index: { fields: ['s', 'n'] } });
    const { docs } = await db.find({ selector: { k: 1 }, sort: ['s', 'n'] });
    expect(docs.map((doc) => doc._id)).toEqual(['c', 'b']);
    const stubs = docs[0]?._attachments as Record<string, unknown> | undefined;
    expect(stubs?.['f.txt']).toMatchObject({ stub: true, length: 2 });
  });

  it('when a range on an indexed field would admit documents lacking the field', async () => {
    const db = newDb();
    await db.bulkDocs([
      { _id: 'd', s: 'zz', n: -5 },
      { _id: 'e', n: -3 },
      { _id: 'f', s: 'a', n: -4 },
      { _id: 'g', s: 'b' },
      { _id: 'h', s: 'c', n: null },
    ]);
    await db.createIndex({ index: { fields: ['n'] } });
    const range = await db.find({ selector: { n: { $lt: -2 } } });
    expect(range.docs.map((doc) => doc._id).sort()).toEqual(['d', 'e', 'f', 'h']);
    // `{s: {$not: c}}` means `{$not: {s: c}}` (@satchel/selector), so `e` (no `s`) passes it;
    // `g` (no `n`) must not come back through the index on `n`.
    const negated = await db.find({ selector: { s: { $not: { $gte: 'zz' } }, n: { $lt: -2 } } });
    expect(negated.docs.map((doc) => doc._id).sort()).toEqual(['e', 'f', 'h']);
    const nullEq = await db.find({ selector: { n: null } });
    expect(nullEq.docs.map((doc) => doc._id)).toEqual(['h']);
  });

  it('when two bounds on one field are merged by the plan', async () => {
    const db = newDb();
    await db.bulkDocs([
      { _id: 'p', a: 'a' },
      { _id: 'q', a: -3 },
    ]);
    await db.createIndex({ index: { fields: ['a'] } });
    const { docs } = await db.find({ selector: { a: { $lt: -1, $eq: 'a' } } });
    expect(docs).toEqual([]);
  });

  it('skip and limit count only matching documents', async () => {
    const db = newDb();
    await db.bulkDocs([
      { _id: 'm1' },
      { _id: 'm2' },
      { _id: 'x1', v: 1 },
      { _id: 'x2', v: 2 },
      { _id: 'x3', v: 3 },
    ]);
    await db.createIndex({ index: { fields: ['v'] } });
    const { docs } = await db.find({ selector: { v: { $lte: 3 } }, skip: 1, limit: 1 });
    expect(docs.map((doc) => doc._id)).toEqual(['x2']);
  });

  it('an exclusive start does not make the answer shorter than limit', async () => {
    const db = newDb();
    await db.bulkDocs([1, 1, 1, 2, 3, 4].map((v, i) => ({ _id: `r${i}`, v })));
    await db.createIndex({ index: { fields: ['v'] } });
    const { docs } = await db.find({ selector: { v: { $gt: 1 } }, limit: 2 });
    expect(docs.map((doc) => doc.v)).toEqual([2, 3]);
  });
});
