import Satchel from '@satchel/node';
import PouchDB from 'pouchdb';
import pouchdbMemory from 'pouchdb-adapter-memory';
import { randomBytes } from 'node:crypto';
PouchDB.plugin(pouchdbMemory);
const which = process.argv[2];
const Lib = which === 'pouchdb' ? PouchDB : Satchel;
const N = 200;
const db = new Lib('m-' + Math.random(), { adapter: 'memory' });
for (let i = 0; i < N; i++) await db.putAttachment('a' + i, 'f', randomBytes(50000), 'application/octet-stream');
const ts = [];
for (let r = 0; r < 15; r++) {
  gc();
  console.log('--- rep', r);
  const t = process.hrtime.bigint();
  let bytes = 0;
  for (let i = 0; i < N; i++) bytes += (await db.getAttachment('a' + i, 'f')).length;
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  console.log('rep ms', ms.toFixed(2));
}
