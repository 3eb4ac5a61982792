import { collate } from '@satchel/core';
import { getFieldFromDoc, parseField } from '@satchel/selector';
import { indexFieldNames } from './index-definition.js';
import type { DocRow } from './read-index.js';
import type { IndexInfo } from './types.js';

/**
 * Drops the leading rows whose key equals `start` (views have no `inclusive_start`), as
 * pouchdb-find's `filterInclusiveStart`: the key is read from the document, and for a
 * several-field index cut to the length of `start`. Like PouchDB this runs after the view's
 * `limit`, so such a query may return fewer documents than the limit.
 * @param rows - rows in index order.
 * @param start - the exclusive start key.
 * @param index - the index read.
 */
export function dropInclusiveStart(rows: DocRow[], start: unknown, index: IndexInfo): DocRow[] {
  const paths = indexFieldNames(index.def).map(parseField);
  let skip = 0;
  for (const row of rows) {
    const key = paths.map((path) => getFieldFromDoc(row.doc, path));
    let docKey: unknown = key;
    if (paths.length === 1) docKey = key[0];
    else if (Array.isArray(start)) key.length = Math.min(key.length, start.length);
    if (collate(docKey, start) !== 0) break;
    skip++;
  }
  return skip > 0 ? rows.slice(skip) : rows;
}
