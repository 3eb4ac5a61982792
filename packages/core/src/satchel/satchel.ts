import type { Adapter } from '../adapter/adapter.js';
import { clone } from '../clone.js';
import * as Errors from '../error-templates.js';
import { createError } from '../errors.js';
import { type OccasionalCode, occasional } from '../occasional.js';
import type {
  AnyDoc,
  AttachmentData,
  ExistingDocument,
  NewDocument,
  WriteResponse,
} from '../types/documents.js';
import type {
  AllDocsOptions,
  AllDocsResponse,
  BulkDocsOptions,
  BulkDocsResultRow,
  BulkGetRequest,
  BulkGetResponse,
  GetOptions,
  InfoResponse,
  OpenRevsResult,
  RevsDiffRequest,
  RevsDiffResponse,
} from '../types/options.js';
import { ActiveTasks } from './active-tasks.js';
import { normaliseAllDocsOptions } from './all-docs-options.js';
import { type BulkWriteRequest, writeDocs } from './bulk-write.js';
import { snapshotBeforeOpen, snapshotDoc } from './call-snapshot.js';
import { callable } from './callable.js';
import type { SatchelConstructor } from './callable-satchel.js';
import { ConstructorEvents } from './constructor-events.js';
import { WRITE_BULK } from './database-surface.js';
import { OpenDatabases } from './destruction.js';
import { openAdapter } from './open-adapter.js';
import { type SatchelOptions, satchelOptionDefaults } from './options.js';
import { parseAdapter } from './parse-adapter.js';
import type { PouchAdapterRunner, RegisteredAdapter } from './pouch-adapters.js';
import { TaskQueue } from './task-queue.js';
import { type Callback, optsAndCallback, withCallback } from './with-callback.js';
import {
  type PutOptions,
  postDocument,
  putDocument,
  type RemoveOptions,
  removeDocument,
} from './write-methods.js';

/** Methods bound to each instance, as PouchDB binds them (so `const {get} = db` works). */
const BOUND_METHODS = [
  'put',
  'post',
  'get',
  'remove',
  'bulkDocs',
  'allDocs',
  'revsDiff',
  'bulkGet',
  'info',
  'compact',
  'destroy',
  'close',
  'purge',
  'id',
  'registerDependentDatabase',
  'putAttachment',
  'getAttachment',
  'removeAttachment',
] as const;

/** Methods whose queued calls go through a plugin's replacement (their `run` args are whole). */
const REISSUED_METHODS = new Set(['put', 'post', 'get', 'remove', 'bulkDocs']);

/**
 * Methods plugins add to every database. A plugin package augments it for typed access:
 * `declare module '@satchel/core' { interface SatchelPlugins<Content extends object = object>
 * { find(...): ... } }`. `Content` is the database's document type (see {@link Satchel}).
 */
// biome-ignore lint/suspicious/noEmptyInterface: the hook plugins augment.
// biome-ignore lint/correctness/noUnusedVariables: plugins' augmentations use Content.
export interface SatchelPlugins<Content extends object = object> {}

export interface Satchel<Content extends object = object> extends SatchelPlugins<Content> {}

/**
 * A database: PouchDB 9's public API over an Adapter. Every method takes an optional trailing
 * Node-style callback and returns a promise. Writes go through `this.bulkDocs` and reads through
 * the instance's own methods, so plugins that wrap instance methods see every call.
 */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the interface above adds plugin methods.
export class Satchel<Content extends object = object> extends ConstructorEvents {
  /** Registered adapters by name (shared by every constructor made with `defaults`). */
  static adapters: Record<string, RegisteredAdapter> = {};
  /** Runs PouchDB-style adapters; set by `@satchel/pouchdb-adapter-bridge`. */
  static pouchAdapterRunner: PouchAdapterRunner | undefined;
  /** Adapters tried in order when no `adapter` option is given. */
  static preferredAdapters: string[] = [];
  /** PouchDB's storage prefix for adapters that use one. */
  static prefix = '_pouch_';
  /** The library version (set by the preset to its package version). */
  static version = '0.0.0';
  /** Options every database of this constructor starts from (see `defaults`). */
  static __defaults: SatchelOptions = {};
  /** Long-running tasks (view builds, replications). */
  static activeTasks = new ActiveTasks();
  /** `fetch` used for remote databases unless one is given in options. */
  static fetch: typeof globalThis.fetch | undefined = globalThis.fetch?.bind(globalThis);
  /** Open databases by name, for the `destroyed` fan-out. */
  static _open = new OpenDatabases();

