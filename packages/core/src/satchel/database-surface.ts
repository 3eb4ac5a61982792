import type { Adapter } from '../adapter/adapter.js';
import type { AnyDoc, WriteResponse } from '../types/documents.js';
import type { BulkDocsOptions, BulkDocsResultRow, GetOptions } from '../types/options.js';

/**
 * The key of {@link DatabaseSurface}'s `bulkDocs` as `db.bulkDocs(…)` runs it, for the
 * single-document writes: a symbol, so it adds no name to a database's surface.
 */
export const WRITE_BULK: unique symbol = Symbol('satchel.writeBulk');

/**
 * What the helpers behind the public methods use of a database: its own (possibly wrapped)
 * methods and its adapter. A structural type, so those helpers never import the Satchel class
 * (no file cycle) and plugins that wrap `get`/`put`/`bulkDocs` are called through.
 */
export interface DatabaseSurface {
  readonly _adapter: Adapter;
  readonly purged_infos_limit: number;
  /** Whether the database is behind HTTP. */
  readonly _remote: boolean;
  get(id: string, opts?: GetOptions): Promise<unknown>;
  put(doc: AnyDoc, opts?: BulkDocsOptions): Promise<WriteResponse>;
  bulkDocs(
    req: { docs: AnyDoc[] },
    opts?: BulkDocsOptions & { was_delete?: boolean },
  ): Promise<BulkDocsResultRow[]>;
  /** What `db.bulkDocs(req, opts)` does, without calling through a per-database function. */
  [WRITE_BULK](
    req: { docs: AnyDoc[] },
    opts: BulkDocsOptions & { was_delete?: boolean },
  ): Promise<BulkDocsResultRow[]>;
}
