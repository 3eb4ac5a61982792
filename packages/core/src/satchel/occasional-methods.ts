import { bulkGetViaGet } from '../bulk-get-via-get.js';
import * as Errors from '../error-templates.js';
import { createError } from '../errors.js';
import type { AttachmentData, WriteResponse } from '../types/documents.js';
import type { BulkGetRequest, BulkGetResponse } from '../types/options.js';
import { putAttachment } from './attachment-methods.js';
import { destroyDependents } from './dependents.js';
import { appendPurge } from './purges.js';
import { checkPurgeArgs } from './request-checks.js';
import type { Satchel } from './satchel.js';

// The bodies of Satchel methods most pages never call, or call once (`destroy`), with
// the code loaded on first use: the class keeps a stub per method that checks the call's
// state (closed, destroyed, open) and its callback at once, as PouchDB does, and runs the body
// from here. Internal to core (only `occasional-code.ts` imports this file).

/**
 * `putAttachment(docId, name, [rev], data, type)` with its callback taken off: the rev is
 * optional in the middle, as in PouchDB.
 */
export function putAttachmentCall(
  db: Satchel,
  docId: string,
  name: string,
  args: readonly unknown[],
): Promise<WriteResponse> {
  const [rev, data, type] =
    args.length >= 3
      ? (args as [string | null, AttachmentData, string])
      : [null, ...(args as [AttachmentData, string])];
  return putAttachment(db, docId, name, rev, data, type);
}

/**
 * `bulkGet`: through the adapter in one step when it answers as one `get` per id would (a
 * remote database, or a local one while `get` is Satchel's own — PouchDB's local `bulkGet`
 * calls `db.get`, and plugins that wrap it must see those reads — for string ids only), else
 * one `db.get` per document.
 */
export function bulkGetCall(
  db: Satchel,
  req: BulkGetRequest,
  ownGet: boolean,
): Promise<BulkGetResponse> {
  if (!req || !Array.isArray(req.docs))
    throw createError(Errors.BAD_REQUEST, 'bulkGet expects {docs: [...]}');
  const adapter = db._adapter;
  const direct = db._remote || (ownGet && req.docs.every((doc) => typeof doc?.id === 'string'));
  if (adapter.bulkGet && direct) return adapter.bulkGet(req);
  return bulkGetViaGet(db, req);
}

/**
 * `purge`: removes a leaf revision and logs it in `_local/purges` as PouchDB does; in the same
 * commit where the adapter can, so a crash cannot leave views serving the purged revision.
 */
export async function purgeCall(db: Satchel, docId: string, rev: string): Promise<unknown> {
  checkPurgeArgs(docId, rev);
  const { logged, ...res } = await db._adapter.purge(docId, rev, {
    logLimit: db.purged_infos_limit,
  });
  if (!logged) await appendPurge(db, docId, rev);
  return res;
}

/**
 * `destroy`: the dependent databases (view indexes) first, then the storage, then the
 * `destroyed` event. A remote database's dependents are the server's business, as in PouchDB.
 */
export async function destroyCall(db: Satchel): Promise<{ ok: true }> {
  if (!db._adapter.fetch) await destroyDependents(db);
  await db._adapter.destroy();
  db._destroyed = true;
  db.emit('destroyed');
  return { ok: true };
}

/**
 * Calls `method` with `args` and a Node-style callback, as PouchDB re-issues a call queued
 * before the database opened through a plugin's replacement of the method. A replacement
 * that answers with a promise and ignores the callback settles it too.
 */
export function callThrough<T>(
  self: object,
  method: (...args: unknown[]) => unknown,
  args: readonly unknown[],
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const out = method.call(self, ...args, (err: unknown, res: T) =>
      err ? reject(err) : resolve(res),
    );
    if (out && typeof (out as PromiseLike<T>).then === 'function') {
      (out as PromiseLike<T>).then(resolve, reject);
    }
  });
}
