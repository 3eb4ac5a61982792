import {
  type AttachmentRecord,
  type DocRecord,
  type Engine,
  type EngineBatch,
  type EngineMeta,
  type EngineSnapshot,
  type EngineSupports,
  type EngineVersion,
  engineConflict,
  type IdRange,
  type LocalRecord,
  type RevBody,
  type RevRef,
  type SeqEntry,
  type SeqRange,
  uuid,
} from '@satchel/core/engine';
import {
  type BatchOp,
  commitOps,
  del,
  docChanges,
  entriesToRead,
  parseSeqValue,
  put,
  type RevBodyRead,
  seqValueCount,
  storedInOrder,
} from './commit-ops.js';
import { bodyOf, parseDocRecord, winnerOf } from './doc-value.js';
import { decodeText, type Key, parseSeqKey, revKey, textKey } from './key-codec.js';
import { idKeyRange, seqKeyRange, wholeReads } from './key-range.js';
import {
  allStores,
  type Level,
  type LevelDatabase,
  type LevelStores,
  openStores,
} from './level-stores.js';
import { BATCH_OP_SHAPES } from './op-shapes.js';
import { readMany, readManyNow, readOne, readSync, supportsGetSync } from './read-keys.js';
import { RecentDocs } from './recent-docs.js';
import {
  type Counts,
  type CountsWrite,
  countsValue,
  FORMAT_VERSION,
  MetaKeys,
  parseCounts,
  planCounts,
  storedCounts,
  UPGRADED_FORMAT,
  unsupportedFormat,
} from './stored-meta.js';

/** How a {@link LevelEngine} treats the database it is given. */
export interface LevelEngineOptions {
  /**
   * Whether the engine owns the database and closes it on `close()` and `destroy()`. A
   * database the application passed in stays open for the application (default `false`).
   */
  owned?: boolean;
}

/** The document keys of `ids[i]` for each `i` of `at` (a loop, not a callback per call). */
function keysOf(ids: readonly string[], at: readonly number[]): Key[] {
  const keys: Key[] = new Array(at.length);
  for (let k = 0; k < at.length; k++) keys[k] = textKey(ids[at[k]!]!);
  return keys;
}

/** The values read when a commit reads no entry. */
const NONE_FOUND: readonly (string | undefined)[] = [];

/** A database, or a function that creates it when the engine opens. */
export type LevelSource = LevelDatabase | (() => LevelDatabase);

/** What an open engine works with. */
interface Opened {
  readonly db: Level;
  readonly stores: LevelStores;
}

/**
 * A Satchel storage Engine over any abstract-level 3 database, in stored format 2 (the README
 * has the table of keys and values): sublevels of JSON text, the winning body inside each
 * document's entry; every `commit` is one atomic `batch`, so after a crash either all of a
 * logical write is visible or none of it. Meta (update seq, doc count) is read at open and kept
 * in memory by LocalAdapter; a write of documents records it by marking its newest by-seq
 * entry with the document count, so it costs no entry of its own (see `planCounts`). A format
 * 1 store is upgraded at open; one of another format is refused, before anything is written.
 * LevelDB's LOCK keeps other processes out, and in this process the adapter shares one engine
 * per store, so no one else writes behind the engine's back: its version token is a counter
 * kept in memory, and a commit is refused only when handed a token that is not the latest.
 *
 * Document ids are ordered by code point (UTF-8 byte order), as PouchDB on LevelDB orders them.
 * Reads use `getSync` where the database offers it (classic-level, memory-level): a synchronous
 * lookup costs about a microsecond against tens for an async round trip.
 *
 * @example
 * ```ts
 * const engine = new LevelEngine(new MemoryLevel());
 * const adapter = new LocalAdapter(engine, { type: 'leveldb' });
 * ```
 */