  /** The database name as given (without prefix). */
  readonly name: string;
  /** The adapter name in use. */
  readonly adapter: string;
  /** The options the database was opened with. */
  readonly __opts: SatchelOptions;
  readonly auto_compaction: boolean;
  readonly purged_infos_limit: number;
  readonly prefix: string;
  /** PouchDB-compatible readiness queue. */
  readonly taskqueue = new TaskQueue();
  /** The adapter behind this database. */
  readonly _adapter: Adapter;
  /** Remote databases only (as in PouchDB): a raw request relative to the database URL. */
  declare fetch?: (path: string, init?: RequestInit) => Promise<Response>;
  _closed = false;
  _destroyed = false;
  /** The instance's own bound methods, to tell when a plugin has replaced one. */
  readonly #bound = new Map<string, unknown>();
  /** Whether `get` was Satchel's own when bound (no plugin had replaced it on the prototype). */
  readonly #ownGet: boolean;
  /** The `bulkDocs` the instance's bound one calls (Satchel's own, unless a plugin's). */
  readonly #bulkDocsTarget: Satchel<Content>['bulkDocs'];
  /** The latest `destroy` called on an open handle (`close` waits for it). */
  #destroying: Promise<unknown> | undefined;

  constructor(name?: string | SatchelOptions, opts?: SatchelOptions) {
    super();
    const ctor = new.target as typeof Satchel;
    checkOptions(opts);
    let options: SatchelOptions = opts ?? {};
    if (name && typeof name === 'object') {
      options = { ...name };
      name = options.name;
      delete options.name;
    }
    options = clone({ ...ctor.__defaults, ...options }) as SatchelOptions;
    if (options.deterministic_revs === undefined)
      options.deterministic_revs = satchelOptionDefaults.deterministic_revs;
    if (typeof name !== 'string') throw new Error('Missing/invalid DB name');
    this.__opts = options;
    this.auto_compaction = options.auto_compaction === true;
    this.purged_infos_limit =
      options.purged_infos_limit ?? satchelOptionDefaults.purged_infos_limit;
    this.prefix = ctor.prefix;
    this.name = name;
    const picked = parseAdapter(
      (options.prefix ?? '') + name,
      options,
      ctor.adapters,
      ctor.preferredAdapters,
      ctor.prefix,
    );
    const adapterName = options.adapter ?? picked.adapter;
    const factory = adapterName ? ctor.adapters[adapterName] : undefined;
    ctor.emit('debug', ['adapter', 'Picked adapter: ', adapterName]);
    if (!adapterName || !factory || (factory.valid && !factory.valid())) {
      throw new Error(`Invalid Adapter: ${adapterName}`);
    }
    if (options.view_adapter && !ctor.adapters[options.view_adapter]) {
      throw new Error(`Invalid View Adapter: ${options.view_adapter}`);
    }
    options.adapter = adapterName;
    this.adapter = adapterName;
    this._adapter = openAdapter(factory, ctor.pouchAdapterRunner, this, {
      ...options,
      name: picked.name,
    });
    this.#ownGet = this.get === Satchel.prototype.get;
    this.#bulkDocsTarget = this.bulkDocs;
    for (const method of BOUND_METHODS) {
      const bound = this[method].bind(this);
      this.#bound.set(method, bound);
      Object.defineProperty(this, method, {
        value: bound,
        writable: true,
        configurable: true,
      });
    }
    if (this._adapter.fetch) {
      // Only remote databases have `fetch`, as in PouchDB: plugins test for it.
      Object.defineProperty(this, 'fetch', {
        value: this._adapter.fetch.bind(this._adapter),
        writable: true,
        configurable: true,
      });
    }
    this.open(ctor);
  }

