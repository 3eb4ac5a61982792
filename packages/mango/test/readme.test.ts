import { expect, it } from 'vitest';
import { newDb } from './helpers.js';

/** The README's example, with its printed answers checked. */
it('runs the README example', async () => {
  const db = newDb();
  await db.bulkDocs([
    { _id: 'apple', type: 'fruit', price: 3 },
    { _id: 'banana', type: 'fruit', price: 1 },
    { _id: 'carrot', type: 'veg', price: 2 },
  ]);
  const created = await db.createIndex({ index: { fields: ['type', 'price'] } });
  expect(created).toMatchObject({ id: expect.stringMatching(/^_design\/idx-/), result: 'created' });
  const sorted = await db.find({
    selector: { type: 'fruit', price: { $gt: 0 } },
    sort: [{ type: 'desc' }, { price: 'desc' }],
    fields: ['_id', 'price'],
  });
  expect(sorted).toEqual({
    docs: [
      { _id: 'apple', price: 3 },
      { _id: 'banana', price: 1 },
    ],
  });
  const scan = await db.find({ selector: { price: { $lt: 3 } } });
  expect(scan.docs.map((d) => d._id)).toEqual(['banana', 'carrot']);
  expect(scan.warning).toBe('No matching index found, create an index to optimize query time.');
  expect((await db.explain({ selector: { type: 'veg' } })).index.def).toEqual({
    fields: [{ type: 'asc' }, { price: 'asc' }],
  });
  await db.destroy();
});
