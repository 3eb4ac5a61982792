// One scale measurement (see scale.mjs): loads `docs` small docs into a new database, then
// times `puts` sequential single puts of new docs. Prints one JSON line.
import { performance } from 'node:perf_hooks';
import Satchel from '@satchel/node';
import PouchDB from 'pouchdb';
import pouchdbMemory from 'pouchdb-adapter-memory';

PouchDB.plugin(pouchdbMemory);
const [lib, store, dir, docsArg, putsArg] = process.argv.slice(2);
const docs = Number(docsArg);
const puts = Number(putsArg);
const Lib = lib === 'pouchdb' ? PouchDB : Satchel;
const gc = globalThis.gc ?? (() => {});
const small = (i) => ({ _id: `doc-${String(i).padStart(8, '0')}`, n: i, title: `item ${i}` });

gc();
const before = process.memoryUsage();
const db = new Lib(dir, store === 'memory' ? { adapter: 'memory' } : {});
await db.info();
const t0 = performance.now();
const BATCH = 1000;
for (let i = 0; i < docs; i += BATCH) {
  const batch = [];
  for (let j = i; j < Math.min(docs, i + BATCH); j++) batch.push(small(j));
  await db.bulkDocs(batch);
}
const loadMs = performance.now() - t0;
gc();
const after = process.memoryUsage();
// New ids spread over the existing ones (`doc-…x`), so inserts land inside the key space.
const times = [];
for (let i = 0; i < puts; i++) {
  const id = `doc-${String(Math.floor((i * docs) / puts)).padStart(8, '0')}x`;
  const start = performance.now();
  await db.put({ _id: id, n: i, title: `new ${i}` });
  times.push(performance.now() - start);
}
times.sort((a, b) => a - b);
const mean = times.reduce((a, b) => a + b, 0) / times.length;
console.log(
  JSON.stringify({
    docs,
    loadMs,
    putMedianUs: times[times.length >> 1] * 1000,
    putMeanUs: mean * 1000,
    rssMb: (after.rss - before.rss) / 2 ** 20,
    heapMb: (after.heapUsed - before.heapUsed) / 2 ** 20,
  }),
);
await (store === 'memory' ? db.destroy() : db.close());