  private open(ctor: typeof Satchel): void {
    // From the start, as in PouchDB: a handle closed before it finished opening is unref'd too.
    this.once('closed', () => {
      ctor._open.remove(this);
      ctor.emit('unref', this);
    });
    this._adapter.ready().then(
      () => {
        if (!this._closed) ctor._open.add(this);
        // Destroyed by another tab or process: as for the other handles of a database
        // destroyed in this page (the event ends live feeds; the handle stays usable).
        const unwatch = this._adapter.onDestroyed?.(() => {
          if (!this._closed && !this._destroyed) this.emit('destroyed', true);
        });
        if (unwatch) this.once('closed', unwatch);
        this.once('destroyed', (fromConstructor?: boolean) => {
          ctor._open.remove(this);
          if (!fromConstructor) ctor._open.destroyed(this.name, this);
          if (!fromConstructor) ctor.emit('destroyed', this.name);
        });
        this.taskqueue.ready();
        this.emit('created', this);
        ctor.emit('created', this.name);
      },
      (err: Error) => this.taskqueue.fail(err),
    );
  }

  // ---- constructor-level API -------------------------------------------------------------

  /**
   * Registers an adapter; third-party adapters publish against this. A PouchDB adapter
   * (`function (opts, callback)`) is accepted too and runs through the PouchDB adapter bridge.
   */
  static adapter(
    name: string,
    factory: RegisteredAdapter,
    addToPreferred?: boolean,
  ): typeof Satchel {
    if (factory.valid && !factory.valid()) return this;
    this.adapters[name] = factory;
    if (addToPreferred) this.preferredAdapters.push(name);
    return this;
  }

  /**
   * Installs a plugin: a function given the constructor, or an object of prototype methods.
   * The function receives the constructor it is installed on, so a plugin typed with
   * {@link SatchelConstructor} or with a preset's constructor type fits; `plugin` returns that
   * constructor, typed as the one it was called on.
   */
  static plugin<C extends typeof Satchel>(
    this: C,
    plugin: ((ctor: C & SatchelConstructor) => void) | Record<string, unknown>,
  ): C {
    if (typeof plugin === 'function') {
      // Callable, as every constructor Satchel hands out is (the preset's, `defaults`'s), even
      // where a declaration types it as the bare class (a CommonJS preset's `export =` class).
      plugin(this as C & SatchelConstructor);
    } else if (typeof plugin !== 'object' || plugin === null || Object.keys(plugin).length === 0) {
      throw new Error(`Invalid plugin: got "${String(plugin)}", expected an object or a function`);
    } else {
      for (const key of Object.keys(plugin)) {
        (this.prototype as unknown as Record<string, unknown>)[key] = plugin[key];
      }
    }
    if (Object.hasOwn(this, '__defaults')) this.__defaults = { ...this.__defaults };
    return this;
  }

  /**
   * A constructor whose databases start from `opts` (e.g. `{adapter: 'memory', prefix: 'x/'}`).
   * It inherits this constructor's plugins and adapters and can take its own.
   */
  static defaults(opts: SatchelOptions): typeof Satchel {
    checkOptions(opts);
    class SatchelWithDefaults extends this {}
    SatchelWithDefaults.preferredAdapters = this.preferredAdapters.slice();
    SatchelWithDefaults.__defaults = { ...this.__defaults, ...opts };
    return callable(SatchelWithDefaults);
  }

  // ---- instance API ----------------------------------------------------------------------

  /** The adapter name, as PouchDB's `db.type()`. */
  type(): string {
    return this.adapter;
  }

  /** PouchDB's `db.activeTasks`: the constructor's registry (pouchdb@9's replicator uses it). */
  get activeTasks(): ActiveTasks {
    return (this.constructor as typeof Satchel).activeTasks;
  }

  /** PouchDB's `db._remote`: whether the database is behind HTTP (replication checks it). */
  get _remote(): boolean {
    return this.adapter === 'http' || this.adapter === 'https';
  }

