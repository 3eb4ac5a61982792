import { describe, expect, it } from 'vitest';
import { GROCERY, OPERATOR_CASES } from './fixtures.js';
import { newDb, newPouch, outcome } from './helpers.js';

/** The hand-written expectations of the suite, checked once against pouchdb-find itself. */
describe('fixtures agree with pouchdb@9 + pouchdb-find@9', () => {
  it('for every operator case, without and with an index', async () => {
    const db = newDb();
    const pouch = newPouch();
    await db.bulkDocs(structuredClone(GROCERY));
    await pouch.bulkDocs(structuredClone(GROCERY));
    for (const withIndex of [false, true]) {
      for (const c of OPERATOR_CASES) {
        if (withIndex) {
          const req = { index: { fields: [c.field] } };
          expect(await db.createIndex(structuredClone(req))).toEqual(await pouch.createIndex(req));
        }
        const theirs = await pouch.find({ selector: structuredClone(c.selector) });
        expect(theirs.docs.map((d) => d._id).sort(), JSON.stringify(c.selector)).toEqual(c.ids);
        const ours = await outcome(db.find({ selector: structuredClone(c.selector) }));
        expect(ours, JSON.stringify(c.selector)).toEqual({ result: theirs });
      }
    }
    expect(await db.getIndexes()).toEqual(await pouch.getIndexes());
    await db.destroy();
    await pouch.destroy();
  });
});

describe('index requests agree with pouchdb-find@9', () => {
  it('in every accepted form: same ids, names, design docs and listings', async () => {
    const db = newDb();
    const pouch = newPouch();
    const requests: unknown[] = [
      { index: { fields: ['a'] } },
      { fields: ['b'] },
      { index: { fields: ['c', 'd'] }, name: 'top-name' },
      { index: { fields: [{ e: 'desc' }], name: 'inner', ddoc: 'shared', type: 'json' } },
      { index: { fields: ['f'], name: 'second' }, ddoc: 'shared' },
      { index: { fields: ['g.h'], partial_filter_selector: { g: { $exists: true }, x: 1 } } },
      { index: { fields: ['a'] } },
      { index: { fields: ['a', { b: 'desc' }] } },
    ];
    for (const req of requests) {
      const ours = await outcome(db.createIndex(structuredClone(req) as never));
      const theirs = await outcome(pouch.createIndex(structuredClone(req)));
      expect(ours, JSON.stringify(req)).toEqual(theirs);
      const id = (theirs as { result?: { id: string } }).result?.id;
      if (id) expect(await db.get(id), id).toEqual(await pouch.get(id));
    }
    expect(await db.getIndexes()).toEqual(await pouch.getIndexes());
    await db.destroy();
    await pouch.destroy();
  });
});
