import { memoryAdapter } from '@satchel/adapter-memory';
import { Satchel } from '@satchel/core';
import { describe, expect, it } from 'vitest';
// Only the browser entry: this file never loads `index.ts`, so no `node:vm` sandbox is installed.
import { mapreducePlugin } from '../src/browser.js';
import { viewSandbox } from '../src/sandbox.js';

const Db = Satchel.defaults({ adapter: 'memory' });
Db.adapter('memory', memoryAdapter);
Db.plugin(mapreducePlugin);

describe('the browser entry (what the `browser` export condition picks)', () => {
  it('installs no VM sandbox: source functions run in the page, as in pouchdb-browser', async () => {
    expect(viewSandbox()).toBeUndefined();
    const db = new Db(`browser-entry-${process.pid}-${Date.now()}`);
    await db.bulkDocs([
      { _id: 'a', n: 1 },
      { _id: 'b', n: 2 },
    ]);
    // `process` is a page global here; a VM context would see `undefined`.
    const res = await db.query({
      map: 'function (doc) { emit(typeof process, doc.n); }',
      reduce: 'function (keys, values) { return sum(values); }',
    });
    expect(res.rows).toEqual([{ key: null, value: 3 }]);
    const rows = await db.query(
      { map: 'function (doc) { emit(typeof process); }' },
      { reduce: false },
    );
    expect(rows.rows.map((r) => r.key)).toEqual(['object', 'object']);
    await db.destroy();
  });
});
