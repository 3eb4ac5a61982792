import { describe, expect, it } from 'vitest';
import { Satchel, uniqueName } from './helpers.js';

describe('concurrent use', () => {
  it('finds while writing, from two handles on the same database, without errors', async () => {
    const name = uniqueName();
    const one = new Satchel(name, { adapter: 'memory' });
    const two = new Satchel(name, { adapter: 'memory' });
    await one.createIndex({ index: { fields: ['n'] } });
    const work: Promise<unknown>[] = [];
    for (let i = 0; i < 40; i++) {
      work.push(one.put({ _id: `d${String(i).padStart(2, '0')}`, n: i % 5 }));
      work.push((i % 2 ? one : two).find({ selector: { n: { $gte: 0 } }, limit: 100 }));
    }
    await Promise.all(work);
    for (const db of [one, two]) {
      const res = await db.find({ selector: { n: 2 }, limit: 100 });
      expect(res.docs.map((d) => d._id)).toEqual([
        'd02',
        'd07',
        'd12',
        'd17',
        'd22',
        'd27',
        'd32',
        'd37',
      ]);
      expect(res.warning).toBeUndefined();
    }
    await two.close();
    await one.destroy();
  });
});
