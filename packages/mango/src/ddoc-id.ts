/**
 * The design doc id an index's `ddoc` names. CouchDB takes `foo` and `_design/foo` alike (as
 * pouchdb-find does over HTTP); pouchdb-find locally would write `_design/_design/foo`.
 * @param ddoc - the `ddoc` given to `createIndex` or `deleteIndex`.
 */
export function designDocId(ddoc: string): string {
  return ddoc.startsWith('_design/') ? ddoc : `_design/${ddoc}`;
}
