import { expect, it } from 'vitest';
import { newDb } from './helpers.js';

it('updates indexes through the adapter when the changes plugin is absent', async () => {
  const db = newDb();
  // Hide the plugin's method on this instance: the index reads the adapter's feed instead.
  Object.defineProperty(db, 'changes', { value: undefined });
  await db.bulkDocs([
    { _id: 'a', n: 2 },
    { _id: 'b', n: 1 },
  ]);
  await db.createIndex({ index: { fields: ['n'] } });
  await db.put({ _id: 'c', n: 0 });
  const res = await db.find({ selector: { n: { $gte: 0 } }, sort: ['n'] });
  expect(res.docs.map((d) => d._id)).toEqual(['c', 'b', 'a']);
  expect(res.warning).toBeUndefined();
  await db.destroy();
});
