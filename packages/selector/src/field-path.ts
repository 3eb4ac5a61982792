/**
 * Field paths: `"a.b.c"` names `doc.a.b.c`; a backslash before `.` or `$` makes that character
 * part of the name (`"a\\.b"` is the single field `"a.b"`). Other backslashes stay as they are.
 *
 * @packageDocumentation
 */

/**
 * Splits a field name into its path, as pouchdb-selector-core's `parseField`:
 * `'a.b'` gives `['a', 'b']`, `'a\\.b'` gives `['a.b']`, `'\\$x'` gives `['$x']`, `''` gives `['']`.
 * @param fieldName - the field as written in a selector, sort or index.
 */
export function parseField(fieldName: string): string[] {
  const path: string[] = [];
  let current = '';
  for (let i = 0; i < fieldName.length; i++) {
    const ch = fieldName[i]!;
    const escaped = i > 0 && fieldName[i - 1] === '\\' && (ch === '.' || ch === '$');
    if (escaped) {
      current = current.slice(0, -1) + ch;
    } else if (ch === '.') {
      path.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  path.push(current);
  return path;
}

/**
 * Reads the value at `path`, as pouchdb-selector-core's `getFieldFromDoc`: property reads, so
 * array indexes (`'tags.0'`) and a string's or array's `length` work, and the walk stops at the
 * first falsy value and returns it (so `'a.b'` of `{a: 0}` is `0`, a PouchDB quirk kept on
 * purpose). Unlike PouchDB, only own members are read: `constructor`, `toString` or `__proto__`
 * are missing unless the document has them (as in CouchDB and in Satchel's index keys), and
 * reading through `null` or `undefined` gives `undefined` instead of throwing. Iterative: any
 * depth is fine.
 * @param doc - the document (or any value) to read from.
 * @param path - a path from {@link parseField}.
 */
export function getFieldFromDoc(doc: unknown, path: readonly string[]): unknown {
  let value = doc;
  for (const key of path) {
    if (value === null || value === undefined || !Object.hasOwn(value as object, key))
      return undefined;
    value = (value as Record<string, unknown>)[key];
    if (!value) break;
  }
  return value;
}

/**
 * Writes `value` at `path` in `doc`, creating the objects on the way (pouchdb-selector-core's
 * `setFieldInDoc`, used to project `fields`). Only own members are followed and written, so a
 * path through `__proto__` or `constructor` cannot reach a prototype; a member on the way that is
 * not an object is replaced by one.
 * @param doc - the object to write into.
 * @param path - a path from {@link parseField}; must not be empty.
 * @param value - the value to store.
 */
export function setFieldInDoc(
  doc: Record<string, unknown>,
  path: readonly string[],
  value: unknown,
): void {
  let target = doc;
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i]!;
    const next = Object.hasOwn(target, key) ? target[key] : undefined;
    if (typeof next === 'object' && next !== null) {
      target = next as Record<string, unknown>;
    } else {
      const created: Record<string, unknown> = {};
      defineMember(target, key, created);
      target = created;
    }
  }
  const last = path[path.length - 1];
  if (last !== undefined) defineMember(target, last, value);
}

/** Sets an own, enumerable member (never invoking a setter such as `__proto__`'s). */
function defineMember(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, {
    value,
    writable: true,
    enumerable: true,
    configurable: true,
  });
}
