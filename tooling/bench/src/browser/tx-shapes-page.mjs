// The page of tx-shapes.mjs: times single-document write transactions of several shapes on
// raw IndexedDB, interleaved, so the cost of each thing a database adds to the least write
// (a read before the writes, more stores in scope, a second request, the value's shape,
// BroadcastChannel posts, durability) is measured apart.

const STORES = ['docs', 'meta', 'revs', 'seqs'];

function open(name) {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name, 1);
    request.onupgradeneeded = () => {
      for (const s of STORES) {
        const store = request.result.createObjectStore(s);
        if (s === 'docs') store.createIndex('seq', 'seq');
        // The state under its version token, at most one (the compare-and-swap shapes).
        if (s === 'meta') store.createIndex('slot', 'slot', { unique: true });
      }
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

const done = (tx) =>
  new Promise((resolve, reject) => {
    tx.oncomplete = resolve;
    tx.onabort = () => reject(tx.error);
  });

const state = {
  meta: { updateSeq: 0, docCount: 0, uuid: crypto.randomUUID() },
  version: 0,
  seqTop: 0,
};
const record = (i) => {
  const id = crypto.randomUUID();
  const json = JSON.stringify({
    id,
    rev_tree: [{ pos: 1, ids: [`${i}-abc`, { status: 'available' }, []] }],
    winningRev: `1-${id}`,
    seq: i,
    deleted: false,
  });
  const r = [json, '{"yo":"dawg"}', `1-${id}`];
  r.seq = i;
  return [id, r];
};
const channel = new BroadcastChannel('tx-shapes');

/** A readwrite transaction over `stores` (relaxed unless `durability` says), settled. */
function write(db, stores, issue, durability = 'relaxed') {
  const tx = db.transaction(stores, 'readwrite', durability ? { durability } : undefined);
  issue(tx);
  return done(tx);
}

const addObject = (tx, i) =>
  tx.objectStore('docs').add({ s: i, d: { _id: `x${i}`, _rev: '1-a', yo: 'dawg' } }, `x${i}`);
const putRecord = (tx, i) => tx.objectStore('docs').put(...record(i).reverse());
const putMeta = (tx, i, store = 'meta', key = 'state') =>
  tx.objectStore(store).put({ ...state, version: i }, key);
/** The state read first; `then` once it is in (not waiting: `then` is called at once). */
const readState = (tx, then, store = 'meta', key = 'state') => {
  const get = tx.objectStore(store).get(key);
  if (then.wait) get.onsuccess = () => then(get.result);
  else {
    get.onsuccess = () => {
      if (get.result && get.result.meta.uuid !== state.meta.uuid) tx.abort();
    };
    then();
  }
};
const waiting = (then) => Object.assign(then, { wait: true });
const recordAndMeta = (tx, i) => {
  putRecord(tx, i);
  putMeta(tx, i);
};

/** Satchel's commit: the state read, then the writes and `commit()`, over `stores`. */
const commitAfterRead = (db, stores, i) =>
  write(db, stores, (tx) =>
    readState(
      tx,
      waiting(() => {
        recordAndMeta(tx, i);
        tx.commit();
      }),
    ),
  );

/**
 * The state advanced without a read: the record under the token committed against is deleted
 * and the next one added; the unique `slot` index refuses the `add` unless the deleted one was
 * the only state, so a stale token aborts the transaction.
 */
const swapState = (tx, i) => {
  const meta = tx.objectStore('meta');
  meta.delete(`${state.meta.uuid}:${i - 1}`);
  meta.add({ ...state, version: i, slot: 1 }, `${state.meta.uuid}:${i}`);
};

/** Each shape: one write of doc `i` on `db`. */
const shapes = {
  'floor: add 1 object, 1 store': (db, i) => write(db, ['docs'], (tx) => addObject(tx, i)),
  'add 1 object, durability default': (db, i) =>
    write(db, ['docs'], (tx) => addObject(tx, i), null),
  'add 1 object + tx.commit()': (db, i) =>
    write(db, ['docs'], (tx) => {
      addObject(tx, i);
      tx.commit();
    }),
  'put record (strings) 1 store': (db, i) => write(db, ['docs'], (tx) => putRecord(tx, i)),
  'put record, 2 stores in scope': (db, i) => write(db, ['docs', 'meta'], (tx) => putRecord(tx, i)),
  'put record + put meta, 2 stores': (db, i) =>
    write(db, ['docs', 'meta'], (tx) => recordAndMeta(tx, i)),
  'put record + put state, 1 store': (db, i) =>
    write(db, ['docs'], (tx) => {
      putRecord(tx, i);
      putMeta(tx, i, 'docs', 0);
    }),
  'pipelined get meta + puts, 2 stores': (db, i) =>
    write(db, ['docs', 'meta'], (tx) => readState(tx, () => recordAndMeta(tx, i))),
  'get meta, then puts, 2 stores': (db, i) =>
    write(db, ['docs', 'meta'], (tx) =>
      readState(
        tx,
        waiting(() => recordAndMeta(tx, i)),
      ),
    ),
  'get meta, then puts, 4 stores': (db, i) =>
    write(db, STORES, (tx) =>
      readState(
        tx,
        waiting(() => recordAndMeta(tx, i)),
      ),
    ),
  'get meta, then puts + commit(), 4 stores': (db, i) => commitAfterRead(db, STORES, i),
  'get meta, then puts + commit(), 2 stores': (db, i) => commitAfterRead(db, ['docs', 'meta'], i),
  'CAS: delete + add state, put record, commit(), 4 stores': (db, i) =>
    write(db, STORES, (tx) => {
      swapState(tx, i);
      putRecord(tx, i);
      tx.commit();
    }),
  'CAS: delete + add state, put record, commit(), 2 stores': (db, i) =>
    write(db, ['docs', 'meta'], (tx) => {
      swapState(tx, i);
      putRecord(tx, i);
      tx.commit();
    }),
  'get meta + puts at once, commit() on get, 4 stores': (db, i) =>
    write(db, STORES, (tx) => {
      const get = tx.objectStore('meta').get('state');
      recordAndMeta(tx, i);
      get.onsuccess = () => tx.commit();
    }),
  'no read: put record + put meta + commit(), 4 stores': (db, i) =>
    write(db, STORES, (tx) => {
      recordAndMeta(tx, i);
      tx.commit();
    }),
  'pipelined, 2 stores, + BroadcastChannel post': async (db, i) => {
    await write(db, ['docs', 'meta'], (tx) => readState(tx, () => recordAndMeta(tx, i)));
    const id = `x${i}`;
    const seqs = { put: [[i, { seq: i, id }]], deleted: [i - 1] };
    const change = { docs: { put: [[id]], deleted: [] }, locals: { put: [], deleted: [] } };
    channel.postMessage([{ from: `a:${i}`, to: `a:${i + 1}`, change: { ...change, seqs } }]);
  },
};

const median = (v) => [...v].sort((a, b) => a - b)[v.length >> 1];

/**
 * Whether a stale token's `add` aborts a transaction already asked to commit: a write with a
 * wrong token must leave nothing behind.
 */
async function casRefusesStale() {
  const name = `shapes-cas-${Date.now()}`;
  const db = await open(name);
  await write(db, STORES, (tx) => swapState(tx, 1));
  let outcome;
  try {
    await write(db, STORES, (tx) => {
      swapState(tx, 5);
      putRecord(tx, 5);
      tx.commit();
    });
    outcome = 'committed (WRONG)';
  } catch (err) {
    outcome = `aborted: ${err?.name}`;
  }
  const tx = db.transaction(['docs', 'meta']);
  const docs = tx.objectStore('docs').count();
  const metas = tx.objectStore('meta').getAllKeys();
  await done(tx);
  db.close();
  indexedDB.deleteDatabase(name);
  return `${outcome}; docs left ${docs.result}, state keys ${metas.result.join(',')}`;
}

/**
 * The shapes matching `filters` interleaved write by write (each on its own database), so load
 * drifting over the run weighs on all alike: per shape, the median and mean of `n` writes, ms.
 */
globalThis.txShapesInterleaved = async (n, filters = []) => {
  const names = Object.keys(shapes).filter(
    (name) => filters.length === 0 || filters.some((f) => name.includes(f)),
  );
  const dbs = await Promise.all(names.map((_, k) => open(`shapes-il-${k}-${Date.now()}`)));
  const samples = names.map(() => []);
  for (let i = 1; i <= n; i++) {
    for (let j = 0; j < names.length; j++) {
      const k = (i + j) % names.length;
      const start = performance.now();
      await shapes[names[k]](dbs[k], i);
      samples[k].push(performance.now() - start);
    }
  }
  for (const db of dbs) {
    db.close();
    indexedDB.deleteDatabase(db.name);
  }
  const mean = (v) => v.reduce((a, b) => a + b, 0) / v.length;
  return Object.fromEntries(names.map((s, k) => [s, [median(samples[k]), mean(samples[k])]]));
};

globalThis.txShapes = async (n, reps, filters = []) => {
  const names = Object.keys(shapes).filter(
    (name) => filters.length === 0 || filters.some((f) => name.includes(f)),
  );
  const samples = Object.fromEntries(names.map((s) => [s, []]));
  for (let rep = 0; rep < reps; rep++) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(k + rep) % names.length];
      const dbName = `shapes-${rep}-${k}-${Date.now()}`;
      const db = await open(dbName);
      const start = performance.now();
      for (let i = 1; i <= n; i++) await shapes[name](db, i);
      samples[name].push((performance.now() - start) / n);
      db.close();
      await new Promise((r) => {
        indexedDB.deleteDatabase(dbName).onsuccess = r;
      });
    }
  }
  const ms = Object.fromEntries(names.map((s) => [s, median(samples[s])]));
  return { ...ms, [`stale CAS check: ${await casRefusesStale()}`]: 0 };
};
