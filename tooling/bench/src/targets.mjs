// The three columns of the table. Satchel and PouchDB share PouchDB's API, so a workload
// writes its body once for both (`api`) and once for the floor (`floor`).
import Satchel from '@satchel/node';
import PouchDB from 'pouchdb';
import { Floor } from './floor.mjs';

/** Seeding is untimed; big batches keep it short (it runs once per target per workload). */
const SEED_BATCH = 1000;

async function seedApi(db, docs) {
  for (let i = 0; i < docs.length; i += SEED_BATCH) {
    const results = await db.bulkDocs(docs.slice(i, i + SEED_BATCH));
    const failed = results.find((r) => r.error);
    if (failed) throw new Error(`seeding failed: ${JSON.stringify(failed)}`);
  }
}

async function seedFloor(floor, docs) {
  for (let i = 0; i < docs.length; i += SEED_BATCH) {
    await floor.bulkPut(docs.slice(i, i + SEED_BATCH));
  }
}

export const targets = [
  {
    name: 'satchel',
    kind: 'api',
    // The default adapter of @satchel/node is leveldb: a classic-level directory at `dir`.
    open: async (dir) => {
      const db = new Satchel(dir);
      await db.info(); // opening is lazy; do it before the clock starts
      return db;
    },
    close: (db) => db.close(),
    seed: seedApi,
  },
  {
    name: 'pouchdb',
    kind: 'api',
    // pouchdb@9 on Node defaults to its leveldb adapter (leveldown) in directory `dir`.
    open: async (dir) => {
      const db = new PouchDB(dir);
      await db.info();
      return db;
    },
    close: (db) => db.close(),
    seed: seedApi,
  },
  {
    name: 'floor',
    kind: 'floor',
    open: (dir) => Floor.open(dir),
    close: (floor) => floor.close(),
    seed: seedFloor,
  },
];
