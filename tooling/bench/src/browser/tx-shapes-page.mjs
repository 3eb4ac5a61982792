// The page of tx-shapes.mjs: times single-document write transactions of several shapes on
// raw IndexedDB, interleaved, so the cost of each thing a database adds to the least write
// (a read before the writes, more stores in scope, a second request, the value's shape,
// BroadcastChannel posts, durability) is measured apart.

import Satchel from '@satchel/browser';

const STORES = ['docs', 'meta', 'revs', 'seqs'];

/** A Satchel database per shape that uses one (opened on first use), for the whole-API shapes. */
const satchels = new Map();
async function satchelOf(name) {
  if (!satchels.has(name)) {
    const db = new Satchel(`shapes-satchel-${name}-${Date.now()}`, { adapter: 'indexeddb' });
    await db.info();
    satchels.set(name, db);
  }
  return satchels.get(name);
}

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
  'get meta + puts at once, auto-commit, 4 stores': (db, i) =>
    write(db, STORES, (tx) => readState(tx, () => recordAndMeta(tx, i))),
  'no read: put record + put meta + commit(), 4 stores': (db, i) =>
    write(db, STORES, (tx) => {
      recordAndMeta(tx, i);
      tx.commit();
    }),
  // Without the version check (unsafe between tabs): what the check costs.
  'put record + commit(), 1 store (no check: unsafe)': (db, i) =>
    write(db, ['docs'], (tx) => {
      putRecord(tx, i);
      tx.commit();
    }),
  'get meta + puts at once, commit() on get, 2 stores': (db, i) =>
    write(db, ['docs', 'meta'], (tx) => {
      const get = tx.objectStore('meta').get('state');
      recordAndMeta(tx, i);
      get.onsuccess = () => tx.commit();
    }),
  // The state elsewhere: in `docs` under a number key (ids are strings), or carried by the
  // newest record (adapter-leveldb's format 2), found by the seq index: one put fewer.
  'get state in docs + puts at once, commit() on get, 1 store': (db, i) =>
    write(db, ['docs'], (tx) => {
      const get = tx.objectStore('docs').get(0);
      putRecord(tx, i);
      putMeta(tx, i, 'docs', 0);
      get.onsuccess = () => tx.commit();
    }),
  'newest seq by index + put record carrying state, commit() on answer, 1 store': (db, i) =>
    write(db, ['docs'], (tx) => {
      const newest = tx.objectStore('docs').index('seq').openKeyCursor(null, 'prev');
      const [id, value] = record(i);
      value.state = { ...state, version: i };
      tx.objectStore('docs').put(value, id);
      newest.onsuccess = () => tx.commit();
    }),
  'newest seq by index + put record carrying state, commit() on answer, 4 stores': (db, i) =>
    write(db, STORES, (tx) => {
      const newest = tx.objectStore('docs').index('seq').openKeyCursor(null, 'prev');
      const [id, value] = record(i);
      value.state = { ...state, version: i };
      tx.objectStore('docs').put(value, id);
      newest.onsuccess = () => tx.commit();
    }),
  // Satchel's whole write, for the JavaScript it adds to its commit's shape (above).
  'satchel: post()': async () => (await satchelOf('post')).post({ yo: 'dawg' }),
  'satchel: put() of a new id': async (_db, i) =>
    (await satchelOf('put')).put({ _id: `x${i}`, yo: 'dawg' }),
  'satchel: get() + put() (update)': async (_db, i) => {
    const db = await satchelOf('update');
    const id = `u${i % 200}`;
    const doc = await db.get(id).catch(() => ({ _id: id, n: 0 }));
    doc.n += 1;
    return db.put(doc);
  },
  // The floor's update as idb-floor.mjs does it (its value not indexed here).
  'floor: update (read tx, then get + put)': async (db, i) => {
    const id = `u${i % 200}`;
    const rtx = db.transaction(['docs'], 'readonly');
    const read = rtx.objectStore('docs').get(id);
    await done(rtx);
    const doc = read.result?.d ?? { _id: id, n: 0 };
    await write(db, ['docs'], (tx) => {
      const check = tx.objectStore('docs').get(id);
      check.onsuccess = () => tx.objectStore('docs').put({ s: i, d: { ...doc, n: doc.n + 1 } }, id);
    });
  },
  // One transaction of 100 new docs (the shape's records are made in the timed part).
  'bulk floor: add 100 objects, 1 store': (db, i) =>
    write(db, ['docs'], (tx) => {
      for (let k = 0; k < 100; k++) addObject(tx, i * 100 + k);
    }),
  'bulk shape: get meta + 100 records + meta, commit() on get': (db, i) =>
    write(db, STORES, (tx) => {
      const get = tx.objectStore('meta').get('state');
      for (let k = 0; k < 100; k++) putRecord(tx, i * 100 + k);
      putMeta(tx, i);
      get.onsuccess = () => tx.commit();
    }),
  'bulk satchel: bulkDocs of 100 new docs': async () =>
    (await satchelOf('bulk')).bulkDocs(
      Array.from({ length: 100 }, () => ({ much: 'docs', very: 'bulk' })),
    ),
  // Satchel's update (its get answered from memory): the former winner's body goes to `revs`.
  'update shape: get meta + put meta, record, old body to revs, commit() on get': (db, i) =>
    write(db, STORES, (tx) => {
      const get = tx.objectStore('meta').get('state');
      const [id, value] = record(i);
      tx.objectStore('docs').put(value, `u${i % 200}`);
      tx.objectStore('revs').put(value[1], [`u${i % 200}`, id]);
      putMeta(tx, i);
      get.onsuccess = () => tx.commit();
    }),
  'update shape without the revs put': (db, i) =>
    write(db, STORES, (tx) => {
      const get = tx.objectStore('meta').get('state');
      const [, value] = record(i);
      tx.objectStore('docs').put(value, `u${i % 200}`);
      putMeta(tx, i);
      get.onsuccess = () => tx.commit();
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

/**
 * Main-thread time of each IndexedDB call of Satchel's single-document commit (synchronous
 * part only: cloning the value and sending the message to the browser process), medians over
 * `n` commits, µs: what a write costs the page apart from waiting for IndexedDB.
 */
globalThis.txCallCosts = async (n) => {
  const db = await open(`shapes-calls-${Date.now()}`);
  const parts = { transaction: [], 'get meta': [], 'put meta': [], 'put record': [], commit: [] };
  const timed = (name, call) => {
    const start = performance.now();
    const out = call();
    parts[name].push((performance.now() - start) * 1000);
    return out;
  };
  for (let i = 1; i <= n; i++) {
    const tx = timed('transaction', () =>
      db.transaction(STORES, 'readwrite', { durability: 'relaxed' }),
    );
    const get = timed('get meta', () => tx.objectStore('meta').get('state'));
    timed('put meta', () => putMeta(tx, i));
    const [id, value] = record(i);
    timed('put record', () => tx.objectStore('docs').put(value, id));
    get.onsuccess = () => timed('commit', () => tx.commit());
    await done(tx);
  }
  db.close();
  indexedDB.deleteDatabase(db.name);
  return Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, median(v)]));
};

