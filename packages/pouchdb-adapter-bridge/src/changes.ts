import {
  type AdapterChangesOptions,
  type AnyDoc,
  type ChangesResponse,
  type ChangesResult,
  collectConflicts,
  collectLeaves,
  isDeleted,
  winningRev,
} from '@satchel/core';
import type { PouchHost, PouchInternals, PouchMetadata } from './pouch-adapter.js';

/**
 * The change row PouchDB's layer builds for its adapters (they call it as `opts.processChange`):
 * the winning revision, or every leaf with `style: 'all_docs'`, plus `deleted` and conflicts.
 * A winner whose body the adapter cannot find (pouchdb-adapter-leveldb-core stores a revision
 * with a generation past 2^53 under another key than the tree names) comes as `undefined`:
 * its row names the winner without a body, since a throw here is uncaught inside the adapter's
 * iterator and ends the process.
 */
export function processChange(
  found: AnyDoc | undefined,
  metadata: PouchMetadata,
  opts: { style?: string; conflicts?: boolean },
): ChangesResult & { doc: AnyDoc } {
  const doc = found ?? { _id: metadata.id, _rev: winningRev(metadata) };
  const changes =
    opts.style === 'all_docs'
      ? collectLeaves(metadata.rev_tree).map((leaf) => ({ rev: leaf.rev }))
      : [{ rev: doc._rev as string }];
  const change = { id: metadata.id, changes, doc } as ChangesResult & {
    doc: AnyDoc;
    deleted?: boolean;
  };
  if (isDeleted(metadata, doc._rev as string)) change.deleted = true;
  if (opts.conflicts) {
    const conflicts = collectConflicts(metadata);
    if (conflicts.length > 0) change.doc._conflicts = conflicts;
  }
  return change;
}

/**
 * One page of the changes feed through the adapter's `_changes`, with the options PouchDB
 * hands it: `complete`, `onChange`, `processChange`, `return_docs`, and never `continuous`
 * (live feeds are Satchel's, woken by the bridge's write notifications).
 */
export function readChanges(
  host: PouchHost & Pick<PouchInternals, '_changes'>,
  opts: AdapterChangesOptions,
): Promise<ChangesResponse> {
  const { signal, ...rest } = opts;
  return new Promise<ChangesResponse>((resolve, reject) => {
    const pouchOpts: Record<string, unknown> = {
      ...rest,
      since: rest.since || 0,
      descending: rest.descending === true,
      // PouchDB turns a limit of 0 into 1.
      ...(rest.limit !== undefined ? { limit: rest.limit === 0 ? 1 : rest.limit } : {}),
      continuous: false,
      return_docs: true,
      processChange,
      onChange: () => undefined,
      complete: (err: unknown, res: ChangesResponse) => {
        signal?.removeEventListener('abort', onAbort);
        if (err) reject(err);
        else resolve(res);
      },
    };
    const handle = host._changes(pouchOpts);
    function onAbort(): void {
      handle?.cancel?.();
      resolve({ results: [], last_seq: rest.since ?? 0, status: 'cancelled' });
    }
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