export class LevelEngine implements Engine {
  /** Held so they live as long as the engine's code (see op-shapes.ts). */
  protected static readonly batchOpShapes = BATCH_OP_SHAPES;
  /** Every read parses stored JSON afresh, so callers may keep what they get. */
  readonly freshReads = true;
  /** A body that comes with its JSON is stored as that text (`commit-ops.ts`). */
  readonly storesBodyJson = true;
  /** One writer per store (see above); sorted scans are LevelDB's own; data is on disk. */
  readonly supports: EngineSupports = {
    externalWrites: false,
    sortedScans: true,
    purge: true,
    persistent: true,
  };
  private opened: Opened | undefined;
  /** Commits made through this engine; the version token (see the class comment). */
  private version = 0;
  /** The uuid stored now. */
  private uuid = '';
  /** The counts stored now (see `planCounts`). */
  private counts: Counts = { updateSeq: 0, docCount: 0, topSeq: 0 };
  private readonly recent = new RecentDocs();
  /**
   * The last iterator a scan used, closed. Held so that its hidden classes outlive the scan:
   * abstract-level's iterators are class instances whose shape lives only while one does, and
   * a full garbage collection between two reads would otherwise collect it, drop the optimized
   * code of every function that read one, and have the next scans run it unoptimized until
   * it is compiled again (see op-shapes.ts for the same with writes).
   */
  protected lastIterator: object | undefined;

  /**
   * @param source - the database to store into (it may hold other data: the engine only
   *   touches its own sublevels; it may be a sublevel itself), or a function creating it on
   *   `open()` (abstract-level databases start opening as soon as they are constructed).
   * @param options - see {@link LevelEngineOptions}.
   */
  constructor(
    private readonly source: LevelSource,
    private readonly options: LevelEngineOptions = {},
  ) {}

  async open(): Promise<EngineSnapshot> {
    const db = await this.openDatabase();
    const stores = openStores(db);
    // A new sublevel opens asynchronously; getSync refuses a sublevel that is still opening.
    await Promise.all(allStores(stores).map((s) => s.open()));
    this.opened = { db, stores };
    try {
      const meta = (await this.readMeta()) ?? (await this.createStore());
      return { meta, version: this.version };
    } catch (err) {
      // An unreadable store stays as it was, and the database is released.
      await this.close();
      throw err;
    }
  }

  async reload(): Promise<EngineSnapshot> {
    this.recent.clear();
    const meta = await this.readMeta();
    if (!meta) throw new Error('LevelEngine: the store has no meta entry (was it destroyed?)');
    return { meta, version: this.version };
  }

  async getDocs(ids: readonly string[]): Promise<(DocRecord | undefined)[]> {
    const values = this.docValuesNow(ids, true) ?? (await this.docValues(ids, true));
    const records: (DocRecord | undefined)[] = new Array(ids.length);
    for (let i = 0; i < ids.length; i++) {
      const value = values[i];
      records[i] = value === undefined ? undefined : parseDocRecord(value, ids[i]!);
    }
    return records;
  }

  /**
   * Bodies: a winning revision's from its document entry, any other from the revision
   * sublevel (where the winner's body never is).
   */
  async getRevs(refs: readonly RevRef[]): Promise<(RevBody | undefined)[]> {
    const ids = [...new Set(refs.map((r) => r.id))];
    const values =
      this.recent.fromScan(ids) ??
      this.docValuesNow(ids, true) ??
      (await this.docValues(ids, true));
    const entries = new Map<string, string | undefined>();
    for (let i = 0; i < ids.length; i++) entries.set(ids[i]!, values[i]);
    const texts: (string | undefined)[] = new Array(refs.length);
    const elsewhere: number[] = [];
    for (let i = 0; i < refs.length; i++) {
      const { id, rev } = refs[i]!;
      const entry = entries.get(id);
      if (entry !== undefined && winnerOf(entry) === rev) texts[i] = bodyOf(entry);
      else elsewhere.push(i);
    }
    if (elsewhere.length > 0) {
      const keys = elsewhere.map((i) => revKey(refs[i]!.id, refs[i]!.rev));
      const revs = this.use().stores.revs;
      const found = readManyNow(revs, keys) ?? (await readMany(revs, keys));
      elsewhere.forEach((at, k) => {
        texts[at] = found[k];
      });
    }
    return texts.map((t) => (t === undefined ? undefined : (JSON.parse(t) as RevBody)));
  }