/** Main-thread µs of `db.transaction(stores)` for 1, 2 and 4 stores in scope, medians. */
globalThis.txScopeCosts = async (n) => {
  const db = await open(`shapes-scope-${Date.now()}`);
  const scopes = { 1: ['docs'], 2: ['docs', 'meta'], 4: STORES };
  const samples = Object.fromEntries(Object.keys(scopes).map((k) => [k, []]));
  // Interleaved: one transaction of each scope in turn, so load drift weighs on all alike.
  for (let i = 0; i < n; i++) {
    for (const [k, stores] of Object.entries(scopes)) {
      const start = performance.now();
      const tx = db.transaction(stores, 'readwrite', { durability: 'relaxed' });
      samples[k].push((performance.now() - start) * 1000);
      putMeta(tx, i, 'docs', 0);
      await done(tx);
    }
  }
  db.close();
  indexedDB.deleteDatabase(db.name);
  return Object.fromEntries(Object.entries(samples).map(([k, v]) => [`${k} store(s)`, median(v)]));
};

/**
 * ms from `navigator.locks.request` of a free lock to its callback, median: what a writer lease
 * (holding a Web Lock so that commits need no state read) would pay each time it is taken.
 */
globalThis.lockCost = async (n) => {
  const samples = [];
  for (let i = 0; i < n; i++) {
    const start = performance.now();
    await navigator.locks.request('tx-shapes-probe', async () => {
      samples.push(performance.now() - start);
    });
  }
  return { 'navigator.locks.request of a free lock, ms': median(samples) };
};
