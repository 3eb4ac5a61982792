import {
  type Adapter,
  type AdapterFactory,
  type AdapterOptions,
  LocalAdapter,
  type LocalAdapterSettings,
  SharedAdapters,
} from '@satchel/core';
import { GDriveEngine } from './gdrive-engine.js';
import type { GDriveOptions } from './gdrive-options.js';
import { mergeDuplicates } from './merge-duplicates.js';

/** Handles on one database with one token source share one LocalAdapter (one write order). */
const sharedAdapters = new SharedAdapters();

/** Ids for token functions: each is one signed-in app, so it keys the shared adapters. */
const sourceIds = new WeakMap<object, number>();
let lastSourceId = 0;

function sourceId(source: object): number {
  let id = sourceIds.get(source);
  if (id === undefined) {
    id = ++lastSourceId;
    sourceIds.set(source, id);
  }
  return id;
}

/** The Drive options among the constructor's options; `getAccessToken` is required. */
function driveOptionsOf(opts: AdapterOptions): GDriveOptions {
  const getAccessToken = opts.getAccessToken;
  if (typeof getAccessToken !== 'function') {
    throw new TypeError(
      'The gdrive adapter needs a `getAccessToken` option: a function returning an OAuth token',
    );
  }
  return { ...(opts as Partial<GDriveOptions>), getAccessToken } as GDriveOptions;
}

/** The LocalAdapter settings the constructor options ask for; absent ones keep the defaults. */
function settingsOf(opts: AdapterOptions): Partial<LocalAdapterSettings> {
  const settings: Partial<LocalAdapterSettings> = {
    type: 'gdrive',
    info: { backend_adapter: 'GoogleDrive' },
    // Drive round trips take hundreds of ms and every device shares one pointer: a refused
    // write waits longer, and longer between tries, than on a local store.
    conflictRetry: { baseDelay: 20, maxDelay: 500, timeout: 300_000 },
  };
  if (typeof opts.revs_limit === 'number') settings.revsLimit = opts.revs_limit;
  if (typeof opts.auto_compaction === 'boolean') settings.autoCompaction = opts.auto_compaction;
  if (typeof opts.deterministic_revs === 'boolean') {
    settings.deterministicRevs = opts.deterministic_revs;
  }
  return settings;
}

function gdriveAdapterFactory(opts: AdapterOptions): Adapter {
  const options = driveOptionsOf(opts);
  const key = [
    sourceId(options.getAccessToken),
    options.baseUrl ?? '',
    options.parent ?? 'root',
    opts.name,
  ].join('\u0000');
  return sharedAdapters.acquire(key, () => {
    const engine = new GDriveEngine(opts.name, options);
    options.onEngine?.(engine);
    const adapter = new LocalAdapter(engine, settingsOf(opts));
    // In the background: a failure leaves the duplicates for the next open.
    adapter
      .ready()
      .then(() => mergeDuplicates(engine, adapter, options))
      .catch(() => undefined);
    return adapter;
  });
}

/**
 * The `gdrive` adapter: the database is a folder in the user's Google Drive, named after the
 * database. Needs `getAccessToken` in the constructor options (see `GDriveOptions`).
 */
export const gdriveAdapter: AdapterFactory = Object.assign(gdriveAdapterFactory, {
  /** Works wherever `fetch` does. */
  valid: (): boolean => typeof globalThis.fetch === 'function',
  /** The name is a folder name in Drive, not a path: `prefix` is not applied. */
  use_prefix: false,
});

/** What the plugin needs of the constructor: PouchDB's adapter registry. */
export interface AdapterRegistry {
  adapter(name: string, factory: AdapterFactory, preferred?: boolean): unknown;
}

/** Registers the `gdrive` adapter: `Satchel.plugin(GDriveAdapterPlugin)`. */
export function GDriveAdapterPlugin(Satchel: AdapterRegistry): void {
  Satchel.adapter('gdrive', gdriveAdapter);
}
