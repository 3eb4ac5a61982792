import type {
  Adapter,
  AdapterBulkDocsOptions,
  AdapterGetAttachmentOptions,
  AdapterPurgeOptions,
  PurgeResponse,
} from '../adapter/adapter.js';
import { clone } from '../clone.js';
import type { Engine, EngineSnapshot, Unwatch } from '../engine/engine.js';
import type { EngineSupports } from '../engine/engine-supports.js';
import * as Errors from '../error-templates.js';
import { createError } from '../errors.js';
import { occasional } from '../occasional.js';
import type { AnyDoc } from '../types/documents.js';
import type {
  AdapterChangesOptions,
  AllDocsOptions,
  AllDocsResponse,
  BulkDocsResultRow,
  BulkGetRequest,
  BulkGetResponse,
  ChangesResponse,
  GetOptions,
  InfoResponse,
  OpenRevsResult,
  RevsDiffRequest,
  RevsDiffResponse,
} from '../types/options.js';
import { allDocs } from './all-docs.js';
import { bulkDocs, type WriteOutcome } from './bulk-docs.js';
import { getDocument } from './get.js';
import { reloadState } from './reload.js';
import { RwLock } from './rw-lock.js';
import { type AdapterState, type LocalAdapterSettings, localAdapterDefaults } from './state.js';

/**
 * The Adapter contract over any Engine: all of CouchDB's document semantics (revisions,
 * conflicts, stemming, seqs, compaction, purge, local docs) in one place, so an engine only
 * stores records. Writes to one database are serialised; reads run beside each other.
 *
 * Other writers on the same store are expected: a commit they refused is redone on fresh state
 * (see `commitWrite`), and when the engine reports their writes through `watch`, the adapter
 * reloads, `info()` reflects them, and `onChange` listeners (live changes feeds) hear of them.
 */
export class LocalAdapter implements Adapter {
  readonly type: string;
  /** The engine's capability manifest, for suites and tools reading it through the adapter. */
  readonly supports: EngineSupports;
  /**
   * New edits are parsed, hashed and serialised in `bulkDocs` itself (see `bulk-docs.ts`); their
   * bodies may share nested objects with the caller only if the engine keeps nothing but their
   * text (`storesBodyJson`). Before the engine has opened, a wrapper may not know yet: false.
   */
  get readsWritesAtCall(): boolean {
    return this.engine.storesBodyJson === true;
  }
  // Not a `#` field: further handles on one store are objects inheriting from the adapter.
  private readonly engine: Engine;
  private state: AdapterState | undefined;
  private readonly opening: Promise<AdapterState>;
  private readonly listeners = new Set<() => void>();
  private readonly destroyedListeners = new Set<() => void>();
  private closed = false;
  /** Another writer destroyed the store: the next call re-reads it (see `use`). */
  private stale = false;
  private unwatch: Unwatch | undefined;
  /** An outside write was reported and not yet reloaded. */
  private outsideWrite = false;
  /** The reload running for outside writes; reads wait for it, so they see those writes. */
  private refreshing: Promise<void> | undefined;
  /** The destroy under way: handles sharing this adapter that destroy it too wait for it. */
  #destroying: Promise<void> | undefined;

  constructor(engine: Engine, settings: Partial<LocalAdapterSettings> = {}) {
    const full: LocalAdapterSettings = { ...localAdapterDefaults, ...settings };
    // PouchDB treats 0 (and anything unusable) as its local default of 1000.
    if (
      !(
        full.revsLimit === Number.POSITIVE_INFINITY ||
        (Number.isInteger(full.revsLimit) && full.revsLimit > 0)
      )
    ) {
      full.revsLimit = localAdapterDefaults.revsLimit;
    }
    this.type = full.type;
    this.supports = engine.supports;
    this.engine = engine;
    const opened = (snapshot: EngineSnapshot, scanned: Engine): AdapterState => {
      const { meta, version } = snapshot;
      // Every member set from the start: the state keeps one shape (code reading it stays
      // optimized when a write group is first queued).
      this.state = {
        engine: scanned,
        lock: new RwLock(),
        settings: full,
        meta,
        version,
        // Notified after the reload's lock is released, so feeds read the fresh state.
        onOutsideWrite: () => queueMicrotask(() => this.notify()),
        writeGroup: undefined,
      };
      if (engine.watch && !this.closed) {
        this.unwatch = engine.watch((event) =>
          event === 'destroyed' ? this.destroyedElsewhere() : this.outsideWriteReported(),
        );
      }
      return this.state;
    };
    // An engine that cannot scan in order gets the sorting wrapper, loaded on first use.
    this.opening = engine
      .open()
      .then((snapshot) =>
        engine.supports.sortedScans
          ? opened(snapshot, engine)
          : occasional.load().then((code) => opened(snapshot, code.withSortedScans(engine))),
      );
    // Failures surface on the first call; avoid an unhandled rejection meanwhile.
    this.opening.catch(() => undefined);
  }

  async ready(): Promise<void> {
    await this.opening;
  }

  /**
   * The state, when open and current: calls then start at once, with no wait of their own
   * (every method alike, so calls made together keep their order).
   */
  private current(): AdapterState | undefined {
    return this.closed || this.refreshing || this.stale ? undefined : this.state;
  }

  /** The state once open and current; rejects once closed. */
  private async use(): Promise<AdapterState> {
    if (this.closed) throw createError(Errors.NOT_OPEN);
    if (this.stale) {
      this.stale = false;
      this.outsideWriteReported();
    }
    if (this.refreshing) await this.refreshing;
    return this.state ?? this.opening;
  }

