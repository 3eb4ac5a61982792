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
import { batchOps, META_KEY, metaValue, type StoredMeta } from './batch-ops.js';
import { type Key, parseSeqKey, revKey, textKey } from './key-codec.js';
import { idKeyRange, seqKeyRange } from './key-range.js';
import {
  allStores,
  type Level,
  type LevelDatabase,
  type LevelStores,
  openStores,
} from './level-stores.js';
import { readMany, readOne } from './read-keys.js';

/** How a {@link LevelEngine} treats the database it is given. */
export interface LevelEngineOptions {
  /**
   * Whether the engine owns the database and closes it on `close()` and `destroy()`. A
   * database the application passed in stays open for the application (default `false`).
   */
  owned?: boolean;
}

/** A database, or a function that creates it when the engine opens. */
export type LevelSource = LevelDatabase | (() => LevelDatabase);

/** What an open engine works with. */
interface Opened {
  readonly db: Level;
  readonly stores: LevelStores;
}

/**
 * A Satchel storage Engine over any abstract-level 3 database. Records are stored as JSON in
 * sublevels (see `LevelStores` for the layout); every `commit` is one atomic `batch`, so after
 * a crash either all of a logical write is visible or none of it. Meta (update seq, doc count,
 * uuid) is read at open, kept in memory by LocalAdapter, and written in every commit's batch.
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
  /** Every read parses stored JSON afresh, so callers may keep what they get. */
  readonly freshReads = true;
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
    const meta = (await this.readMeta()) ?? (await this.createMeta());
    return { meta, version: this.version };
  }

  async reload(): Promise<EngineSnapshot> {
    const meta = await this.readMeta();
    if (!meta) throw new Error('LevelEngine: the store has no meta entry (was it destroyed?)');
    return { meta, version: this.version };
  }

  async getDocs(ids: readonly string[]): Promise<(DocRecord | undefined)[]> {
    const values = await readMany(this.use().stores.docs, ids.map(textKey));
    return values.map((v) => (v === undefined ? undefined : (JSON.parse(v) as DocRecord)));
  }

  async getRevs(refs: readonly RevRef[]): Promise<(RevBody | undefined)[]> {
    const keys = refs.map((r) => revKey(r.id, r.rev));
    const values = await readMany(this.use().stores.revs, keys);
    return values.map((v) => (v === undefined ? undefined : (JSON.parse(v) as RevBody)));
  }

  async scanDocs(range: IdRange): Promise<DocRecord[]> {
    const values = await this.use().stores.docs.values(idKeyRange(range)).all();
    return values.map((v) => JSON.parse(v) as DocRecord);
  }

  async scanSeqs(range: SeqRange): Promise<SeqEntry[]> {
    const keyRange = seqKeyRange(range);
    if (!keyRange) return [];
    const entries = await this.use().stores.seqs.iterator(keyRange).all();
    // Seq keys are always text (digits).
    return entries.map(([key, value]) => ({
      seq: parseSeqKey(key as string),
      id: JSON.parse(value) as string,
    }));
  }

  async getLocal(id: string): Promise<LocalRecord | undefined> {
    const value = await readOne(this.use().stores.locals, textKey(id));
    return value === undefined ? undefined : (JSON.parse(value) as LocalRecord);
  }

  async getAttachment(digest: string): Promise<Uint8Array | undefined> {
    return readOne(this.use().stores.attachments, textKey(digest));
  }

  async getAttachmentRecords(
    digests: readonly string[],
  ): Promise<(AttachmentRecord | undefined)[]> {
    const values = await readMany(this.use().stores.attachmentRecords, digests.map(textKey));
    return values.map((v) => (v === undefined ? undefined : (JSON.parse(v) as AttachmentRecord)));
  }

  async commit(batch: EngineBatch, version: EngineVersion): Promise<EngineVersion> {
    const { db, stores } = this.use();
    if (version !== this.version) throw engineConflict('a newer commit was made on this engine');
    // Claimed before the write, so a second commit racing with the same token is refused.
    this.version += 1;
    await db.batch<Key, string | Uint8Array>(batchOps(stores, batch), {});
    return this.version;
  }

  async close(): Promise<void> {
    const opened = this.opened;
    if (!opened) return;
    this.opened = undefined;
    if (this.options.owned) await opened.db.close();
    else await Promise.all(allStores(opened.stores).map((s) => s.close()));
  }

  /** Clears every key the engine wrote, then closes. */
  async destroy(): Promise<void> {
    // Meta goes last (see allStores): a store without meta is taken for a new one, so it must
    // only ever be seen empty, even after an interrupted destroy.
    for (const store of allStores(this.use().stores)) await store.clear();
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

  private async readMeta(): Promise<EngineMeta | undefined> {
    const text = await this.use().stores.meta.get(META_KEY);
    if (text === undefined) return undefined;
    const stored = JSON.parse(text) as StoredMeta;
    return { updateSeq: stored.updateSeq, docCount: stored.docCount, uuid: stored.uuid };
  }

  /** A new store: seq 0, no documents, and a uuid fixed now so a reopen reports the same. */
  private async createMeta(): Promise<EngineMeta> {
    const meta: EngineMeta = { updateSeq: 0, docCount: 0, uuid: uuid() };
    await this.use().stores.meta.put(META_KEY, metaValue(meta));
    return meta;
  }
}
