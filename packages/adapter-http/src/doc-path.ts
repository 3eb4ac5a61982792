/** Prefixes CouchDB expects unescaped in a document's path. */
const READABLE_PREFIXES = ['_design/', '_local/'];

/**
 * The path segment of a document id: percent-encoded (`/`, `+`, unicode…), except that the
 * `_design/` and `_local/` prefixes stay readable, as CouchDB and PouchDB expect.
 * @param id - a document id.
 */
export function docPath(id: string): string {
  for (const prefix of READABLE_PREFIXES) {
    if (id.startsWith(prefix)) return prefix + encodeURIComponent(id.slice(prefix.length));
  }
  return encodeURIComponent(id);
}

/**
 * The path of an attachment of a document.
 * @param id - the document id.
 * @param name - the attachment name (may contain `/`, each part is encoded).
 */
export function attachmentPath(id: string, name: string): string {
  return `${docPath(id)}/${name.split('/').map(encodeURIComponent).join('/')}`;
}
