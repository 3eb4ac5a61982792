import { it } from 'vitest';
import { newDb, newPouch, outcome } from './helpers.js';

const deep = (n: number): unknown => { let v: unknown = 1; for (let i = 0; i < n; i++) v = [v]; return v; };
const deepObj = (n: number): unknown => { let v: unknown = 1; for (let i = 0; i < n; i++) v = { a: v }; return v; };

it('explore', async () => {
  const db = newDb();
  const pouch = newPouch();
  db.on('error', () => undefined);
  pouch.on('error', () => undefined);
  const docs = [
    { _id: 'a', n: 1, deep: deep(5000) },
    { _id: 'b', n: 2 },
    { _id: '_design/d', views: { v: { map: 'function(d){emit(d.n);}' }, r: { map: 'function(d){emit(d.n, d.n);}', reduce: '_sum' }, syn: { map: 'function(d){emit(d.n;}' }, deepk: { map: 'function(d){ if (d.deep) emit(d.deep); }' }, rsyn: { map: 'function(d){emit(d.n);}', reduce: 'function(k,v){ return ; ;; +}' }, nomap: { reduce: '_sum' }, bogus: { map: 'function(d){emit(d.n);}', reduce: '_bogus' } } },
    { _id: '_design/s', views: 'string' },
    { _id: '_design/n', views: null },
  ];
  await db.bulkDocs(structuredClone(docs));
  await pouch.bulkDocs(structuredClone(docs));
  const cases: [unknown, unknown][] = [
    [null, {}], [123, {}], [{}, {}], [{ map: 5 }, {}], [undefined, {}], ['', {}], ['d', {}], ['a/b/c', {}], ['d/v/x', {}],
    ['s/v', {}], ['n/v', {}], ['d/nomap', {}], ['d/syn', {}], ['d/rsyn', {}], ['d/bogus', {}], ['d/bogus', {reduce: false}],
    ['d/deepk', {}],
    ['d/v', { keys: 'abc' }], ['d/v', { keys: 'a' }], ['d/v', { keys: 5 }], ['d/v', { keys: null }], ['d/r', { keys: 'abc' }],
    ['d/v', { limit: 1.5 }], ['d/v', { limit: 'abc' }], ['d/v', { limit: '2' }], ['d/v', { skip: '1' }], ['d/v', { skip: 1.5 }],
    ['d/r', { group_level: 'x' }], ['d/r', { group_level: -1 }], ['d/r', { group_level: 1.5, group: true }],
    ['d/v', { key: deep(3000) }], ['d/v', { startkey: deepObj(3000) }], ['d/v', { descending: 'yes' }], ['d/v', { stale: 'bogus' }],
    ['d/v', { limit: null }], ['d/v', { skip: null }], ['d/v', { key: undefined }], ['d/v', { key: null }], ['d/v', { startkey: null }],
    ['d/v', null], ['d/v', 'str'], ['d/v', 5],
    ['d/v', { inclusive_end: 'no', endkey: 1 }], ['d/r', { reduce: 'false' }], ['d/r', { group: 'false' }], ['d/v', { include_docs: 'x' }],
    ['d/v', { limit: Infinity }], ['d/v', { limit: NaN }], ['d/v', { skip: -0.5 }], ['d/v', { limit: 1e21 }],
    [{ map: 'function(d){emit(d.n)}', reduce: '_approx_count_distinct' }, {}],
    [{ map: 'not a function' }, {}], [{ map: (d: {n:number}) => { throw new Error('x'); } }, {}],
  ];
  for (const [fun, opts] of cases) {
    const ours = await outcome((db.query as Function)(fun, opts));
    const theirs = await outcome((pouch.query as Function)(fun, opts));
    const o = JSON.stringify(ours)?.slice(0, 300);
    const t = JSON.stringify(theirs)?.slice(0, 300);
    console.log(o === t ? 'SAME' : 'DIFF', String(typeof fun === 'object' ? JSON.stringify(fun) : fun), JSON.stringify(opts), '\n  ours  ', o, '\n  theirs', t);
  }
}, 60000);
