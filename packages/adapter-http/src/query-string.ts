/** Parameters CouchDB takes as JSON values rather than plain strings. */
const JSON_PARAMS = new Set([
  'startkey',
  'endkey',
  'start_key',
  'end_key',
  'key',
  'keys',
  'open_revs',
]);

/**
 * Builds `?a=1&b=2` from the defined entries of `params`. Keys and `open_revs` are
 * JSON-encoded, as CouchDB expects; other values are sent as their string form.
 * @param params - the query parameters; `undefined` values are left out.
 * @returns the query string with its `?`, or `''` when empty.
 */
export function queryString(params: Record<string, unknown>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined) continue;
    const isJson = JSON_PARAMS.has(key) && !(key === 'open_revs' && value === 'all');
    search.set(key, isJson ? JSON.stringify(value) : String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
