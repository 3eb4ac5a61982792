import type { AdapterFactory, AdapterOptions } from '@satchel/core';
import { newHttpAdapter } from './pending-http-adapter.js';

/**
 * The `http`/`https` adapter factory: database names are URLs, so no prefix is applied.
 * Register it with `Satchel.adapter('http', httpAdapter)` or use {@link HttpAdapterPlugin}.
 * The adapter's code is loaded when the first remote database is opened (pending-http-adapter.ts).
 */
export const httpAdapter: AdapterFactory = Object.assign(
  (opts: AdapterOptions) => newHttpAdapter(opts),
  { use_prefix: false, valid: () => typeof fetch === 'function' },
);

/** What the plugin needs of the constructor: PouchDB's adapter registry. */
export interface HttpAdapterRegistry {
  adapter(name: string, factory: AdapterFactory, preferred?: boolean): unknown;
}

/**
 * Registers the adapter as `http` and `https` (not preferred), as PouchDB's
 * `pouchdb-adapter-http` does: `Satchel.plugin(HttpAdapterPlugin)`.
 */
export function HttpAdapterPlugin(Satchel: HttpAdapterRegistry): void {
  Satchel.adapter('http', httpAdapter, false);
  Satchel.adapter('https', httpAdapter, false);
}
