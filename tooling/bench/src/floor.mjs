// The floor: the raw store (classic-level on disk, memory-level in memory) doing the least
// storage work each operation needs, with no document-database semantics (no rev trees, no
// rev hashing, no conflict branches). It is what "as fast as the store allows" means;
// Satchel's overhead is measured against it.
//
// Layout, one LevelDB with text keys and values:
//   d!<id>          -> {"s":seq,"d":doc}   the current doc; `s` lets an update drop its old seq
//   s!<16-digit seq> -> <id>               the by-seq index `changes` needs
//   a!<id>\0<name>  -> bytes               attachment data, keyed so a read is one lookup
// Every write is one `batch`, as a crash-safe database needs. Reads use the cheapest
// primitive classic-level offers: `getSync` for a few keys, `getMany` for many (Satchel's
// engine uses the same rule, so the floor is not handicapped against it).
import { randomUUID } from 'node:crypto';
import { ClassicLevel } from 'classic-level';
import { MemoryLevel } from 'memory-level';

/** Above this many keys one `getMany` beats a loop of `getSync` on classic-level. */
const SYNC_MAX = 200;
const BYTES = { valueEncoding: 'view' };

const docKey = (id) => `d!${id}`;
const seqKey = (seq) => `s!${String(seq).padStart(16, '0')}`;
const blobKey = (id, name) => `a!${id}\u0000${name}`;

const parseDoc = (value) => JSON.parse(value).d;

function conflict(id) {
  return Object.assign(new Error(`Document update conflict: ${id}`), { status: 409 });
}

export class Floor {
  /** Opens (creating) a floor store: a classic-level in `dir`, or a memory-level. */
  static async open(dir, store = 'leveldb') {
    const db = store === 'memory' ? new MemoryLevel() : new ClassicLevel(dir);
    await db.open();
    return new Floor(db);
  }

  constructor(db) {
    this.db = db;
    this.seq = 0;
    // A counter, not a hash: the floor skips rev hashing on purpose (it is CPU, not storage).
    this.revCounter = 0;
  }

  close() {
    return this.db.close();
  }

  async readMany(keys) {
    if (keys.length <= SYNC_MAX) return keys.map((k) => this.db.getSync(k));
    return this.db.getMany(keys);
  }

  /**
   * Writes `docs` (new or updated) in one batch after one read of their current state, which
   * a database needs anyway to refuse a stale `_rev`.
   */
  async bulkPut(docs) {
    // Docs without an id get one, as `bulkDocs` gives them.
    docs = docs.map((d) => (d._id === undefined ? { _id: randomUUID(), ...d } : d));
    const current = await this.readMany(docs.map((d) => docKey(d._id)));
    const ops = [];
    const results = docs.map((doc, i) => {
      const old = current[i] === undefined ? undefined : JSON.parse(current[i]);
      if (old?.d._rev !== doc._rev) throw conflict(doc._id);
      const gen = old ? Number.parseInt(old.d._rev, 10) + 1 : 1;
      const rev = `${gen}-${(++this.revCounter).toString(16)}`;
      const seq = ++this.seq;
      if (old) ops.push({ type: 'del', key: seqKey(old.s) });
      ops.push({
        type: 'put',
        key: docKey(doc._id),
        value: JSON.stringify({ s: seq, d: { ...doc, _rev: rev } }),
      });
      ops.push({ type: 'put', key: seqKey(seq), value: doc._id });
      return { ok: true, id: doc._id, rev };
    });
    await this.db.batch(ops);
    return results;
  }

  async put(doc) {
    return (await this.bulkPut([doc]))[0];
  }

  /** `post`: a new doc under a random id, as PouchDB's `post` makes one. */
  async post(doc) {
    return this.put({ _id: randomUUID(), ...doc });
  }

  async get(id) {
    const value = this.db.getSync(docKey(id));
    if (value === undefined) throw Object.assign(new Error('missing'), { status: 404 });
    return JSON.parse(value).d;
  }

  /** Docs for `ids` (`undefined` where absent), as `allDocs({keys, include_docs})` needs. */
  async getMany(ids) {
    const values = await this.readMany(ids.map(docKey));
    return values.map((v) => (v === undefined ? undefined : JSON.parse(v).d));
  }

