import type { AdapterFactory, AdapterOptions } from '@satchel/core';
import { type AdapterRegistry, createLeveldbAdapter } from './level-adapter-factory.js';
import { levelPlacement, type Placement } from './level-placement.js';

function placementOf(opts: AdapterOptions): Placement {
  const level = levelPlacement(opts);
  if (level) return level;
  throw new TypeError(
    'In a browser the leveldb adapter needs the `level` option, e.g. ' +
      '`{ adapter: "leveldb", level: (name) => new BrowserLevel(name) }` (browser-level)',
  );
}

/**
 * The `leveldb` adapter of the browser entry: it stores into the abstract-level database the
 * `level` option gives (browser-level over IndexedDB, memory-level…); there are no directories.
 */
export const leveldbAdapter: AdapterFactory = createLeveldbAdapter(placementOf);

/** Registers the `leveldb` adapter (not preferred: it needs the `level` option). */
export function LeveldbAdapterPlugin(Satchel: AdapterRegistry): void {
  Satchel.adapter('leveldb', leveldbAdapter);
}
