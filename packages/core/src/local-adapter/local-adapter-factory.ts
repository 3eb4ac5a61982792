import type { Adapter, AdapterFactory, AdapterOptions } from '../adapter/adapter.js';
import type { Engine } from '../engine/engine.js';
import { LocalAdapter } from './local-adapter.js';
import { settingsFromOptions } from './settings-from-options.js';
import { SharedAdapters } from './shared-adapters.js';
import type { LocalAdapterSettings } from './state.js';

/** What {@link createLocalAdapterFactory} needs to turn an engine into an adapter. */
export interface LocalAdapterFactoryOptions {
  /** The adapter's name as `db.adapter` reports it (`'memory'`, `'leveldb'`, `'idb'`…). */
  type: string;
  /** Creates the engine of one database; `opts.name` already carries any prefix. */
  engine: (opts: AdapterOptions) => Engine;
  /**
   * Extra fields `info()` reports, e.g. PouchDB's `backend_adapter`; called once per database
   * with the engine just created.
   */
  info?: (opts: AdapterOptions, engine: Engine) => Record<string, unknown>;
  /**
   * Whether databases opened under one name in this process share one LocalAdapter (one write
   * order, one change notifier), and under which key. A function gives the key (default: the
   * name). `false` gives every database its own LocalAdapter: engines that share a store must
   * then refuse stale commits and report each other's writes through `watch`.
   */
  share?: false | ((opts: AdapterOptions) => string);
  /** Throws (a PouchDB-style error) when the engine cannot store a database of this name. */
  checkName?: (name: string) => void;
  /** Whether the adapter can run here (PouchDB's `valid()`); default: always. */
  valid?: () => boolean;
  /** Whether names get `Satchel.prefix` (`_pouch_`) in front (PouchDB's `use_prefix`). */
  usePrefix?: boolean;
  /**
   * Called once for each LocalAdapter created (not for each handle sharing it), with its
   * engine: work an adapter starts once its store is open, e.g. background maintenance.
   */
  created?: (adapter: Adapter, engine: Engine, opts: AdapterOptions) => void;
  /** LocalAdapter settings no database option covers (e.g. `conflictRetry`). */
  settings?: Partial<Omit<LocalAdapterSettings, 'type' | 'info'>>;
}

/**
 * Turns an Engine into a registrable adapter factory: `Satchel.adapter(type, factory)`. It
 * checks the name, maps every PouchDB database option once (see {@link settingsFromOptions}),
 * shares one LocalAdapter per name unless told not to, and forgets a database that failed to
 * open so that opening it again retries.
 *
 * @example
 * ```ts
 * const mine = createLocalAdapterFactory({ type: 'mine', engine: (opts) => new MyEngine(opts.name) });
 * Satchel.adapter('mine', mine);
 * ```
 */
export function createLocalAdapterFactory(options: LocalAdapterFactoryOptions): AdapterFactory {
  const shared = new SharedAdapters();
  const keyOf = options.share ?? ((opts: AdapterOptions) => opts.name);
  const create = (opts: AdapterOptions): Adapter => {
    const engine = options.engine(opts);
    const adapter = new LocalAdapter(engine, {
      ...options.settings,
      ...settingsFromOptions(opts),
      type: options.type,
      info: options.info?.(opts, engine) ?? {},
    });
    options.created?.(adapter, engine, opts);
    return adapter;
  };
  const factory = (opts: AdapterOptions): Adapter => {
    options.checkName?.(opts.name);
    if (keyOf === false) return create(opts);
    const handle = shared.acquire(keyOf(opts), () => create(opts));
    // A store that failed to open (locked by another process…) must not stay shared: releasing
    // the handle evicts it; the failure still reaches callers through `ready()`.
    handle.ready().catch(() => handle.close().catch(() => undefined));
    return handle;
  };
  return Object.assign(factory, {
    valid: options.valid ?? ((): boolean => true),
    use_prefix: options.usePrefix ?? true,
  });
}
