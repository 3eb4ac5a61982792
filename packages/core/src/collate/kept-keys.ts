/**
 * The keys of `object` that survive normalisation, in collation order.
 *
 * pouchdb-collate copies an object's own enumerable keys into a fresh `{}`, skipping those
 * whose value is `undefined`. Assigning `"__proto__"` to a fresh object sets its prototype
 * instead of adding a key, so that key vanishes too; we drop it explicitly, which gives the
 * same keys without ever touching a prototype.
 *
 * Allocation-light: the array from `Object.keys` is returned as is unless a key must go.
 */
export function keptKeys(object: Readonly<Record<string, unknown>>): string[] {
  const keys = Object.keys(object);
  for (let i = 0; i < keys.length; i++) {
    if (!isKept(object, keys[i]!)) return keys.filter((key) => isKept(object, key));
  }
  return keys;
}

function isKept(object: Readonly<Record<string, unknown>>, key: string): boolean {
  return key !== '__proto__' && object[key] !== undefined;
}