  /** Runs an API call once the database is usable, with PouchDB's closed/destroyed errors. */
  protected run<T>(
    name: string,
    args: readonly unknown[],
    task: (db: Satchel<Content>, args: readonly unknown[]) => Promise<T>,
    callback?: Callback<T>,
  ): Promise<T> {
    // Not an async function: once open, the call's promise is the task's own, with no promise
    // or hop of its own (an async function returning a promise adds two); a throw becomes a
    // rejection in `withCallback`.
    return withCallback(() => {
      if (this._closed) throw new Error('database is closed');
      if (this._destroyed) throw new Error('database is destroyed');
      if ((this.constructor as typeof Satchel).listenerCount('debug') > 0) {
        (this.constructor as typeof Satchel).emit('debug', ['api', name, ...args]);
      }
      const wasReady = this.taskqueue.isReady;
      if (wasReady && !this.taskqueue.failed) return task(this, args);
      return this.ready().then(() => {
        const replaced = wasReady ? undefined : this.replacedMethod(name);
        if (!replaced) return task(this, args);
        // Re-issuing through a plugin's replacement comes with the code loaded on first use.
        return this.occasionally((code) => code.callThrough<T>(this, replaced, args));
      });
    }, callback);
  }

  /** Runs `call` with the code loaded on first use, loading it the first time. */
  private async occasionally<T>(call: (code: OccasionalCode) => T | Promise<T>): Promise<T> {
    return call(occasional.loaded ?? (await occasional.load()));
  }

