// A focused probe of the write path: N sequential put()s of new small docs on one store,
// printing µs per put (median and mean). For profiling: `node --cpu-prof src/put-latency.mjs`.
//   node --expose-gc src/put-latency.mjs [memory|leveldb] [N] [satchel|pouchdb]
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Satchel from '@satchel/node';
import PouchDB from 'pouchdb';
import pouchdbMemory from 'pouchdb-adapter-memory';

PouchDB.plugin(pouchdbMemory);
const [store = 'memory', count = '3000', lib = 'satchel'] = process.argv.slice(2);
const Lib = lib === 'pouchdb' ? PouchDB : Satchel;
const dir = await mkdtemp(join(tmpdir(), 'satchel-put-'));
const db = new Lib(join(dir, 'db'), store === 'memory' ? { adapter: 'memory' } : {});
await db.info();
const times = [];
const t0 = performance.now();
for (let i = 0; i < Number(count); i++) {
  const start = performance.now();
  await db.put({ _id: `doc-${String(i).padStart(8, '0')}`, n: i, title: `item ${i}` });
  times.push(performance.now() - start);
}
const total = performance.now() - t0;
times.sort((a, b) => a - b);
const us = (ms) => `${(ms * 1000).toFixed(0)} µs`;
console.log(
  `${lib} ${store}: ${count} puts in ${total.toFixed(0)} ms; median ${us(times[times.length >> 1])}, ` +
    `mean ${us(total / times.length)}, p99 ${us(times[Math.floor(times.length * 0.99)])}`,
);
await (store === 'memory' ? db.destroy() : db.close());
await rm(dir, { recursive: true, force: true });
