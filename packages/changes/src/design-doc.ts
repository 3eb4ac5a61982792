import type { AnyDoc, Satchel } from '@satchel/core';

/**
 * Reads `_design/<name>` through the instance's `get`, so plugins wrapping `get` see the read.
 * A missing or deleted design document rejects with `get`'s own 404, as in PouchDB.
 */
export async function getDesignDoc(db: Satchel, name: string): Promise<AnyDoc> {
  return (await db.get(`_design/${name}`)) as AnyDoc;
}

/** `ddoc[section][key]` when it is there, else `undefined` (design docs are user data). */
export function designDocEntry(ddoc: AnyDoc, section: string, key: string): unknown {
  const group = ddoc[section];
  if (!group || typeof group !== 'object') return undefined;
  return Object.hasOwn(group, key) ? (group as Record<string, unknown>)[key] : undefined;
}
