import Satchel from '@satchel/node';
import PouchDB from 'pouchdb';
import pouchdbMemory from 'pouchdb-adapter-memory';
import { randomBytes } from 'node:crypto';
PouchDB.plugin(pouchdbMemory);
const N = 200;
const dbs = {};
for (const [name, Lib] of [['satchel', Satchel], ['pouchdb', PouchDB]]) {
  const db = new Lib('m-' + Math.random(), { adapter: 'memory' });
  for (let i = 0; i < N; i++) await db.putAttachment('a' + i, 'f', randomBytes(50000), 'application/octet-stream');
  dbs[name] = db;
}
const res = { satchel: [], pouchdb: [] };
for (let r = 0; r < 15; r++) {
  for (const name of ['satchel', 'pouchdb']) {
    const db = dbs[name];
    gc();
    const t = process.hrtime.bigint();
    let bytes = 0;
    for (let i = 0; i < N; i++) bytes += (await db.getAttachment('a' + i, 'f')).length;
    res[name].push(Number(process.hrtime.bigint() - t) / 1e6);
  }
}
for (const k in res) { const s = res[k].sort((a,b)=>a-b); console.log(k, s.map(x=>x.toFixed(1)).join(' ')); }
// get alone
for (const name of ['satchel', 'pouchdb']) {
  const db = dbs[name]; const ts = [];
  for (let r = 0; r < 10; r++) { gc(); const t = process.hrtime.bigint(); for (let i = 0; i < N; i++) await db.get('a' + i); ts.push(Number(process.hrtime.bigint() - t) / 1e6); }
  console.log(name, 'get only', ts.sort((a,b)=>a-b).map(x=>x.toFixed(1)).join(' '));
}
