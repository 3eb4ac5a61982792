import { join } from 'node:path';
import { type AdapterFactory, createLocalAdapterFactory } from '@satchel/core/engine';
import { SnapshotEngine } from './snapshot-engine.js';

export { SnapshotEngine } from './snapshot-engine.js';

/**
 * The adapter to register: each database is the file `<directory>/<name>.json` (the name
 * percent-encoded, so any database name makes one file name).
 *
 * @example
 * ```ts
 * Satchel.adapter('snapshot', snapshotAdapter('./data'));
 * const db = new Satchel('notes', { adapter: 'snapshot' });
 * ```
 */
export function snapshotAdapter(directory: string): AdapterFactory {
  return createLocalAdapterFactory({
    type: 'snapshot',
    engine: (opts) => new SnapshotEngine(snapshotPath(directory, opts.name)),
    // The name becomes a file name: a prefix would only make it longer.
    usePrefix: false,
  });
}

/** Where the database called `name` lives under `directory`. */
export function snapshotPath(directory: string, name: string): string {
  return join(directory, `${encodeURIComponent(name)}.json`);
}
