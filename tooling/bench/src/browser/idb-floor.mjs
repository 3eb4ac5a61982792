// The Chromium bench's floor: raw IndexedDB doing the least work each operation needs, with no
// document-database semantics (no rev trees, no rev hashing, no conflict branches, no other
// tabs). It is what "as fast as IndexedDB allows" means in the browser, as classic-level is
// in the Node bench (../floor.mjs, whose API this mirrors so the workloads' `floor` parts run
// on it unchanged).
//
// Layout, one IndexedDB database:
//   docs: {s: seq, d: doc, l?: id} by id, the doc as an object (no JSON to make or parse),
//         with an index `seq` on `s`: writing a doc is one `add`/`put`, and its by-seq entry
//         moves with it (no delete of the old one); `changes` is one `getAll` over the index.
//         `l`, on live (not deleted) docs only, is indexed by `live`: allDocs' range over live
//         docs is one `getAll` there, however many deleted docs it passes over.
//   view: a view's entries, `id` by `[key, id]` (IndexedDB orders array keys), and `kv`:
//         small values (a view's last seq).
// A write is one readwrite transaction (relaxed durability, as Satchel's engine asks); a new
// doc is `add`ed (IndexedDB refuses an existing key: the conflict check without a read), an
// update reads the stored doc in the same transaction to check its `_rev`, then puts it. A
// read is one readonly transaction: one `get` per doc, `getAll` for ranges.

const DOCS = 'docs';
const SEQ = 'seq';
const LIVE = 'live';
const VIEW = 'view';
const KV = 'kv';
const LAST_SEQ = 'lastSeq';

function conflict(id) {
  return Object.assign(new Error(`Document update conflict: ${id}`), { status: 409 });
}

function missing() {
  return Object.assign(new Error('missing'), { status: 404 });
}

function done(tx) {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onabort = () => reject(tx.error ?? new Error('aborted'));
  });
}

