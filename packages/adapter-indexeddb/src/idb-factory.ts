import { idbError } from './idb-errors.js';

/**
 * The IndexedDB factory of `factory` (the global `indexedDB` when not given); PouchDB's open
 * error where this realm has none.
 */
export function idbFactory(factory: IDBFactory | undefined): IDBFactory {
  const found = factory ?? (globalThis as { indexedDB?: IDBFactory }).indexedDB;
  if (!found) throw idbError({ name: 'InvalidStateError', message: 'no indexedDB' }, 'open');
  return found;
}