  /**
   * Docs with ids in `[start, end]`, after skipping `skip`. LevelDB has no offset, so skipped
   * entries are stepped over with a keys-only iterator (no value copies), the cheapest way.
   */
  async range({ start, end, skip = 0, limit = -1, live = false }) {
    let lower = start === undefined ? { gt: 'd!' } : { gte: docKey(start) };
    const upper = end === undefined ? { lt: 'd"' } : { lte: docKey(end) };
    if (skip > 0) {
      const skipped = await this.db.keys({ ...lower, ...upper, limit: skip }).all();
      if (skipped.length < skip) return [];
      lower = { gt: skipped[skipped.length - 1] };
    }
    if (!live) return (await this.db.values({ ...lower, ...upper, limit }).all()).map(parseDoc);
    // `live`: deleted docs are passed over, as allDocs does: read in chunks until enough.
    const docs = [];
    const it = this.db.values({ ...lower, ...upper });
    try {
      while (limit < 0 || docs.length < limit) {
        const chunk = await it.nextv(limit < 0 ? 1000 : limit - docs.length);
        if (chunk.length === 0) break;
        for (const v of chunk) {
          const doc = parseDoc(v);
          if (!doc._deleted) docs.push(doc);
        }
      }
    } finally {
      await it.close();
    }
    return docs;
  }

  /** The first `limit` docs in id order that `match` accepts, read in chunks of 100. */
  async scan(match, limit) {
    const docs = [];
    const it = this.db.values({ gt: 'd!', lt: 'd"' });
    try {
      while (docs.length < limit) {
        const chunk = await it.nextv(100);
        if (chunk.length === 0) break;
        for (const v of chunk) {
          const doc = parseDoc(v);
          if (match(doc) && docs.length < limit) docs.push(doc);
        }
      }
    } finally {
      await it.close();
    }
    return docs;
  }

  /** Changes after `since`: one scan of the seq index, then one read of the docs it names. */
  async changes(since = 0) {
    const entries = await this.db.iterator({ gt: seqKey(since), lt: 's"' }).all();
    const docs = await this.getMany(entries.map(([, id]) => id));
    return entries.map(([key, id], i) => ({ seq: Number(key.slice(2)), id, doc: docs[i] }));
  }

  /**
   * Stores `data` under a new or existing doc: the doc gets an attachment stub (no digest:
   * the floor does not hash), the bytes go in the same batch.
   */
  async putAttachment(id, name, data, contentType) {
    const current = this.db.getSync(docKey(id));
    const old = current === undefined ? undefined : JSON.parse(current);
    const doc = old ? { ...old.d } : { _id: id };
    doc._attachments = {
      ...doc._attachments,
      [name]: { content_type: contentType, length: data.length, stub: true },
    };
    const gen = old ? Number.parseInt(old.d._rev, 10) + 1 : 1;
    doc._rev = `${gen}-${(++this.revCounter).toString(16)}`;
    const seq = ++this.seq;
    const ops = [];
    if (old) ops.push({ type: 'del', key: seqKey(old.s) });
    ops.push({ type: 'put', key: docKey(id), value: JSON.stringify({ s: seq, d: doc }) });
    ops.push({ type: 'put', key: seqKey(seq), value: id });
    ops.push({ type: 'put', key: blobKey(id, name), value: data, valueEncoding: 'view' });
    await this.db.batch(ops);
    return { ok: true, id, rev: doc._rev };
  }

  async getAttachment(id, name) {
    const data = this.db.getSync(blobKey(id, name), BYTES);
    if (data === undefined) throw Object.assign(new Error('missing'), { status: 404 });
    return data;
  }

  /**
   * Writes docs as a replication does (`new_edits: false`): revisions kept as the source made
   * them, so no rev check, but one read of the current state (an update must drop its old seq),
   * new local seqs, and attachment bytes (`blobs`: id -> {name: bytes}) in the same batch.
   */
  async putReplicated(docs, blobs = new Map()) {
    const current = await this.readMany(docs.map((d) => docKey(d._id)));
    const ops = [];
    docs.forEach((doc, i) => {
      if (current[i] !== undefined)
        ops.push({ type: 'del', key: seqKey(JSON.parse(current[i]).s) });
      const seq = ++this.seq;
      ops.push({ type: 'put', key: docKey(doc._id), value: JSON.stringify({ s: seq, d: doc }) });
      ops.push({ type: 'put', key: seqKey(seq), value: doc._id });
      for (const [name, data] of Object.entries(blobs.get(doc._id) ?? {})) {
        ops.push({ type: 'put', key: blobKey(doc._id, name), value: data, valueEncoding: 'view' });
      }
    });
    await this.db.batch(ops);
    return docs.length;
  }
}
