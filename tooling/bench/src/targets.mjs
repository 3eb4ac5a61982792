// The columns of the table, per store. Satchel and PouchDB share PouchDB's API, so a workload
// writes its body once for both (`api`) and once for the floor (`floor`). Every workload runs
// on both stores: LevelDB on disk and memory.
import Satchel from '@satchel/node';
import PouchDB from 'pouchdb';
import pouchdbMemory from 'pouchdb-adapter-memory';
import { Floor } from './floor.mjs';

PouchDB.plugin(pouchdbMemory);

/** The stores a workload runs on, in the order they run. */
export const STORES = ['leveldb', 'memory'];

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

/**
 * An API target: `Lib` opened on `store`. LevelDB databases live in directory `dir`; memory
 * ones are named `dir` (unique per run) and destroyed on close so their memory goes back.
 */
function apiTarget(name, Lib, store) {
  const options = store === 'memory' ? { adapter: 'memory' } : {};
  return {
    name,
    kind: 'api',
    store,
    // Opening is lazy in both libraries; `info()` does it before the clock starts.
    open: async (dir) => {
      const db = new Lib(dir, options);
      await db.info();
      return db;
    },
    close: (db) => (store === 'memory' ? db.destroy() : db.close()),
    seed: seedApi,
  };
}

/** Satchel, pouchdb@9 and the raw floor on `store` (`leveldb` or `memory`). */
export function targetsFor(store) {
  return [
    apiTarget('satchel', Satchel, store),
    apiTarget('pouchdb', PouchDB, store),
    {
      name: 'floor',
      kind: 'floor',
      store,
      open: (dir) => Floor.open(dir, store),
      close: (floor) => floor.close(),
      seed: seedFloor,
    },
  ];
}