function result(request) {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

export class IdbFloor {
  /** Opens (creating) the floor database `name`. */
  static async open(name) {
    const request = indexedDB.open(name, 1);
    request.onupgradeneeded = () => {
      const db = request.result;
      const docs = db.createObjectStore(DOCS);
      docs.createIndex(SEQ, 's');
      docs.createIndex(LIVE, 'l');
      db.createObjectStore(VIEW);
      db.createObjectStore(KV);
    };
    return new IdbFloor(name, await result(request));
  }

  constructor(name, db) {
    this.name = name;
    this.db = db;
    this.seq = 0;
    // A counter, not a hash: the floor skips rev hashing on purpose (it is CPU, not storage).
    this.revCounter = 0;
  }

  #write(stores) {
    return this.db.transaction(stores, 'readwrite', { durability: 'relaxed' });
  }

  #rev(old) {
    const gen = old ? Number.parseInt(old._rev, 10) + 1 : 1;
    return `${gen}-${(++this.revCounter).toString(16)}`;
  }

  /**
   * Writes `docs` (new or updated) in one transaction: new ones `add`ed, updates after a `get`
   * of the stored doc in the same transaction (the `_rev` check a database needs).
   */
  async bulkPut(docs) {
    const tx = this.#write([DOCS]);
    const store = tx.objectStore(DOCS);
    const results = docs.map((input) => {
      const doc = input._id === undefined ? { _id: crypto.randomUUID(), ...input } : input;
      const out = { ok: true, id: doc._id, rev: undefined };
      if (doc._rev === undefined) {
        out.rev = this.#rev();
        store.add(stored(++this.seq, { ...doc, _rev: out.rev }), doc._id);
        return out;
      }
      const read = store.get(doc._id);
      read.onsuccess = () => {
        const old = read.result?.d;
        if (old?._rev !== doc._rev) {
          tx.abort();
          return;
        }
        out.rev = this.#rev(old);
        store.put(stored(++this.seq, { ...doc, _rev: out.rev }), doc._id);
      };
      return out;
    });
    try {
      await done(tx);
    } catch {
      throw conflict(docs.map((d) => d._id).join(', '));
    }
    return results;
  }

  async put(doc) {
    return (await this.bulkPut([doc]))[0];
  }

  /** `post`: a new doc under a random id, as PouchDB's `post` makes one. */
  post(doc) {
    return this.put({ _id: crypto.randomUUID(), ...doc });
  }

  async get(id) {
    const tx = this.db.transaction(DOCS, 'readonly');
    const found = await result(tx.objectStore(DOCS).get(id));
    if (found === undefined) throw missing();
    return found.d;
  }

  /** Docs for `ids` (`undefined` where absent): one `get` each, in one transaction. */
  async getMany(ids) {
    const tx = this.db.transaction(DOCS, 'readonly');
    const store = tx.objectStore(DOCS);
    const docs = new Array(ids.length);
    ids.forEach((id, i) => {
      const request = store.get(id);
      request.onsuccess = () => {
        docs[i] = request.result?.d;
      };
    });
    await done(tx);
    return docs;
  }

  /**
   * Docs with ids in `[start, end]`, after skipping `skip`, up to `limit`; `live`: deleted docs
   * are passed over (as allDocs does), through the `live` index.
   */
  async range({ start, end, skip = 0, limit = -1, live = false }) {
    const store = this.db.transaction(DOCS, 'readonly').objectStore(DOCS);
    const source = live ? store.index(LIVE) : store;
    let range = bound(start, end, false);
    if (skip > 0) {
      const keys = await result(source.getAllKeys(range, skip));
      if (keys.length < skip) return [];
      range = bound(keys[keys.length - 1], end, true);
    }
    const values = await result(source.getAll(range, limit < 0 ? undefined : limit));
    return values.map(({ d }) => d);
  }

  /** Changes after `since`: one `getAll` over the seq index, docs and all. */
  async changes(since = 0) {
    const index = this.db.transaction(DOCS, 'readonly').objectStore(DOCS).index(SEQ);
    const values = await result(index.getAll(IDBKeyRange.lowerBound(since, true)));
    return values.map(({ s, d }) => ({ seq: s, id: d._id, doc: d }));
  }

  /** Writes docs as a replication does (revisions kept): one `put` each, one transaction. */
  async putReplicated(docs) {
    const tx = this.#write([DOCS]);
    const store = tx.objectStore(DOCS);
    for (const doc of docs) store.put(stored(++this.seq, doc), doc._id);
    await done(tx);
    return docs.length;
  }

  /**
   * Brings a persistent view up to date in one readwrite transaction: its last seq read, the
   * changes since then read in one `getAll`, an entry put for each and the last seq advanced.
   * Returns how many docs were mapped.
   */
  async updateView(mapKey) {
    const tx = this.#write([DOCS, VIEW, KV]);
    let mapped = 0;
    const last = tx.objectStore(KV).get(LAST_SEQ);
    last.onsuccess = () => {
      const since = last.result ?? 0;
      const index = tx.objectStore(DOCS).index(SEQ);
      const changes = index.getAll(IDBKeyRange.lowerBound(since, true));
      changes.onsuccess = () => {
        const view = tx.objectStore(VIEW);
        let top = since;
        for (const { s, d } of changes.result) {
          view.put(d._id, [mapKey(d), d._id]);
          top = Math.max(top, s);
        }
        mapped = changes.result.length;
        tx.objectStore(KV).put(top, LAST_SEQ);
      };
    };
    await done(tx);
    return mapped;
  }

  async destroy() {
    this.db.close();
    await result(indexedDB.deleteDatabase(this.name));
  }
}

/** The stored value of `doc`, written with `seq`. */
function stored(seq, doc) {
  return doc._deleted ? { s: seq, d: doc } : { s: seq, d: doc, l: doc._id };
}

/** The key range `[lower, upper]` (`lower` excluded when `open`), either end optional. */
function bound(lower, upper, open) {
  if (lower === undefined && upper === undefined) return null;
  if (lower === undefined) return IDBKeyRange.upperBound(upper);
  if (upper === undefined) return IDBKeyRange.lowerBound(lower, open);
  return IDBKeyRange.bound(lower, upper, open, false);
}

/**
 * Workloads whose Node `floor` part reaches into classic-level (`floor.db`): their IndexedDB
 * floor, by workload name.
 */
export const idbFloorParts = {
  'view-build': (floor) => floor.updateView((doc) => doc._id),
};