  async info(): Promise<InfoResponse> {
    const state = this.current() ?? (await this.use());
    return {
      db_name: '',
      doc_count: state.meta.docCount,
      update_seq: state.meta.updateSeq,
      ...state.settings.info,
    };
  }

  async id(): Promise<string> {
    return (this.current() ?? (await this.use())).meta.uuid;
  }

  async get(id: string, opts: GetOptions): Promise<AnyDoc | OpenRevsResult[]> {
    return getDocument(this.current() ?? (await this.use()), id, opts);
  }

  bulkDocs(docs: AnyDoc[], opts: AdapterBulkDocsOptions): Promise<BulkDocsResultRow[]> {
    const state = this.current();
    if (state) return this.reportWrite(bulkDocs(state, docs, opts));
    // Documents passed as top-level copies (`readsWritesAtCall` true at the call) still share
    // nested objects with the caller, so a write that waits copies them first. Otherwise they
    // are the adapter's already (the flag only turns true, when a pending engine opens).
    const owned = this.readsWritesAtCall ? docs.map((doc) => clone(doc)) : docs;
    return this.reportWrite(this.use().then((ready) => bulkDocs(ready, owned, opts)));
  }

  /**
   * A write's rows, after telling change listeners when a document changed. A method, not a
   * callback made per adapter: its optimized code outlives any one adapter.
   */
  private async reportWrite(writing: Promise<WriteOutcome>): Promise<BulkDocsResultRow[]> {
    const { rows, changed } = await writing;
    if (changed) this.notify();
    return rows;
  }

  async allDocs(opts: AllDocsOptions): Promise<AllDocsResponse> {
    return allDocs(this.current() ?? (await this.use()), opts);
  }

  async changes(opts: AdapterChangesOptions): Promise<ChangesResponse> {
    const state = this.current() ?? (await this.use());
    return (occasional.loaded ?? (await occasional.load())).changes(state, opts);
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onDestroyed(listener: () => void): () => void {
    this.destroyedListeners.add(listener);
    return () => this.destroyedListeners.delete(listener);
  }

  async revsDiff(req: RevsDiffRequest): Promise<RevsDiffResponse> {
    const state = this.current() ?? (await this.use());
    return (occasional.loaded ?? (await occasional.load())).revsDiff(state, req);
  }

  async bulkGet(req: BulkGetRequest): Promise<BulkGetResponse> {
    const state = this.current() ?? (await this.use());
    return (occasional.loaded ?? (await occasional.load())).bulkGetDocuments(state, req);
  }

  async getAttachment(
    docId: string,
    name: string,
    opts: AdapterGetAttachmentOptions,
  ): Promise<Uint8Array> {
    const state = this.current() ?? (await this.use());
    const ops = occasional.loaded ?? (await occasional.load());
    return ops.readAttachment(state, docId, name, opts);
  }

  async compact(): Promise<void> {
    const state = this.current() ?? (await this.use());
    await (occasional.loaded ?? (await occasional.load())).compact(state);
  }

  async purge(docId: string, rev: string, opts: AdapterPurgeOptions = {}): Promise<PurgeResponse> {
    const state = this.current() ?? (await this.use());
    if (!state.engine.supports.purge) {
      throw createError(
        Errors.UNKNOWN_ERROR,
        `Purge is not implemented in the ${this.type} adapter.`,
      );
    }
    const ops = occasional.loaded ?? (await occasional.load());
    const res = await ops.purge(state, docId, rev, opts.logLimit);
    this.notify();
    return res;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    // Closing needs no fresh read of a store destroyed elsewhere (which would create it again).
    this.stale = false;
    const state = this.current() ?? (await this.use());
    this.shutDown();
    await state.lock.write(() => state.engine.close());
  }

  destroy(): Promise<void> {
    this.#destroying ??= (async () => {
      this.stale = false;
      const state = this.current() ?? (await this.use());
      this.shutDown();
      await state.lock.write(() => state.engine.destroy());
    })();
    return this.#destroying;
  }

  private shutDown(): void {
    this.closed = true;
    this.listeners.clear();
    this.destroyedListeners.clear();
    this.unwatch?.();
    this.unwatch = undefined;
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }

  /**
   * The engine says another writer destroyed the store. The handles are told at once; the
   * store is re-read only when next used, so watching it does not create it again.
   */
  private destroyedElsewhere(): void {
    if (this.closed) return;
    this.stale = true;
    for (const listener of [...this.destroyedListeners]) listener();
  }

  /**
   * The engine says another writer committed. Reports that arrive while a reload runs are
   * folded into one more reload after it, so the last outside write is never missed.
   */
  private outsideWriteReported(): void {
    if (this.closed) return;
    this.outsideWrite = true;
    this.refreshing ??= this.reloadOutsideWrites();
  }

  private async reloadOutsideWrites(): Promise<void> {
    try {
      const state = await this.opening;
      while (this.outsideWrite && !this.closed) {
        this.outsideWrite = false;
        try {
          // A move is notified through `state.onOutsideWrite`.
          await state.lock.write(() => reloadState(state));
        } catch {
          // The store could not be re-read now; the next commit is refused and reloads again.
        }
      }
    } finally {
      // Cleared in the same step as the loop's last check: a report arriving after it starts
      // a new reload. (Clearing it in a later `.finally()` callback lost a report landing in
      // between: `refreshing` still looked busy, but the loop had already ended.)
      this.refreshing = undefined;
    }
  }
}
