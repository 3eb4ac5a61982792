/**
 * How pouchdb's `leveldb` adapter (pouchdb-adapter-leveldb-core over sublevel-pouchdb) lays out
 * one database in a LevelDB directory. Facts read from PouchDB's source; the same layout is
 * written by PouchDB 5 through 9.
 *
 * Every key is text: `'\xff' + sublevel + '\xff' + key`, stored as UTF-8.
 *
 * | sublevel | key | value |
 * |---|---|---|
 * | `document-store` | doc id | metadata JSON: `rev_tree`, `rev_map` (rev → seq), `seq`, `winningRev`, `deleted` |
 * | `by-sequence` | seq, 16 zero-padded digits | the body of the revision written at that seq (`_id`, `_rev`, …) |
 * | `attach-store` | digest | `{ refs: { "id@rev": true } }` |
 * | `attach-binary-store` | digest | the attachment's bytes (empty attachments are not stored) |
 * | `local-store` | `_local/…` id | the local document, `_id` and `_rev` (`0-N`) included |
 * | `meta-store` | `_local_last_update_seq`, `_local_doc_count`, `_local_uuid` | JSON |
 *
 * @packageDocumentation
 */

/** The sublevels PouchDB's leveldb adapter writes. */
export const POUCH_STORES = {
  docs: 'document-store',
  bySeq: 'by-sequence',
  attachments: 'attach-store',
  binaries: 'attach-binary-store',
  locals: 'local-store',
  meta: 'meta-store',
} as const;

/** A sublevel name of {@link POUCH_STORES}. */
export type PouchStore = (typeof POUCH_STORES)[keyof typeof POUCH_STORES];

/** The meta-store keys. */
export const POUCH_META = {
  updateSeq: '_local_last_update_seq',
  docCount: '_local_doc_count',
  uuid: '_local_uuid',
} as const;

/** The separator sublevel-pouchdb puts around each sublevel name. */
export const SEP = '\xff';

/** The key prefix of `store`. */
export function storePrefix(store: PouchStore): string {
  return `${SEP}${store}${SEP}`;
}

/** The full key of `key` in `store`. */
export function pouchKey(store: PouchStore, key: string): string {
  return storePrefix(store) + key;
}

/** The by-sequence key of `seq`, as PouchDB formats it. */
export function seqKey(seq: number): string {
  return `0000000000000000${seq}`.slice(-16);
}

/** Which sublevel a full key belongs to, or `undefined` when it is not one of PouchDB's. */
export function storeOfKey(key: string): PouchStore | undefined {
  if (!key.startsWith(SEP)) return undefined;
  const end = key.indexOf(SEP, 1);
  if (end < 0) return undefined;
  const name = key.slice(1, end);
  return (Object.values(POUCH_STORES) as string[]).includes(name)
    ? (name as PouchStore)
    : undefined;
}

/** The name PouchDB's format is called by in messages. */
export const POUCH_FORMAT = "PouchDB's leveldb adapter format";
