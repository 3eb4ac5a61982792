/** The IndexedDB database in which PouchDB's `idb` and `indexeddb` adapters keep `name`. */
export function pouchIdbName(name: string): string {
  return `_pouch_${name}`;
}
