import {
  type AdapterBulkDocsOptions,
  type AnyDoc,
  type BulkDocsResultRow,
  isLocalId,
} from '@satchel/core';
import { viaCallback } from './node-callback.js';
import type { PouchHost, PouchInternals } from './pouch-adapter.js';
import { attachmentsAsBase64 } from './wire-attachments.js';

type Writer = PouchHost & Pick<PouchInternals, '_bulkDocs' | '_putLocal' | '_removeLocal'>;

/**
 * Writes through the adapter's `_bulkDocs`. Local documents go to `_putLocal`/`_removeLocal`
 * when the adapter has them, as PouchDB's `put` and `remove` send them (Satchel writes every
 * document through `bulkDocs`, so this is where both paths meet). Rows come back in order.
 */
export async function bulkDocs(
  host: Writer,
  docs: AnyDoc[],
  opts: AdapterBulkDocsOptions,
): Promise<BulkDocsResultRow[]> {
  const rows: BulkDocsResultRow[] = new Array(docs.length);
  const regular: AnyDoc[] = [];
  const regularAt: number[] = [];
  const locals: Promise<void>[] = [];
  docs.forEach((doc, i) => {
    const method = localWriter(host, doc);
    if (!method) {
      regular.push(doc);
      regularAt.push(i);
      return;
    }
    locals.push(
      viaCallback((cb) => method.call(host, doc, cb)).then(
        (row) => {
          rows[i] = row as BulkDocsResultRow;
        },
        (err: unknown) => {
          rows[i] = err as BulkDocsResultRow;
        },
      ),
    );
  });
  await Promise.all(locals);
  if (regular.length > 0) {
    const pouchOpts: Record<string, unknown> = { new_edits: opts.new_edits };
    if (opts.was_delete) pouchOpts.was_delete = true;
    const sent = opts.new_edits === false ? await attachmentsAsBase64(regular) : regular;
    const written = await viaCallback<unknown[]>((cb) =>
      (host as Writer & PouchInternals)._bulkDocs({ docs: sent }, pouchOpts, cb),
    );
    (written ?? []).forEach((row, j) => {
      const at = regularAt[j];
      if (at !== undefined) rows[at] = row as BulkDocsResultRow;
    });
  }
  return rows.filter((row) => row !== undefined);
}

function localWriter(
  host: Writer,
  doc: AnyDoc,
): ((doc: AnyDoc, cb: (err?: unknown, res?: unknown) => void) => void) | undefined {
  if (typeof doc._id !== 'string' || !isLocalId(doc._id)) return undefined;
  const method = doc._deleted ? host._removeLocal : host._putLocal;
  return typeof method === 'function' ? method : undefined;
}