  /**
   * A write or read method a plugin has replaced on this instance. PouchDB re-issues calls made
   * before the database opened through `db[name]`, with a callback: plugins that wrap `put`
   * (pouchdb-upsert-style helpers, its "putting is override-able" test) see those calls.
   */
  private replacedMethod(name: string): ((...args: unknown[]) => unknown) | undefined {
    if (!REISSUED_METHODS.has(name)) return undefined;
    const current = (this as unknown as Record<string, unknown>)[name];
    if (typeof current !== 'function' || current === this.#bound.get(name)) return undefined;
    return current as (...args: unknown[]) => unknown;
  }

  /** Resolves when the adapter has opened (rejects if it failed to). */
  ready(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.taskqueue.addTask((failed) => (failed ? reject(failed) : resolve()));
    });
  }

  /**
   * Creates or updates a document. On a typed database (`Satchel<Todo>`) the document must be a
   * `Todo`; `T` lets a write add fields of its own, as @types/pouchdb's `put<Model>` does.
   */
  put<T extends object = object>(
    doc: NewDocument<Content & T>,
    opts?: PutOptions | Callback<WriteResponse>,
    callback?: Callback<WriteResponse>,
  ): Promise<WriteResponse> {
    const [options, cb] = optsAndCallback<PutOptions, WriteResponse>(opts, callback);
    const snapshot = this.taskqueue.isReady ? snapshotDoc(doc) : snapshotBeforeOpen(doc);
    return this.run('put', [snapshot, options], runPut, cb);
  }

  /** Creates a document with a generated id (typed as {@link Satchel.put}'s). */
  post<T extends object = object>(
    doc: NewDocument<Content & T>,
    opts?: BulkDocsOptions | Callback<WriteResponse>,
    callback?: Callback<WriteResponse>,
  ): Promise<WriteResponse> {
    const [options, cb] = optsAndCallback<BulkDocsOptions, WriteResponse>(opts, callback);
    const snapshot = this.taskqueue.isReady ? snapshotDoc(doc) : snapshotBeforeOpen(doc);
    return this.run('post', [snapshot, options], runPost, cb);
  }

  /** Deletes a document: `remove(doc)` or `remove(id, rev)`. */
  remove(
    docOrId: { _id?: string; _rev?: string } | string,
    optsOrRev?: string | RemoveOptions | Callback<WriteResponse>,
    opts?: RemoveOptions | Callback<WriteResponse>,
    callback?: Callback<WriteResponse>,
  ): Promise<WriteResponse> {
    let doc: unknown;
    let options: RemoveOptions;
    let cb: Callback<WriteResponse> | undefined;
    if (typeof optsOrRev === 'string') {
      doc = { _id: docOrId, _rev: optsOrRev };
      [options, cb] = optsAndCallback<RemoveOptions, WriteResponse>(opts, callback);
    } else {
      doc = this.taskqueue.isReady ? docOrId : snapshotBeforeOpen(docOrId);
      [options, cb] = optsAndCallback<RemoveOptions, WriteResponse>(
        optsOrRev,
        opts as Callback<WriteResponse>,
      );
    }
    return this.run('remove', [doc, options], () => removeDocument(this, doc, options), cb);
  }

  /** Reads several revisions of a document (`open_revs`: `'all'` or a list). */
  get<T extends object = Content>(
    id: string,
    opts: GetOptions & { open_revs: 'all' | string[] },
    callback?: Callback<OpenRevsResult<T>[]>,
  ): Promise<OpenRevsResult<T>[]>;
  /** Reads a document (its winning revision, or `opts.rev`). */
  get<T extends object = Content>(
    id: string,
    opts?: GetOptions | Callback<ExistingDocument<T>>,
    callback?: Callback<ExistingDocument<T>>,
  ): Promise<ExistingDocument<T>>;
  get(
    id: string,
    opts?: GetOptions | Callback<never>,
    callback?: Callback<never>,
  ): Promise<unknown> {
    const [options, cb] = optsAndCallback<GetOptions, unknown>(
      opts as GetOptions | Callback<unknown>,
      callback as Callback<unknown>,
    );
    return this.run('get', [id, options], runGet, cb);
  }

  /** Writes many documents in one atomic step; per-document failures are error rows. */
  bulkDocs(
    req: AnyDoc[] | { docs: AnyDoc[]; new_edits?: boolean },
    opts?: (BulkDocsOptions & { was_delete?: boolean }) | Callback<BulkDocsResultRow[]>,
    callback?: Callback<BulkDocsResultRow[]>,
  ): Promise<BulkDocsResultRow[]> {
    const [options, cb] = optsAndCallback<
      BulkDocsOptions & { was_delete?: boolean },
      BulkDocsResultRow[]
    >(opts, callback);
    const request = this.taskqueue.isReady ? req : snapshotBeforeOpen(req);
    return this.run('bulkDocs', [request, options], runBulkDocs, cb);
  }

  /**
   * Adds or replaces an attachment: `putAttachment(docId, name, [rev], data, type)`. Creates
   * the document when it does not exist.
   */
  putAttachment(
    docId: string,
    name: string,
    ...args:
      | [string | null | undefined, AttachmentData, string, Callback<WriteResponse>?]
      | [AttachmentData, string, Callback<WriteResponse>?]
  ): Promise<WriteResponse> {
    const cb =
      typeof args[args.length - 1] === 'function'
        ? (args.pop() as Callback<WriteResponse>)
        : undefined;
    return this.run(
      'putAttachment',
      [docId, name, args.length >= 3 ? args[0] : null],
      () => this.occasionally((code) => code.putAttachmentCall(this, docId, name, args)),
      cb,
    );
  }

  /** Reads an attachment's bytes: a Buffer on Node (with `type`), a Blob in browsers. */
  getAttachment(
    docId: string,
    name: string,
    opts?: { rev?: string } | Callback<unknown>,
    callback?: Callback<unknown>,
  ): Promise<unknown> {
    const [options, cb] = optsAndCallback<{ rev?: string }, unknown>(opts, callback);
    return this.run(
      'getAttachment',
      [docId, name, options],
      () => this.occasionally((code) => code.getAttachment(this, docId, name, options.rev)),
      cb,
    );
  }

  /** Removes an attachment in a new revision. */
  removeAttachment(
    docId: string,
    name: string,
    rev: string,
    callback?: Callback<WriteResponse | undefined>,
  ): Promise<WriteResponse | undefined> {
    return this.run(
      'removeAttachment',
      [docId, name, rev],
      () => this.occasionally((code) => code.removeAttachment(this, docId, name, rev)),
      callback,
    );
  }

  /** Lists documents by id, with PouchDB's range, key and paging options. */
  allDocs<T extends object = Content>(
    opts?: AllDocsOptions | Callback<AllDocsResponse<T>>,
    callback?: Callback<AllDocsResponse<T>>,
  ): Promise<AllDocsResponse<T>> {
    const [options, cb] = optsAndCallback<AllDocsOptions, AllDocsResponse<T>>(opts, callback);
    return this.run(
      'allDocs',
      [options],
      async () => {
        let normalised: AllDocsOptions | undefined = normaliseAllDocsOptions(options);
        if ('keys' in normalised) {
          normalised = (occasional.loaded ?? (await occasional.load())).pageKeys(normalised);
          if (!normalised) {
            const { doc_count } = await this._adapter.info();
            return { total_rows: doc_count, rows: [] } as unknown as AllDocsResponse<T>;
          }
        }
        return (await this._adapter.allDocs(normalised)) as AllDocsResponse<T>;
      },
      cb,
    );
  }

  /** The revisions of each document this database lacks. */
  revsDiff(
    req: RevsDiffRequest,
    opts?: object | Callback<RevsDiffResponse>,
    callback?: Callback<RevsDiffResponse>,
  ): Promise<RevsDiffResponse> {
    const [, cb] = optsAndCallback<object, RevsDiffResponse>(opts, callback);
    return this.run(
      'revsDiff',
      [req],
      // The check comes with replication's code: a page that never replicates never loads it.
      () =>
        this.occasionally((code) => {
          code.checkRevsDiffRequest(req);
          return this._adapter.revsDiff(req);
        }),
      cb,
    );
  }

  /**
   * `this.bulkDocs(req, opts)` for `put`, `post` and `remove`. While the bound method is the
   * instance's own, its target is called: the same call, made to a function every database
   * shares, so the code V8 optimizes for it does not die with this database (a bound
   * function is one per database: code inlining it is thrown away once it is collected).
   * @internal
   */
  [WRITE_BULK](
    req: { docs: AnyDoc[] },
    opts: BulkDocsOptions & { was_delete?: boolean },
  ): Promise<BulkDocsResultRow[]> {
    if (this.bulkDocs === this.#bound.get('bulkDocs')) {
      return this.#bulkDocsTarget.call(this, req, opts);
    }
    return this.bulkDocs(req, opts);
  }

  /** Reads many revisions at once (replication's `_bulk_get`). */
  bulkGet(req: BulkGetRequest, callback?: Callback<BulkGetResponse>): Promise<BulkGetResponse> {
    return this.run(
      'bulkGet',
      [req],
      () =>
        this.occasionally((code) =>
          code.bulkGetCall(
            this,
            req,
            // Whether `get` is still Satchel's own (no plugin replaced it).
            this.#ownGet && this.get === this.#bound.get('get'),
          ),
        ),
      callback,
    );
  }

  /** Database facts: name, document count, update sequence, adapter. */
  info(callback?: Callback<InfoResponse>): Promise<InfoResponse> {
    return this.run(
      'info',
      [],
      async () => {
        const info = await this._adapter.info();
        info.db_name = info.db_name || this.name;
        info.auto_compaction =
          this.auto_compaction && this.adapter !== 'http' && this.adapter !== 'https';
        info.adapter = this.adapter;
        return info;
      },
      callback,
    );
  }

  /** The database's unique id (stable across reopenings). */
  id(callback?: Callback<string>): Promise<string> {
    return this.run(
      'id',
      [],
      async () => (this._adapter.id ? this._adapter.id() : this.name),
      callback,
    );
  }

  /** Drops the bodies of non-leaf revisions. */
  compact(
    opts?: object | Callback<{ ok: true }>,
    callback?: Callback<{ ok: true }>,
  ): Promise<{ ok: true }> {
    const [options, cb] = optsAndCallback<object, { ok: true }>(opts, callback);
    return this.run(
      'compact',
      [options],
      async () => {
        await this._adapter.compact(options);
        return { ok: true as const };
      },
      cb,
    );
  }

  /** Removes a leaf revision as if it had never been written. */
  purge(docId: string, rev: string, callback?: Callback<unknown>): Promise<unknown> {
    return this.run(
      'purge',
      [docId, rev],
      () => this.occasionally((code) => code.purgeCall(this, docId, rev)),
      callback,
    );
  }

  /** Closes this handle; later calls fail with "database is closed". */
  close(callback?: Callback<void>): Promise<void> {
    return withCallback(async () => {
      if (this._closed) throw new Error('database is closed');
      if (this._destroyed) throw new Error('database is destroyed');
      if (this.#destroying) {
        // Shutting the storage under a running destroy would fail it halfway, the data kept:
        // the destroy finishes first, and a destroyed database has nothing left to close.
        await this.#destroying.catch(() => undefined);
        if (this._destroyed) return;
        if (this._closed) throw new Error('database is closed');
      }
      const opening = !this.taskqueue.isReady && !this.taskqueue.failed;
      this._closed = true;
      // A write accepted before the close may still wait for code it loads on first use (see
      // `writeDocs`): it reaches the adapter first, and the adapter closes after it.
      await occasional.loading?.catch(() => undefined);
      if (opening) {
        // Closed while still opening: announce it once the storage is released, so a handle
        // opened on hearing `unref` does not find the directory still locked.
        await this.ready().catch(() => undefined);
        await this._adapter.close();
        this.emit('closed');
        return;
      }
      try {
        this.emit('closed');
      } finally {
        // A throwing listener still gets its error back from `close`, but must not leave the
        // storage open (a LevelDB directory would stay locked until the process exits).
        await this._adapter.close();
      }
    }, callback);
  }

  /** Deletes the database and its dependent databases (view indexes). */
  destroy(
    opts?: object | Callback<{ ok: true }>,
    callback?: Callback<{ ok: true }>,
  ): Promise<{ ok: true }> {
    const [, cb] = optsAndCallback<object, { ok: true }>(opts, callback);
    const destroying = this.run(
      'destroy',
      [],
      () => this.occasionally((code) => code.destroyCall(this)),
      cb,
    );
    // `close` waits for it; its outcome is the caller's (and `close`'s) to report.
    if (!this._closed && !this._destroyed) this.#destroying = destroying;
    return destroying;
  }

  /** Records a database that must be destroyed with this one (used by view indexes). */
  registerDependentDatabase(
    dependentDb: string,
    callback?: Callback<{ db: Satchel }>,
  ): Promise<{ db: Satchel }> {
    return this.run(
      'registerDependentDatabase',
      [dependentDb],
      () => this.occasionally((code) => code.registerDependent(this, dependentDb)),
      callback,
    );
  }
}