  async scanDocs(range: IdRange): Promise<DocRecord[]> {
    const epoch = this.recent.now();
    const iterator = this.use().stores.docs.iterator(wholeReads(idKeyRange(range)));
    this.lastIterator = iterator;
    const entries = await iterator.all();
    // Keys come back as text, or as bytes when a bound was given as bytes; an id no text
    // decoding gives back (a lone surrogate) is in the value itself.
    const records = entries.map(([key, value]) =>
      parseDocRecord(value, typeof key === 'string' ? key : decodeText(key)),
    );
    // A listing with `include_docs` reads the bodies of this page next.
    this.recent.rememberScan(records, entries, epoch);
    return records;
  }

  async scanSeqs(range: SeqRange): Promise<SeqEntry[]> {
    const keyRange = seqKeyRange(range);
    if (!keyRange) return [];
    const iterator = this.use().stores.seqs.iterator(wholeReads(keyRange));
    this.lastIterator = iterator;
    const entries = await iterator.all();
    // Seq keys are always text (digits).
    return entries.map(([key, value]) => ({
      seq: parseSeqKey(key as string),
      id: parseSeqValue(value),
    }));
  }

  async getLocal(id: string): Promise<LocalRecord | undefined> {
    const value = await readOne(this.use().stores.locals, textKey(id));
    return value === undefined ? undefined : (JSON.parse(value) as LocalRecord);
  }

  async getAttachment(digest: string): Promise<Uint8Array | undefined> {
    const { attachments } = this.use().stores;
    const bytes = await readOne(attachments, textKey(digest));
    // A store held in JavaScript memory (memory-level: no `permanence`) hands out the stored
    // array itself; reads here are fresh (`freshReads`), so that one is read as a copy.
    return bytes && !attachments.supports.permanence ? new Uint8Array(bytes) : bytes;
  }

  async getAttachmentRecords(
    digests: readonly string[],
  ): Promise<(AttachmentRecord | undefined)[]> {
    const values = await readMany(this.use().stores.attachmentRecords, digests.map(textKey));
    return values.map((v) => (v === undefined ? undefined : (JSON.parse(v) as AttachmentRecord)));
  }

  async commit(batch: EngineBatch, version: EngineVersion): Promise<EngineVersion> {
    const { db } = this.use();
    if (version !== this.version) throw engineConflict('a newer commit was made on this engine');
    // Claimed before the write, so a second commit racing with the same token is refused.
    this.version += 1;
    this.recent.beginCommit();
    try {
      const counts = planCounts(batch, this.counts, this.uuid);
      // Built synchronously where the store reads synchronously: the write is the only wait.
      const ops = this.opsNow(batch, counts) ?? (await this.opsPrefetched(batch, counts));
      await db.batch<Key, string | Uint8Array>(ops, {});
      this.counts = counts.next;
      if (counts.uuid !== undefined) this.uuid = counts.uuid;
    } finally {
      this.recent.endCommit();
    }
    return this.version;
  }

  async close(): Promise<void> {
    const opened = this.opened;
    if (!opened) return;
    this.opened = undefined;
    this.recent.clear();
    if (this.options.owned) await opened.db.close();
    else await Promise.all(allStores(opened.stores).map((s) => s.close()));
  }

  /** Clears every key the engine wrote, then closes. */
  async destroy(): Promise<void> {
    const { db, stores } = this.use();
    // The sublevels are cleared one by one: the format entry goes first, in a write of its own,
    // so a destroy cut short leaves a store that opens as a new one (see `readMeta`), never
    // one whose meta counts documents that are gone.
    await db.batch<Key, string | Uint8Array>([del(stores.meta, MetaKeys.format)], {});
    await this.clearStores();
    await this.close();
  }

