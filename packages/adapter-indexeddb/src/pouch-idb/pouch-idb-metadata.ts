/**
 * A `document-store` entry as some release of PouchDB's `idb` adapter wrote it. Three shapes
 * exist, and a database keeps whichever its last writer used until PouchDB itself upgrades it:
 * - schema 5 (PouchDB 3.3 and later): the metadata as JSON text in `data`, `seq` beside it;
 * - schemas 3 and 4 (PouchDB 3.0 to 3.2): `data` too, but `seq` only inside the JSON;
 * - schemas 1 and 2 (PouchDB 1 and 2): the metadata object itself (`id`, `rev_tree`, `seq`).
 */
export interface StoredMetadataEntry {
  id: string;
  data?: unknown;
  seq?: unknown;
  rev_tree?: unknown;
}

/** What every shape tells: the rev tree, and the doc's last seq where it is written down. */
export interface DecodedMetadata {
  tree: unknown;
  /** `undefined` when the entry does not say (the caller finds it in `by-sequence`). */
  seq: number | undefined;
}

/**
 * Reads an entry of any of the three shapes; throws (JSON's SyntaxError) when `data` is text
 * that is not JSON. The tree is returned as found: the caller checks it.
 */
export function decodeMetadataEntry(entry: StoredMetadataEntry): DecodedMetadata {
  const metadata =
    typeof entry.data === 'string'
      ? (JSON.parse(entry.data) as { rev_tree?: unknown; seq?: unknown } | null)
      : entry;
  const seq = [entry.seq, metadata?.seq].find((value) => Number.isSafeInteger(value));
  return { tree: metadata?.rev_tree, seq: seq as number | undefined };
}

/**
 * Whether the database predates the `local-store` (schemas 1 and 2): `_local/` documents are
 * then ordinary entries of `document-store` and `by-sequence`, which PouchDB moves out when it
 * upgrades the database.
 */
export function keepsLocalsAsDocs(db: IDBDatabase): boolean {
  return db.version < 3;
}

/** Whether `id` names a `_local/` document. */
export function isLocalId(id: string): boolean {
  return id.startsWith('_local/');
}