/**
 * Refuses options that are not an object (`new Satchel('db', 'memory')`): spread into the
 * options they would become `{0: 'm', 1: 'e', …}`, and the database would open with the
 * default adapter (on Node, a LevelDB directory in the working directory). PouchDB throws a
 * TypeError on them too, by accident.
 */
function checkOptions(opts: unknown): void {
  if (opts === undefined || opts === null || typeof opts === 'object') return;
  const shown = typeof opts === 'string' ? `"${opts}"` : typeof opts;
  throw new TypeError(`Invalid options: expected an object, got ${shown}`);
}

// The tasks of the most frequent calls, given the database and the call's arguments rather
// than made as closures per call: a closure made per call is a new function each time, whose
// optimized code V8 keeps only while one such closure lives, so every full garbage collection
// would have it compiled again.

function runPut(db: Satchel, args: readonly unknown[]): Promise<WriteResponse> {
  return putDocument(db, args[0], args[1] as PutOptions);
}

function runPost(db: Satchel, args: readonly unknown[]): Promise<WriteResponse> {
  return postDocument(db, args[0], args[1] as BulkDocsOptions);
}

function runBulkDocs(db: Satchel, args: readonly unknown[]): Promise<BulkDocsResultRow[]> {
  return writeDocs(db._adapter, args[0] as BulkWriteRequest, args[1] as BulkDocsOptions);
}

function runGet(db: Satchel, args: readonly unknown[]): Promise<unknown> {
  const id = args[0];
  if (typeof id !== 'string') throw createError(Errors.INVALID_ID);
  return db._adapter.get(id, args[1] as GetOptions);
}