  /**
   * Creates (if the source is a function) and opens the database. A subclass that manages its
   * own store wraps this: to wait for its turn, or to explain an error.
   */
  protected async openDatabase(): Promise<Level> {
    const db = (typeof this.source === 'function'
      ? this.source()
      : this.source) as unknown as Level;
    await db.open();
    return db;
  }

  /** The open database and sublevels. */
  private use(): Opened {
    if (!this.opened) throw new Error('LevelEngine: database is not open');
    return this.opened;
  }

  /**
   * A commit's operations, when every stored value it builds on can be read synchronously
   * (`getSync`; document values are usually cached); `undefined` otherwise.
   */
  private opsNow(batch: EngineBatch, counts: CountsWrite): BatchOp[] | undefined {
    const { stores } = this.use();
    if (!supportsGetSync(stores.revs)) return undefined;
    const changes = docChanges(batch);
    const read = entriesToRead(changes.ids, batch.newDocs);
    const found = read.length === 0 ? NONE_FOUND : this.docValuesNow(read, false);
    if (!found) return undefined;
    const stored = storedInOrder(changes.ids, read, found);
    const revBody: RevBodyRead = (id, rev) => readSync(stores.revs, revKey(id, rev));
    return commitOps(stores, batch, changes, stored, revBody, counts);
  }

  /**
   * A commit's operations on a store read asynchronously: document values first, then the
   * build; should it need bodies not read yet (a winner moving to an earlier revision), they
   * are read and the build starts over.
   */
  private async opsPrefetched(batch: EngineBatch, counts: CountsWrite): Promise<BatchOp[]> {
    const { stores } = this.use();
    let changes = docChanges(batch);
    const read = entriesToRead(changes.ids, batch.newDocs);
    const stored = storedInOrder(
      changes.ids,
      read,
      read.length === 0 ? NONE_FOUND : await this.docValues(read, false),
    );
    const bodies = new Map<string, Map<string, string | undefined>>();
    for (;;) {
      const lacking: { id: string; rev: string }[] = [];
      const revBody: RevBodyRead = (id, rev) => {
        const known = bodies.get(id);
        if (known?.has(rev)) return known.get(rev);
        lacking.push({ id, rev });
        return undefined;
      };
      const ops = commitOps(stores, batch, changes, stored, revBody, counts);
      if (lacking.length === 0) return ops;
      const found = await readMany(
        stores.revs,
        lacking.map((r) => revKey(r.id, r.rev)),
      );
      lacking.forEach(({ id, rev }, i) => {
        const known = bodies.get(id) ?? new Map<string, string | undefined>();
        bodies.set(id, known);
        known.set(rev, found[i]);
      });
      // The build used up its revision changes.
      changes = docChanges(batch);
    }
  }

  /**
   * Stored values of document entries, from the cache of recent reads where possible, read
   * synchronously; `undefined` when the rest must be read asynchronously ({@link docValues}).
   * @param remember - whether to cache what is read (not while a commit runs).
   */
  private docValuesNow(
    ids: readonly string[],
    remember: boolean,
  ): (string | undefined)[] | undefined {
    const { values, missing } = this.cachedValues(ids);
    if (missing.length === 0) return values;
    const epoch = this.recent.now();
    const found = readManyNow(this.use().stores.docs, keysOf(ids, missing));
    if (!found) return undefined;
    return this.fillValues(ids, values, missing, found, remember ? epoch : undefined);
  }

  /** {@link docValuesNow}, waiting for an asynchronous read where needed. */
  private async docValues(
    ids: readonly string[],
    remember: boolean,
  ): Promise<(string | undefined)[]> {
    const { values, missing } = this.cachedValues(ids);
    if (missing.length === 0) return values;
    const epoch = this.recent.now();
    const found = await readMany(this.use().stores.docs, keysOf(ids, missing));
    return this.fillValues(ids, values, missing, found, remember ? epoch : undefined);
  }

