/**
 * Splits `'ddoc/name'` into `[ddoc, name]`; a bare `'name'` means `['name', 'name']` (CouchDB's
 * shorthand). Anything with more slashes is no function name at all: `null`.
 */
export function parseDesignDocFunctionName(name: string): [string, string] | null {
  if (!name) return null;
  const parts = name.split('/');
  if (parts.length === 2) return parts as [string, string];
  if (parts.length === 1) return [name, name];
  return null;
}

/** `'name'` → `'name/name'`; invalid names → `null` (which PouchDB then treats as no filter). */
export function normalizeDesignDocFunctionName(name: string): string | null {
  const parts = parseDesignDocFunctionName(name);
  return parts ? parts.join('/') : null;
}
