import {
  type AttachmentRecord,
  type DocRecord,
  type Engine,
  type EngineBatch,
  type EngineSnapshot,
  type EngineSupports,
  type EngineVersion,
  type ExternalChange,
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
import { applyBatch, emptyChange, storesOf } from './apply-batch.js';
import {
  type CacheChange,
  DocCache,
  type StoreCache,
  type StoreDelta,
  type StoredDoc,
} from './doc-cache.js';
import { getDocRecords } from './get-docs.js';
import { idKey } from './id-key.js';
import { idbError } from './idb-errors.js';
import { idbFactory } from './idb-factory.js';
import { getMany, issueGets, requestResult, transactionDone } from './idb-request.js';
import {
  checkFormat,
  createStores,
  FORMAT,
  SCHEMA_VERSION,
  STATE_KEY,
  STORES,
  type StoredLocal,
  type StoredState,
} from './idb-schema.js';
import { idKeyRange, seqKeyRange } from './key-ranges.js';
import { scanSeqSources, scanStore } from './scan-store.js';
import type { OrderedKey } from './sorted-keys.js';
import { TabChannel, type TabMessage } from './tab-channel.js';

/** Up to this many documents, one read learns every key, so new ids need no read to be new. */
const MAX_KNOWN_KEYS = 50_000;

/** Options of {@link IndexedDbEngine}. */
export interface IndexedDbEngineOptions {
  /** The IndexedDB database name (the adapter uses `satchel/<name>`). */
  name: string;
  /** The IndexedDB factory; the global `indexedDB` by default. */
  factory?: IDBFactory;
  /**
   * Up to how many document ids (and, apart, `_local/` ids) are kept in memory, read once, so
   * that a new id is known new without a read; 50,000 by default. Above, ids are remembered
   * as found or not found one by one.
   */
  maxKnownKeys?: number;
}

/**
 * The version token: the database's uuid and its commit counter. The uuid part makes a token
 * from before a `destroy()` (by any tab) never match the recreated database's counter.
 */
function tokenOf(state: StoredState): string {
  return `${state.meta.uuid}:${state.version}`;
}

/**
 * Asks IndexedDB to commit `tx` now that its last request is issued, rather than once the
 * answers of all its requests have come back to the page (what auto-commit waits for): one
 * round trip less per commit. `complete` still says when it is done; where `commit()` is
 * missing (older browsers) the transaction commits by itself as before.
 */
function commitNow(tx: IDBTransaction): void {
  if (typeof tx.commit === 'function') tx.commit();
}

/**
 * The Engine over IndexedDB. One transaction per commit, whatever its size, checked against
 * and advancing a version counter in `meta`, so tabs sharing the database never overwrite each
 * other's writes: a stale commit is refused and LocalAdapter redoes it on fresh state. Other
 * tabs learn of a commit through a BroadcastChannel (`watch`). Reads are batched: one
 * transaction per call, `getAll` over key ranges for scans.
 *
 * Records and bodies read or written are kept in a {@link DocCache} tied to the version token,
 * so a `get` after a `put`, or the read of current records every write starts with, usually
 * costs no transaction at all; other tabs' commit messages carry what they changed, so the
 * cache follows them, and any gap (a missed message, a refused commit) drops it.
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
  /** Revision bodies are stored as JSON text, the writer's own when given (`apply-batch.ts`). */
  readonly storesBodyJson = true;
  readonly #name: string;
  readonly #factory: IDBFactory | undefined;
  readonly #maxKnownKeys: number;
  readonly #channel: TabChannel;
  readonly #cache = new DocCache();
  readonly #watchers = new Set<(event?: ExternalChange) => void>();
  /**
   * Another engine's commit was heard while nobody watched: between `open()` (which starts
   * listening) and LocalAdapter's `watch()`, a message can arrive about a commit that `open()`
   * did not see. The first watcher hears of it, or that commit would wait for the next one.
   */
  #unreported = false;
  /**
   * The state as this engine last read or wrote it (its token names it: every commit writes a
   * new one), so a commit on that version can issue its writes before reading the state.
   */
  #state: StoredState | undefined;
  #db: IDBDatabase | undefined;
  #opening: Promise<IDBDatabase> | undefined;

  constructor(options: IndexedDbEngineOptions) {
    this.#name = options.name;
    this.#factory = options.factory;
    this.#maxKnownKeys = options.maxKnownKeys ?? MAX_KNOWN_KEYS;
    this.#channel = new TabChannel(`satchel-idb:${options.name}`);
  }

  /** Follows other engines' commits in the cache, then tells the watchers (once). */
  readonly #heard = (messages: readonly TabMessage[]): void => {
    let destroyed = false;
    for (const message of messages) {
      if (message === 'destroyed') {
        this.#cache.reset();
        destroyed = true;
      } else this.#cache.advance(message.from, message.to, message.change);
    }
    if (this.#watchers.size === 0) this.#unreported = true;
    const event = destroyed ? 'destroyed' : undefined;
    for (const watcher of [...this.#watchers]) watcher(event);
  };

  async open(): Promise<EngineSnapshot> {
    this.#channel.listen(this.#heard);
    const db = await this.#connection();
    const tx = db.transaction([STORES.meta, STORES.docs, STORES.seqs, STORES.locals], 'readwrite');
    const meta = tx.objectStore(STORES.meta);
    let state: StoredState | undefined;
    let empty: (() => boolean) | undefined;
    const request = meta.get(STATE_KEY);
    request.onsuccess = () => {
      state = request.result as StoredState | undefined;
      if (state && (state.format ?? 1) < FORMAT) {
        // Format 2 reads format 1 as is (its records hold copies of bodies also in `revs`);
        // from now on it writes format 2, which an older Satchel must not open.
        state = { ...state, format: FORMAT };
        meta.put(state, STATE_KEY);
      }
      if (state) return;
      state = {
        meta: { updateSeq: 0, docCount: 0, uuid: uuid() },
        version: 0,
        format: FORMAT,
        seqTop: 0,
      };
      meta.put(state, STATE_KEY);
      // A new state over stores left empty: every key (none) is known from the start.
      const counts = [STORES.docs, STORES.seqs, STORES.locals].map((name) =>
        tx.objectStore(name).count(),
      );
      empty = () => counts.every((count) => count.result === 0);
    };
    await this.#finish(tx, 'open');
    const loaded = state as unknown as StoredState;
    checkFormat(loaded, this.#name);
    this.#state = loaded;
    const version = tokenOf(loaded);
    // Still the version the cache describes (a spurious reload): keep what is known.
    if (version !== this.#cache.version) this.#cache.reset(version);
    if (empty?.()) this.#cache.empty();
    return { meta: loaded.meta, version };
  }

  reload(): Promise<EngineSnapshot> {
    return this.open();
  }

  async getDocs(ids: readonly string[]): Promise<(DocRecord | undefined)[]> {
    const keys = ids.map(idKey);
    const found: (StoredDoc | null | undefined)[] = keys.map((key) => this.#cache.docs.lookup(key));
    const missing = keys.filter((_, i) => found[i] === undefined);
    if (missing.length > 0) {
      const stored = await this.#readDocs(missing);
      let next = 0;
      for (let i = 0; i < found.length; i++) if (found[i] === undefined) found[i] = stored[next++];
    }
    return found.map((value) => (value ? this.#cache.decode(value) : undefined));
  }

  /**
   * Reads records by key in one transaction that also reads the version token, so what it
   * reads may be cached; the first such read of a small database also learns every key.
   */
  async #readDocs(keys: string[]): Promise<(StoredDoc | undefined)[]> {
    const tx = await this.#read([STORES.docs, STORES.meta]);
    const token = tx.objectStore(STORES.meta).get(STATE_KEY);
    const allKeys = this.#allKeys(tx, STORES.docs, this.#cache.docs);
    const stored = await this.#guard(getDocRecords(tx, STORES.docs, keys), 'getDocs');
    this.#remember(
      this.#cache.docs,
      token,
      keys.map((key, i) => [key, stored[i]]),
      allKeys,
    );
    return stored;
  }

  async getRevs(refs: readonly RevRef[]): Promise<(RevBody | undefined)[]> {
    if (refs.length === 0) return [];
    const texts = refs.map((ref) => this.#cache.body(ref.id, ref.rev));
    const missing = refs.filter((_, i) => texts[i] === undefined);
    if (missing.length > 0) {
      const stored = await this.#guard(this.#readBodies(missing), 'getRevs');
      let next = 0;
      for (let i = 0; i < texts.length; i++) if (texts[i] === undefined) texts[i] = stored[next++];
    }
    return texts.map((text) => (text === undefined ? undefined : (JSON.parse(text) as RevBody)));
  }

  /**
   * Bodies by ref, in one transaction: from `revs`, or (format 2) held by the document's record
   * when the ref is its winner.
   */
  async #readBodies(refs: readonly RevRef[]): Promise<(string | undefined)[]> {
    const tx = await this.#read([STORES.revs, STORES.docs]);
    const ids = [...new Set(refs.map((ref) => ref.id))];
    const texts = issueGets<string>(
      tx,
      STORES.revs,
      refs.map((ref) => [ref.id, ref.rev]),
    );
    const held = issueGets<StoredDoc>(
      tx,
      STORES.docs,
      ids.map((id) => idKey(id)),
    );
    await transactionDone(tx);
    const byId = new Map(ids.map((id, i) => [id, held[i]]));
    return refs.map((ref, i) => {
      if (texts[i] !== undefined) return texts[i];
      const record = byId.get(ref.id);
      return record?.[2] === ref.rev ? record[1] : undefined;
    });
  }

  async scanDocs(range: IdRange): Promise<DocRecord[]> {
    const keys = idKeyRange(range);
    const known = this.#cache.docs.scan(keys, range.reverse, range.limit);
    if (known) return known.map((stored) => this.#cache.decode(stored));
    const tx = await this.#read([STORES.docs, STORES.meta]);
    const token = tx.objectStore(STORES.meta).get(STATE_KEY);
    const allKeys = this.#allKeys(tx, STORES.docs, this.#cache.docs);
    const scan = scanStore<StoredDoc>(tx, STORES.docs, keys, range.reverse, range.limit);
    const stored = await this.#guard(scan, 'scanDocs');
    const records = stored.map((value) => this.#cache.decode(value));
    const entries = records.map((record, i) => [idKey(record.id), stored[i]] as const);
    this.#remember(this.#cache.docs, token, entries, allKeys);
    return records;
  }

  async scanSeqs(range: SeqRange): Promise<SeqEntry[]> {
    const keys = seqKeyRange(range);
    const known = this.#cache.seqs.scan(keys, range.reverse, range.limit);
    // Callers may keep and change what they get (`freshReads`); the cache keeps its own.
    if (known) return known.map(({ seq, id }) => ({ seq, id }));
    const tx = await this.#read([STORES.seqs, STORES.docs, STORES.meta]);
    const token = tx.objectStore(STORES.meta).get(STATE_KEY);
    const scan = scanSeqSources(tx, keys, range.reverse, range.limit);
    const entries = await this.#guard(scan, 'scanSeqs');
    // Index keys cannot be read in one request: every key is known only from a whole scan.
    const whole = keys === undefined && (range.limit === undefined || entries.length < range.limit);
    this.#remember(
      this.#cache.seqs,
      token,
      entries.map(({ seq, id }) => [seq, { seq, id }] as const),
      undefined,
      whole ? entries.map(({ seq }) => seq) : undefined,
    );
    return entries;
  }

  /**
   * Reads every key of a store in `tx`, unless the cache knows them or found them too many
   * (then every read would carry the largest list of keys for nothing).
   */
  #allKeys<K extends OrderedKey>(
    tx: IDBTransaction,
    name: string,
    store: StoreCache<unknown, K>,
  ): IDBRequest<IDBValidKey[]> | undefined {
    if (store.keys || store.tooManyKeys) return undefined;
    return tx.objectStore(name).getAllKeys(null, this.#maxKnownKeys + 1);
  }

  async getLocal(id: string): Promise<LocalRecord | undefined> {
    let local = this.#cache.locals.lookup(id);
    if (local === undefined) {
      // Like #readDocs: read with the version token, the first time with every local id too.
      const tx = await this.#read([STORES.locals, STORES.meta]);
      const token = tx.objectStore(STORES.meta).get(STATE_KEY);
      const allKeys = this.#allKeys(tx, STORES.locals, this.#cache.locals);
      const read = getMany<StoredLocal>(tx, STORES.locals, [id]);
      const [found] = await this.#guard(read, 'getLocal');
      this.#remember(this.#cache.locals, token, [[id, found]], allKeys);
      local = found;
    }
    if (!local) return undefined;
    // Callers may keep and change what they get (`freshReads`); the cache keeps its own.
    if ('json' in local) return { id: local.id, rev: local.rev, body: JSON.parse(local.json) };
    return structuredClone(local);
  }

  /** Caches what a read transaction found, if the version it saw is the one cached. */
  #remember<V, K extends OrderedKey>(
    store: StoreCache<V, K>,
    token: IDBRequest,
    entries: readonly (readonly [K, V | undefined])[],
    allKeys: IDBRequest<IDBValidKey[]> | undefined,
    known?: K[],
  ): void {
    const state = token.result as StoredState | undefined;
    const version = state ? tokenOf(state) : '';
    // The store moved on and this engine has not heard yet: what is cached is out of date.
    if (version !== this.#cache.version) this.#cache.reset();
    const every = known ?? (allKeys?.result as K[] | undefined);
    const keys = every && every.length <= this.#maxKnownKeys ? every : undefined;
    if (every && !keys) store.tooManyKeys = true;
    this.#cache.remember(store, version, entries, keys);
  }

  async getAttachment(digest: string): Promise<Uint8Array | undefined> {
    const tx = await this.#read([STORES.attachmentData]);
    const read = getMany<Uint8Array>(tx, STORES.attachmentData, [digest]);
    const [data] = await this.#guard(read, 'getAttachment');
    return data;
  }

  async getAttachmentRecords(
    digests: readonly string[],
  ): Promise<(AttachmentRecord | undefined)[]> {
    if (digests.length === 0) return [];
    const tx = await this.#read([STORES.attachments]);
    return this.#guard(getMany<AttachmentRecord>(tx, STORES.attachments, digests), 'attachments');
  }

  /**
   * One readwrite transaction over the stores the batch writes and `meta`, checked against the
   * state it reads there: when that is not at `version`, the transaction aborts, which undoes
   * every write. IndexedDB runs readwrite transactions over the same stores one at a time,
   * across tabs, so the check and the writes are atomic together.
   *
   * The writes depend on the state (its `seqTop`, the meta kept when the batch has none). When
   * this engine knows the state at `version` (it read or wrote it), they are issued at once,
   * beside the read, and `commit()` is asked for once the read agrees: the writes no longer wait
   * for the read's answer to come back to the page (about a fifth of a single write's time in
   * Chromium). Otherwise they are issued once the state is read.
   */
  async commit(batch: EngineBatch, version: EngineVersion): Promise<EngineVersion> {
    const db = await this.#connection();
    const tx = db.transaction(storesOf(batch), 'readwrite', { durability: 'relaxed' });
    const meta = tx.objectStore(STORES.meta);
    let refused = false;
    let next: StoredState | undefined;
    const applied = emptyChange();
    const refuse = () => {
      refused = true;
      tx.abort();
    };
    const write = (current: StoredState, issued: () => void) => {
      next = this.#writeBatch(tx, batch, version, current, applied, issued);
    };
    const request = meta.get(STATE_KEY);
    const known = this.#state && tokenOf(this.#state) === version ? this.#state : undefined;
    if (known) {
      // Two things before `commit()`: every write issued, and the read agreeing.
      let waiting = 2;
      const ready = () => {
        if (--waiting === 0) commitNow(tx);
      };
      try {
        write(known, ready);
      } catch (err) {
        // Outside a request's callback a throw does not abort: the writes issued would commit.
        tx.abort();
        throw idbError(err, 'commit');
      }
      request.onsuccess = () => {
        const current = request.result as StoredState | undefined;
        // Same token, same state; but an open() may rewrite the format without a new token.
        const same = current && tokenOf(current) === version && current.format === known.format;
        if (same) ready();
        else refuse();
      };
    } else {
      request.onsuccess = () => {
        const current = request.result as StoredState | undefined;
        if (current && tokenOf(current) === version) write(current, () => commitNow(tx));
        else refuse();
      };
    }
    try {
      await transactionDone(tx);
    } catch (err) {
      this.#cache.reset();
      if (refused) throw engineConflict();
      throw idbError(err, 'commit');
    }
    this.#state = next as StoredState;
    const token = tokenOf(this.#state);
    this.#cache.advance(String(version), token, applied);
    // Other tabs learn which keys changed, not the values (they read those if they need them).
    const keysOf = <V, K extends OrderedKey>(delta: StoreDelta<V, K>): StoreDelta<V, K> => ({
      put: delta.put.map(([key]) => [key]),
      deleted: delta.deleted,
    });
    this.#channel.post({
      from: String(version),
      to: token,
      change: {
        docs: keysOf(applied.docs),
        locals: keysOf(applied.locals),
        // Entries are two small fields: sent whole, so other tabs can scan them from memory.
        ...(applied.seqs ? { seqs: applied.seqs } : {}),
        // Only deleted bodies: no cache can hold a body that was not stored (bodies are
        // immutable), so naming new ones (every document written) only costs the clone.
        bodies: applied.bodies.filter(([, json]) => json === undefined),
      },
    });
    return token;
  }

  /**
   * Puts the state that follows `current` (which is at `version`) and issues the batch's writes
   * in `tx`; `issued` is called once the last one is. Returns that state.
   */
  #writeBatch(
    tx: IDBTransaction,
    batch: EngineBatch,
    version: EngineVersion,
    current: StoredState,
    applied: CacheChange,
    issued: () => void,
  ): StoredState {
    // A database from before schema version 2 was written by LocalAdapter alone, whose
    // entries never pass its updateSeq.
    const top = current.seqTop ?? current.meta.updateSeq;
    const seqTop = (batch.putSeqs ?? []).reduce((max, { seq }) => Math.max(max, seq), top);
    const next = {
      ...current,
      meta: batch.meta ?? current.meta,
      version: current.version + 1,
      seqTop,
    };
    tx.objectStore(STORES.meta).put(next, STATE_KEY);
    // What the cache knows of the records, if it describes the version committed against.
    const cached = this.#cache.version === String(version);
    applyBatch(
      tx,
      batch,
      (key) => (cached ? this.#cache.docs.lookup(key) : undefined),
      top,
      applied,
      issued,
    );
    return next;
  }

  watch(onExternalChange: (event?: ExternalChange) => void): Unwatch {
    this.#watchers.add(onExternalChange);
    if (this.#unreported) {
      this.#unreported = false;
      // Never synchronously inside `watch` (the Engine contract).
      queueMicrotask(() => {
        if (this.#watchers.has(onExternalChange)) onExternalChange();
      });
    }
    return () => {
      this.#watchers.delete(onExternalChange);
    };
  }

  async close(): Promise<void> {
    this.#channel.close();
    this.#watchers.clear();
    this.#cache.reset();
    this.#state = undefined;
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
    return idbFactory(this.#factory);
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
    request.onupgradeneeded = (event) => createStores(request, event.oldVersion);
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
    this.#cache.reset();
    this.#state = undefined;
    if (this.#db === db) this.#db = undefined;
  }

  async #read(stores: string[]): Promise<IDBTransaction> {
    const db = await this.#connection();
    try {
      return db.transaction(stores, 'readonly');
    } catch (err) {
      // Closed between our check and now (a `versionchange`): reopen once.
      this.#dropConnection(db);
      const again = await this.#connection();
      try {
        return again.transaction(stores, 'readonly');
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