  /** The cached values of `ids`, and the indexes of those not cached. */
  private cachedValues(ids: readonly string[]): {
    values: (string | undefined)[];
    missing: number[];
  } {
    const recent = this.recent;
    const values: (string | undefined)[] = new Array(ids.length);
    const missing: number[] = [];
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      if (recent.has(id)) values[i] = recent.get(id);
      else missing.push(i);
    }
    return { values, missing };
  }

  /**
   * Puts the values read for the `missing` indexes into `values`, remembering them when read
   * at `epoch` (see `RecentDocs`).
   */
  private fillValues(
    ids: readonly string[],
    values: (string | undefined)[],
    missing: readonly number[],
    found: readonly (string | undefined)[],
    epoch: number | undefined,
  ): (string | undefined)[] {
    for (let k = 0; k < missing.length; k++) {
      const at = missing[k]!;
      values[at] = found[k];
      if (epoch !== undefined) this.recent.remember(ids[at]!, found[k], epoch);
    }
    return values;
  }

  /**
   * Meta of an existing store, `undefined` for a new (empty) one. A format 1 store is upgraded
   * (its format and counts entries rewritten, in one batch); a store of another format is
   * refused before anything is written.
   */
  private async readMeta(): Promise<EngineMeta | undefined> {
    const stores = this.use().stores;
    const format = await readOne(stores.meta, MetaKeys.format);
    if (format === undefined) {
      if ((await readOne(stores.meta, MetaKeys.legacy)) !== undefined) {
        throw unsupportedFormat(undefined);
      }
      // Meta without a format is what a destroy cut short leaves (it clears meta last): the
      // store is new, once the rest of its keys are gone.
      const [uuid, counts] = await Promise.all([
        readOne(stores.meta, MetaKeys.uuid),
        readOne(stores.meta, MetaKeys.counts),
      ]);
      if (uuid !== undefined || counts !== undefined) await this.clearStores();
      return undefined;
    }
    const upgrade = format === String(UPGRADED_FORMAT);
    if (format !== String(FORMAT_VERSION) && !upgrade) throw unsupportedFormat(format);
    const [entry, uuid, newest] = await Promise.all([
      readOne(stores.meta, MetaKeys.counts),
      readOne(stores.meta, MetaKeys.uuid),
      stores.seqs.iterator({ reverse: true, limit: 1 }).all(),
    ]);
    if (entry === undefined || uuid === undefined) {
      throw new Error('LevelEngine: the store has a format entry but no meta (damaged store)');
    }
    const last = newest[0];
    const counts = storedCounts(
      parseCounts(entry),
      last && { seq: parseSeqKey(last[0] as string), docCount: seqValueCount(last[1]) },
    );
    if (upgrade) {
      await this.use().db.batch<Key, string | Uint8Array>(
        [
          put(stores.meta, MetaKeys.counts, countsValue(counts)),
          put(stores.meta, MetaKeys.format, String(FORMAT_VERSION)),
        ],
        {},
      );
    }
    this.uuid = uuid;
    this.counts = counts;
    return { updateSeq: counts.updateSeq, docCount: counts.docCount, uuid };
  }

  /** Clears every sublevel, meta last (see `destroy`). */
  private async clearStores(): Promise<void> {
    for (const store of allStores(this.use().stores)) await store.clear();
  }

  /** A new store: format, seq 0, no documents, and a uuid fixed now so a reopen reports it. */
  private async createStore(): Promise<EngineMeta> {
    const meta: EngineMeta = { updateSeq: 0, docCount: 0, uuid: uuid() };
    const counts: Counts = { updateSeq: 0, docCount: 0, topSeq: 0 };
    const { db, stores } = this.use();
    // Written as commits are (see `put`), on the parent with the same options.
    await db.batch<Key, string | Uint8Array>(
      [
        put(stores.meta, MetaKeys.format, String(FORMAT_VERSION)),
        put(stores.meta, MetaKeys.uuid, meta.uuid),
        put(stores.meta, MetaKeys.counts, countsValue(counts)),
      ],
      {},
    );
    this.uuid = meta.uuid;
    this.counts = counts;
    return meta;
  }
}
