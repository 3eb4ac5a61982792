import {
  type AttachmentRecord,
  type DocRecord,
  type Engine,
  type EngineBatch,
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
  type Unwatch,
  uuid,
} from '@satchel/core';
import { applyBatch } from './apply-batch.js';
import { getDocRecords } from './get-docs.js';
import { idKey } from './id-key.js';
import { idbError } from './idb-errors.js';
import { getMany, requestResult, transactionDone } from './idb-request.js';
import {
  ALL_STORES,
  createStores,
  SCHEMA_VERSION,
  STATE_KEY,
  STORES,
  type StoredState,
} from './idb-schema.js';
import { idKeyRange, seqKeyRange } from './key-ranges.js';
import { ReadCache, type StoredDoc } from './read-cache.js';
import { scanStore } from './scan-store.js';
import { TabChannel } from './tab-channel.js';

/** Options of {@link IndexedDbEngine}. */
export interface IndexedDbEngineOptions {
  /** The IndexedDB database name (the adapter uses `satchel/<name>`). */
  name: string;
  /** The IndexedDB factory; the global `indexedDB` by default. */
  factory?: IDBFactory;
}

/**
 * The version token: the database's uuid and its commit counter. The uuid part makes a token
 * from before a `destroy()` (by any tab) never match the recreated database's counter.
 */
function tokenOf(state: StoredState): string {
  return `${state.meta.uuid}:${state.version}`;
}

/**
 * The Engine over IndexedDB. One transaction per commit, whatever its size, checked against
 * and advancing a version counter in `meta`, so tabs sharing the database never overwrite each
 * other's writes: a stale commit is refused and LocalAdapter redoes it on fresh state. Other
 * tabs learn of a commit through a BroadcastChannel (`watch`). Reads are batched: one
 * transaction per call, `getAll` over key ranges for scans.
 *
 * When another tab upgrades or deletes the database (`versionchange`), this connection closes
 * at once (so that tab is never blocked) and the next call reopens it.
 */
export class IndexedDbEngine implements Engine {
  readonly supports: EngineSupports = {
    externalWrites: true,
    sortedScans: true,
    purge: true,
    persistent: true,
  };
  /** Every read is a structured clone or a JSON parse: callers may keep what they get. */
  readonly freshReads = true;
  readonly #name: string;
  readonly #factory: IDBFactory | undefined;
  readonly #channel: TabChannel;
  readonly #cache = new ReadCache();
  #db: IDBDatabase | undefined;
  #opening: Promise<IDBDatabase> | undefined;

  constructor(options: IndexedDbEngineOptions) {
    this.#name = options.name;
    this.#factory = options.factory;
    this.#channel = new TabChannel(`satchel-idb:${options.name}`);
  }

  async open(): Promise<EngineSnapshot> {
    this.#cache.clear();
    const db = await this.#connection();
    const tx = db.transaction(STORES.meta, 'readwrite');
    const meta = tx.objectStore(STORES.meta);
    let state: StoredState | undefined;
    const request = meta.get(STATE_KEY);
    request.onsuccess = () => {
      state = request.result as StoredState | undefined;
      if (state) return;
      state = { meta: { updateSeq: 0, docCount: 0, uuid: uuid() }, version: 0 };
      meta.put(state, STATE_KEY);
    };
    await this.#finish(tx, 'open');
    const loaded = state as unknown as StoredState;
    return { meta: loaded.meta, version: tokenOf(loaded) };
  }

  reload(): Promise<EngineSnapshot> {
    return this.open();
  }

  async getDocs(ids: readonly string[]): Promise<(DocRecord | undefined)[]> {
    if (ids.length === 0) return [];
    const tx = await this.#read(STORES.docs);
    const stored = await this.#guard(getDocRecords(tx, STORES.docs, ids.map(idKey)), 'getDocs');
    return this.#cache.absorb(stored);
  }

