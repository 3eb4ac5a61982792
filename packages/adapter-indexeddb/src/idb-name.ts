/**
 * The IndexedDB database that holds Satchel database `name`. The prefix keeps it apart from
 * PouchDB's own (`_pouch_<name>`) on the same origin, whose layout differs.
 */
export function indexedDbName(name: string): string {
  return `satchel/${name}`;
}
