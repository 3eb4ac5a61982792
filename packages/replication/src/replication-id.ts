import { collate, stringMd5 } from '@satchel/core';
import type { ReplicateOptions, ReplicationDb } from './types.js';

/** `query_params` with keys in collation order, so equal params give equal ids. */
function sortedParams(params: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(params).sort(collate)) out[key] = params[key];
  return out;
}

/**
 * Base64 of the MD5 of `text` as a binary string (each code unit one byte), as PouchDB's
 * `binaryMd5` of a string gives it. Computed from the hex digest of the same bytes
 * (`stringMd5`), which the page has loaded anyway.
 */
function base64Md5(text: string): string {
  const bytes = stringMd5(text)
    .match(/../g)!
    .map((hex) => Number.parseInt(hex, 16));
  return btoa(String.fromCharCode(...bytes));
}

/**
 * The replication id PouchDB 9 computes, so checkpoints written by either library are found by
 * the other: `_local/` + base64 MD5 (`/` → `.`, `+` → `_`) of the two database ids followed by
 * the filter source, view name, sorted query params, sorted doc ids and selector.
 * @param src - the source database.
 * @param target - the target database.
 * @param opts - the replication options as the caller gave them.
 */
export async function replicationId(
  src: ReplicationDb,
  target: ReplicationDb,
  opts: ReplicateOptions,
): Promise<string> {
  const docIds = opts.doc_ids ? [...opts.doc_ids].sort(collate).join(',') : '';
  const filter = opts.filter ? opts.filter.toString() : '';
  const view = opts.filter === '_view' && opts.view !== undefined ? String(opts.view) : '';
  const params =
    opts.filter && opts.query_params ? JSON.stringify(sortedParams(opts.query_params)) : '';
  const selector = opts.selector ? JSON.stringify(opts.selector) : '';
  const [srcId, targetId] = await Promise.all([src.id(), target.id()]);
  const md5 = base64Md5(srcId + targetId + filter + view + params + docIds + selector);
  return `_local/${md5.replace(/\//g, '.').replace(/\+/g, '_')}`;
}
