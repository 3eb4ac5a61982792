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
import { type CommitReads, commitOps, parseSeqValue } from './commit-ops.js';
import { bodyOf, parseDocRecord, winnerOf } from './doc-value.js';
import { decodeText, type Key, parseSeqKey, revKey, textKey } from './key-codec.js';
import { idKeyRange, seqKeyRange } from './key-range.js';
import {
  allStores,
  type Level,
  type LevelDatabase,
  type LevelStores,
  openStores,
} from './level-stores.js';
import { readMany, readOne } from './read-keys.js';
import { RecentDocs } from './recent-docs.js';
import {
  countsValue,
  FORMAT_VERSION,
  MetaKeys,
  parseMeta,
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

/** A database, or a function that creates it when the engine opens. */
export type LevelSource = LevelDatabase | (() => LevelDatabase);

/** What an open engine works with. */
interface Opened {
  readonly db: Level;
  readonly stores: LevelStores;
}

/**
 * A Satchel storage Engine over any abstract-level 3 database, in stored format 1 (the README
 * has the table of keys and values): sublevels of JSON text, the winning body inside each
 * document's entry; every `commit` is one atomic `batch`, so after a crash either all of a
 * logical write is visible or none of it. Meta (update seq, doc count) is read at open, kept in
 * memory by LocalAdapter, and written in every commit's batch. A store of another format is
 * refused at open, before anything is written.
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
  /** The uuid stored now. */
  private uuid = '';
  private readonly recent = new RecentDocs();

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
    const values = await this.docValues(ids, true);
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
    const values = await this.docValues(ids, true);
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
      const found = await readMany(this.use().stores.revs, keys);
      elsewhere.forEach((at, k) => {
        texts[at] = found[k];
      });
    }
    return texts.map((t) => (t === undefined ? undefined : (JSON.parse(t) as RevBody)));
  }

  async scanDocs(range: IdRange): Promise<DocRecord[]> {
    const epoch = this.recent.now();
    const entries = await this.use().stores.docs.iterator(idKeyRange(range)).all();
    // Keys come back as text, or as bytes when a bound was given as bytes; an id no text
    // decoding gives back (a lone surrogate) is in the value itself.
    return entries.map(([key, value]) => {
      const record = parseDocRecord(value, typeof key === 'string' ? key : decodeText(key));
      // A listing with `include_docs` reads the bodies of this page next.
      this.recent.remember(record.id, value, epoch);
      return record;
    });
  }

  async scanSeqs(range: SeqRange): Promise<SeqEntry[]> {
    const keyRange = seqKeyRange(range);
    if (!keyRange) return [];
    const entries = await this.use().stores.seqs.iterator(keyRange).all();
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
    this.recent.beginCommit();
    try {
      const reads: CommitReads = {
        docValues: (ids) => this.docValues(ids, false),
        revBody: (id, rev) => readOne(stores.revs, revKey(id, rev)),
      };
      const ops = await commitOps(stores, batch, reads, this.uuid);
      await db.batch<Key, string | Uint8Array>(ops, {});
      if (batch.meta) this.uuid = batch.meta.uuid;
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

  /**
   * Stored values of document entries, from the cache of recent reads where possible.
   * @param remember - whether to cache what is read (not while a commit runs).
   */
  private async docValues(
    ids: readonly string[],
    remember: boolean,
  ): Promise<(string | undefined)[]> {
    const recent = this.recent;
    const values: (string | undefined)[] = new Array(ids.length);
    const missing: number[] = [];
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      if (recent.has(id)) values[i] = recent.get(id);
      else missing.push(i);
    }
    if (missing.length === 0) return values;
    const epoch = recent.now();
    const keys = missing.map((i) => textKey(ids[i]!));
    const found = await readMany(this.use().stores.docs, keys);
    for (let k = 0; k < missing.length; k++) {
      const at = missing[k]!;
      values[at] = found[k];
      if (remember) recent.remember(ids[at]!, found[k], epoch);
    }
    return values;
  }

  /**
   * Meta of an existing store, `undefined` for a new (empty) one. A store of another format
   * is refused before anything is written.
   */
  private async readMeta(): Promise<EngineMeta | undefined> {
    const store = this.use().stores.meta;
    const format = await readOne(store, MetaKeys.format);
    if (format === undefined) {
      if ((await readOne(store, MetaKeys.legacy)) !== undefined) throw unsupportedFormat(undefined);
      return undefined;
    }
    if (format !== String(FORMAT_VERSION)) throw unsupportedFormat(format);
    const [counts, uuid] = await Promise.all([
      readOne(store, MetaKeys.counts),
      readOne(store, MetaKeys.uuid),
    ]);
    if (counts === undefined || uuid === undefined) {
      throw new Error('LevelEngine: the store has a format entry but no meta (damaged store)');
    }
    this.uuid = uuid;
    return parseMeta(counts, uuid);
  }

  /** A new store: format, seq 0, no documents, and a uuid fixed now so a reopen reports it. */
  private async createStore(): Promise<EngineMeta> {
    const meta: EngineMeta = { updateSeq: 0, docCount: 0, uuid: uuid() };
    const store = this.use().stores.meta;
    await store.batch([
      { type: 'put', key: MetaKeys.format, value: String(FORMAT_VERSION) },
      { type: 'put', key: MetaKeys.uuid, value: meta.uuid },
      { type: 'put', key: MetaKeys.counts, value: countsValue(meta) },
    ]);
    this.uuid = meta.uuid;
    return meta;
  }
}