  async getRevs(refs: readonly RevRef[]): Promise<(RevBody | undefined)[]> {
    if (refs.length === 0) return [];
    const texts = refs.map((ref) => this.#cache.body(ref.id, ref.rev));
    const missing = refs.filter((_, i) => texts[i] === undefined);
    if (missing.length > 0) {
      const tx = await this.#read(STORES.revs);
      const keys = missing.map((ref) => [ref.id, ref.rev]);
      const stored = await this.#guard(getMany<string>(tx, STORES.revs, keys), 'getRevs');
      let next = 0;
      for (let i = 0; i < texts.length; i++) if (texts[i] === undefined) texts[i] = stored[next++];
    }
    return texts.map((text) => (text === undefined ? undefined : (JSON.parse(text) as RevBody)));
  }

  async scanDocs(range: IdRange): Promise<DocRecord[]> {
    const tx = await this.#read(STORES.docs);
    const keys = idKeyRange(range);
    const scan = scanStore<StoredDoc>(tx, STORES.docs, keys, range.reverse, range.limit);
    return this.#cache.absorb(await this.#guard(scan, 'scanDocs'));
  }

  async scanSeqs(range: SeqRange): Promise<SeqEntry[]> {
    const tx = await this.#read(STORES.seqs);
    const scan = scanStore<SeqEntry>(
      tx,
      STORES.seqs,
      seqKeyRange(range),
      range.reverse,
      range.limit,
    );
    return this.#guard(scan, 'scanSeqs');
  }

  async getLocal(id: string): Promise<LocalRecord | undefined> {
    const tx = await this.#read(STORES.locals);
    const [local] = await this.#guard(getMany<LocalRecord>(tx, STORES.locals, [id]), 'getLocal');
    return local;
  }

  async getAttachment(digest: string): Promise<Uint8Array | undefined> {
    const tx = await this.#read(STORES.attachmentData);
    const read = getMany<Uint8Array>(tx, STORES.attachmentData, [digest]);
    const [data] = await this.#guard(read, 'getAttachment');
    return data;
  }

  async getAttachmentRecords(
    digests: readonly string[],
  ): Promise<(AttachmentRecord | undefined)[]> {
    if (digests.length === 0) return [];
    const tx = await this.#read(STORES.attachments);
    return this.#guard(getMany<AttachmentRecord>(tx, STORES.attachments, digests), 'attachments');
  }

  /**
   * One readwrite transaction: read the state, refuse (abort) unless it is still at `version`,
   * else issue every write of the batch and the advanced state. IndexedDB runs readwrite
   * transactions over the same stores one at a time, across tabs, so the check and the writes
   * are atomic together.
   */
  async commit(batch: EngineBatch, version: EngineVersion): Promise<EngineVersion> {
    this.#cache.clear();
    const db = await this.#connection();
    const tx = db.transaction(ALL_STORES, 'readwrite', { durability: 'relaxed' });
    const meta = tx.objectStore(STORES.meta);
    let refused = false;
    let next: StoredState | undefined;
    const request = meta.get(STATE_KEY);
    request.onsuccess = () => {
      const current = request.result as StoredState | undefined;
      if (!current || tokenOf(current) !== version) {
        refused = true;
        tx.abort();
        return;
      }
      applyBatch(tx, batch);
      next = { meta: batch.meta ?? current.meta, version: current.version + 1 };
      meta.put(next, STATE_KEY);
    };
    try {
      await transactionDone(tx);
    } catch (err) {
      if (refused) throw engineConflict();
      throw idbError(err, 'commit');
    }
    const token = tokenOf(next as StoredState);
    this.#channel.post(token);
    return token;
  }

  watch(onExternalChange: () => void): Unwatch {
    return this.#channel.listen(() => {
      this.#cache.clear();
      onExternalChange();
    });
  }

  async close(): Promise<void> {
    this.#channel.close();
    const db = this.#db ?? (await this.#opening?.catch(() => undefined));
    db?.close();
    this.#db = undefined;
  }

  async destroy(): Promise<void> {
    await this.close();
    try {
      await requestResult(this.#idb().deleteDatabase(this.#name));
    } catch (err) {
      throw idbError(err, 'destroy');
    }
    new TabChannel(`satchel-idb:${this.#name}`).post('destroyed');
  }

  #idb(): IDBFactory {
    const factory = this.#factory ?? (globalThis as { indexedDB?: IDBFactory }).indexedDB;
    if (!factory) throw idbError({ name: 'InvalidStateError', message: 'no indexedDB' }, 'open');
    return factory;
  }

  /** The open connection, opening (or reopening after a `versionchange`) when needed. */
  #connection(): Promise<IDBDatabase> {
    if (this.#db) return Promise.resolve(this.#db);
    this.#opening ??= this.#openConnection().finally(() => {
      this.#opening = undefined;
    });
    return this.#opening;
  }

  async #openConnection(): Promise<IDBDatabase> {
    let request: IDBOpenDBRequest;
    try {
      request = this.#idb().open(this.#name, SCHEMA_VERSION);
    } catch (err) {
      throw idbError(err, 'open');
    }
    request.onupgradeneeded = () => createStores(request.result);
    let db: IDBDatabase;
    try {
      db = await requestResult(request);
    } catch (err) {
      throw idbError(err, 'open');
    }
    // Another tab wants to upgrade or delete the database: let it, and reopen on next use.
    db.onversionchange = () => this.#dropConnection(db);
    // The browser closed it (storage cleared, disk error): reopen on next use.
    db.onclose = () => this.#dropConnection(db);
    this.#db = db;
    return db;
  }

  #dropConnection(db: IDBDatabase): void {
    db.close();
    if (this.#db === db) this.#db = undefined;
  }

  async #read(store: string): Promise<IDBTransaction> {
    const db = await this.#connection();
    try {
      return db.transaction(store, 'readonly');
    } catch (err) {
      // Closed between our check and now (a `versionchange`): reopen once.
      this.#dropConnection(db);
      const again = await this.#connection();
      try {
        return again.transaction(store, 'readonly');
      } catch {
        throw idbError(err, 'read');
      }
    }
  }

  async #finish(tx: IDBTransaction, during: string): Promise<void> {
    try {
      await transactionDone(tx);
    } catch (err) {
      throw idbError(err, during);
    }
  }

  #guard<T>(promise: Promise<T>, during: string): Promise<T> {
    return promise.catch((err: unknown) => {
      throw idbError(err, during);
    });
  }
}
