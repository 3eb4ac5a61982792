// The page of value-shapes.mjs: what the shape of a stored document record costs in Chromium's
// IndexedDB (structured clone and size), apart from the number of requests. Real records are
// taken from @satchel/browser (a post, a bulk doc, an updated doc), read raw from its store, then
// written again in several shapes: 1,000 `put`s in one transaction, 200 single-put
// transactions, and read back (one `getAll`, 200 `get`s) with the decoding each shape needs.
import Satchel from '@satchel/browser';

const done = (tx) =>
  new Promise((resolve, reject) => {
    tx.oncomplete = resolve;
    tx.onabort = () => reject(tx.error);
  });
const result = (request) =>
  new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });

/** Satchel's stored records (format 2) of three documents, as IndexedDB holds them. */
async function satchelRecords() {
  const name = `shapes-src-${Date.now()}`;
  const db = new Satchel(name, { adapter: 'indexeddb' });
  await db.post({ yo: 'dawg' });
  await db.bulkDocs([{ much: 'docs', very: 'bulk' }]);
  const put = await db.put({ _id: 'upd', n: 0 });
  await db.put({ _id: 'upd', _rev: put.rev, n: 1 });
  await db.close();
  const [info] = (await indexedDB.databases()).filter((d) => d.name.endsWith(name));
  const raw = await result(indexedDB.open(info.name));
  const records = await result(raw.transaction('docs').objectStore('docs').getAll());
  raw.close();
  return records;
}

/** How each shape stores a record (from Satchel's `[record, body, rev] & {seq}`), and reads it. */
const shapes = {
  'current: [json, body, rev] + seq': {
    make: (r, seq) => Object.assign([r[0], r[1], r[2]], { seq }),
    read: (v) => [JSON.parse(v[0]), JSON.parse(v[1])],
  },
  'plain array [json, body, rev], no seq': {
    make: (r) => [r[0], r[1], r[2]],
    read: (v) => [JSON.parse(v[0]), JSON.parse(v[1])],
  },
  'object {seq, r, b, w} of strings': {
    make: (r, seq) => ({ seq, r: r[0], b: r[1], w: r[2] }),
    read: (v) => [JSON.parse(v.r), JSON.parse(v.b)],
  },
  'object {seq, j}: one JSON string': {
    make: (r, seq) => ({ seq, j: `[${r[0]},${r[1]}]` }),
    read: (v) => JSON.parse(v.j),
  },
  'object trees (structured clone)': {
    make: (r, seq) => ({ seq, r: JSON.parse(r[0]), b: JSON.parse(r[1]) }),
    read: (v) => [v.r, v.b],
  },
  'flat object: fields + body string': {
    make: (r, seq) => {
      const rec = JSON.parse(r[0]);
      return {
        seq,
        id: rec.id,
        w: rec.winningRev,
        t: JSON.stringify(rec.rev_tree),
        d: rec.deleted ? 1 : 0,
        b: r[1],
      };
    },
    read: (v) => [JSON.parse(v.t), JSON.parse(v.b)],
  },
};

let dbCount = 0;
async function freshDb() {
  const name = `shapes-${Date.now()}-${dbCount++}`;
  const request = indexedDB.open(name, 1);
  request.onupgradeneeded = () =>
    request.result.createObjectStore('docs').createIndex('seq', 'seq');
  return { name, db: await result(request) };
}
async function drop({ name, db }) {
  db.close();
  await result(indexedDB.deleteDatabase(name));
}

/** ms for: `bulk` puts in one tx, `single` one-put txs, a getAll + decode, `single` gets + decode. */
async function runShape(shape, records, bulk, single) {
  const h = await freshDb();
  const values = Array.from({ length: bulk }, (_, i) => [
    shape.make(records[i % records.length], i + 1),
    `k${i}`,
  ]);
  let t = performance.now();
  let tx = h.db.transaction('docs', 'readwrite', { durability: 'relaxed' });
  const store = tx.objectStore('docs');
  for (const [v, k] of values) store.put(v, k);
  const issueMs = performance.now() - t;
  tx.commit();
  await done(tx);
  const bulkMs = performance.now() - t;
  t = performance.now();
  for (let i = 0; i < single; i++) {
    tx = h.db.transaction('docs', 'readwrite', { durability: 'relaxed' });
    tx.objectStore('docs').put(values[i][0], `s${i}`);
    tx.commit();
    await done(tx);
  }
  const singleMs = performance.now() - t;
  t = performance.now();
  tx = h.db.transaction('docs', 'readonly');
  const all = await result(tx.objectStore('docs').getAll());
  for (const v of all) shape.read(v);
  const getAllMs = performance.now() - t;
  t = performance.now();
  tx = h.db.transaction('docs', 'readonly');
  const got = [];
  for (let i = 0; i < single; i++) {
    const r = tx.objectStore('docs').get(`k${i}`);
    r.onsuccess = () => got.push(shape.read(r.result));
  }
  await done(tx);
  const getsMs = performance.now() - t;
  await drop(h);
  return { issueMs, bulkMs, singleMs, getAllMs, getsMs };
}

const median = (v) => [...v].sort((a, b) => a - b)[v.length >> 1];

globalThis.valueShapes = async (bulk, single, reps) => {
  const records = await satchelRecords();
  const names = Object.keys(shapes);
  const samples = Object.fromEntries(names.map((n) => [n, []]));
  for (let rep = 0; rep < reps; rep++) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(k + rep) % names.length];
      samples[name].push(await runShape(shapes[name], records, bulk, single));
    }
  }
  const sizes = Object.fromEntries(
    names.map((n) => [n, records.map((r, i) => JSON.stringify(shapes[n].make(r, i)).length)]),
  );
  const out = {};
  for (const n of names) {
    const pick = (k) => median(samples[n].map((s) => s[k]));
    out[n] = {
      [`${bulk} puts, 1 tx`]: pick('bulkMs'),
      'of which issuing': pick('issueMs'),
      [`${single} 1-put txs`]: pick('singleMs'),
      [`getAll ${bulk} + decode`]: pick('getAllMs'),
      [`${single} gets + decode`]: pick('getsMs'),
      'JSON sizes': sizes[n].join('/'),
    };
  }
  return { records: records.map((r) => [...r, r.seq]), out };
};
