import {
  type DocRecord,
  type Engine,
  type EngineBatch,
  type EngineMeta,
  type IdRange,
  type LocalRecord,
  type RevBody,
  type RevRef,
  type SeqEntry,
  type SeqRange,
  uuid,
} from '@satchel/core';
import { batchOps, META_KEY, metaValue, type StoredMeta } from './batch-ops.js';
import { encodeText, parseSeqKey, revKey } from './key-codec.js';
import { idKeyRange, seqKeyRange } from './key-range.js';
import { allStores, type Level, type LevelStores, openStores } from './level-stores.js';
import { readMany, readOne } from './read-keys.js';

/** How a {@link LevelEngine} treats the database it is given. */
export interface LevelEngineOptions {
  /**
   * Whether the engine owns the database: it then closes it on `close()` and `destroy()`.
   * A database the application passed in is left open (default `false`).
   */
  owned?: boolean;
  /**
   * Removes the whole store after the database is closed (e.g. deletes its directory). Without
   * it, `destroy()` clears the engine's keys from the database instead.
   */
  removeStore?: () => Promise<void>;
  /** Turns an error from opening the database into the error users see. */
  openError?: (err: unknown) => unknown;
}

/**
 * A Satchel storage Engine over any abstract-level 3 database. Records are stored as JSON in
 * sublevels (see `LevelStores` for the layout); every `commit` is one atomic `batch`, so after
 * a crash either all of a logical write is visible or none of it. Meta (update seq, doc count,
 * uuid) is read once at open and rewritten in every commit's batch.
 *
 * Document ids are ordered by code point (UTF-8 byte order), as PouchDB on LevelDB orders them.
 * Reads use `getSync` where the database offers it (classic-level, memory-level): a synchronous
 * lookup costs about a microsecond against tens for an async round trip.
 */
export class LevelEngine implements Engine {
  private stores: LevelStores | undefined;

  /**
   * @param db - the database to store into; it may be shared with other data (the engine only
   *   touches its own sublevels) or be a sublevel itself.
   * @param options - ownership and lifecycle hooks, see {@link LevelEngineOptions}.
   */
  constructor(
    readonly db: Level,
    private readonly options: LevelEngineOptions = {},
  ) {}

  async open(): Promise<EngineMeta> {
    try {
      await this.db.open();
    } catch (err) {
      throw this.options.openError ? this.options.openError(err) : err;
    }
    const stores = openStores(this.db);
    // A new sublevel opens asynchronously; getSync refuses a sublevel that is still opening.
    await Promise.all(allStores(stores).map((s) => s.open()));
    this.stores = stores;
    return (await this.readMeta()) ?? (await this.createMeta());
  }

  async reload(): Promise<EngineMeta> {
    const meta = await this.readMeta();
    if (!meta) throw new Error('LevelEngine: the store has no meta entry (was it destroyed?)');
    return meta;
  }

  async getDocs(ids: readonly string[]): Promise<(DocRecord | undefined)[]> {
    const values = await readMany(this.use().docs, ids.map(encodeText));
    return values.map((v) => (v === undefined ? undefined : (JSON.parse(v) as DocRecord)));
  }

  async getRevs(refs: readonly RevRef[]): Promise<(RevBody | undefined)[]> {
    const values = await readMany(
      this.use().revs,
      refs.map((r) => revKey(r.id, r.rev)),
    );
    return values.map((v) => (v === undefined ? undefined : (JSON.parse(v) as RevBody)));
  }

  async scanDocs(range: IdRange): Promise<DocRecord[]> {
    const values = await this.use().docs.values(idKeyRange(range)).all();
    return values.map((v) => JSON.parse(v) as DocRecord);
  }

  async scanSeqs(range: SeqRange): Promise<SeqEntry[]> {
    const keyRange = seqKeyRange(range);
    if (!keyRange) return [];
    const entries = await this.use().seqs.iterator(keyRange).all();
    return entries.map(([key, value]) => ({ seq: parseSeqKey(key), id: JSON.parse(value) as string }));
  }

  async getLocal(id: string): Promise<LocalRecord | undefined> {
    const value = await readOne(this.use().locals, encodeText(id));
    return value === undefined ? undefined : (JSON.parse(value) as LocalRecord);
  }

  async getAttachment(digest: string): Promise<Uint8Array | undefined> {
    return readOne(this.use().attachments, digest);
  }

  async commit(batch: EngineBatch): Promise<void> {
    await this.db.batch(batchOps(this.use(), batch));
  }

  async close(): Promise<void> {
    const stores = this.stores;
    this.stores = undefined;
    if (this.options.owned) await this.db.close();
    else if (stores) await Promise.all(allStores(stores).map((s) => s.close()));
  }

  async destroy(): Promise<void> {
    const stores = this.stores ?? openStores(this.db);
    const { removeStore } = this.options;
    if (!removeStore) {
      // Meta goes last (see allStores): a store without meta is taken for a new one, so it
      // must only ever be seen empty, even after an interrupted destroy.
      for (const store of allStores(stores)) await store.clear();
    }
    await this.close();
    if (removeStore) await removeStore();
  }

  /** The sublevels, or the error PouchDB gives for a closed database. */
  private use(): LevelStores {
    if (!this.stores) throw new Error('LevelEngine: database is not open');
    return this.stores;
  }

  private async readMeta(): Promise<EngineMeta | undefined> {
    const text = await this.use().meta.get(META_KEY);
    if (text === undefined) return undefined;
    const stored = JSON.parse(text) as StoredMeta;
    return { updateSeq: stored.updateSeq, docCount: stored.docCount, uuid: stored.uuid };
  }

  /** A new store: seq 0, no documents, and a uuid fixed now so a reopen reports the same. */
  private async createMeta(): Promise<EngineMeta> {
    const meta: EngineMeta = { updateSeq: 0, docCount: 0, uuid: uuid() };
    await this.use().meta.put(META_KEY, metaValue(meta));
    return meta;
  }
}
