import { type AdapterFactory, type AdapterOptions, createLocalAdapterFactory } from '@satchel/core';
import { GDriveEngine } from './gdrive-engine.js';
import { checkDriveOptions, type GDriveOptions } from './gdrive-options.js';
import { mergeDuplicates } from './merge-duplicates.js';

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
  checkDriveOptions(opts);
  return { ...(opts as Partial<GDriveOptions>), getAccessToken } as GDriveOptions;
}

/**
 * Handles on one database share one LocalAdapter (one write order) when they reach the same
 * Drive with the same token source: one signed-in app. Another token function is another
 * device, with an engine of its own (as in the multi-device tests).
 */
function shareKey(opts: AdapterOptions): string {
  const options = driveOptionsOf(opts);
  return [
    sourceId(options.getAccessToken),
    options.baseUrl ?? '',
    options.parent ?? 'root',
    opts.name,
  ].join('\u0000');
}

/**
 * The `gdrive` adapter: the database is a folder in the user's Google Drive, named after the
 * database. Needs `getAccessToken` in the constructor options (see `GDriveOptions`). PouchDB's
 * database options (`revs_limit`, `auto_compaction`, `deterministic_revs`) are mapped by core's
 * `createLocalAdapterFactory`.
 */
export const gdriveAdapter: AdapterFactory = createLocalAdapterFactory({
  type: 'gdrive',
  engine: (opts) => {
    const options = driveOptionsOf(opts);
    const engine = new GDriveEngine(opts.name, options);
    options.onEngine?.(engine);
    return engine;
  },
  info: () => ({ backend_adapter: 'GoogleDrive' }),
  share: shareKey,
  // The name is a folder name in Drive, not a path: `prefix` is not applied.
  usePrefix: false,
  // Works wherever `fetch` does.
  valid: () => typeof globalThis.fetch === 'function',
  created: (adapter, engine, opts) => {
    // In the background: a failure leaves the duplicates for the next open.
    adapter
      .ready()
      .then(() => mergeDuplicates(engine as GDriveEngine, adapter, driveOptionsOf(opts)))
      .catch(() => undefined);
  },
  settings: {
    // Drive round trips take hundreds of ms and every device shares one pointer: a refused
    // write waits longer, and longer between tries, than on a local store.
    conflictRetry: { baseDelay: 20, maxDelay: 500, timeout: 300_000 },
  },
});

/** What the plugin needs of the constructor: PouchDB's adapter registry. */
export interface AdapterRegistry {
  adapter(name: string, factory: AdapterFactory, preferred?: boolean): unknown;
}

/** Registers the `gdrive` adapter: `Satchel.plugin(GDriveAdapterPlugin)`. */
export function GDriveAdapterPlugin(Satchel: AdapterRegistry): void {
  Satchel.adapter('gdrive', gdriveAdapter);
}
