import type { DocRecord } from '@satchel/core';

/** The fields of a `DocRecord` the compact row form carries. */
const KNOWN = new Set(['id', 'rev_tree', 'winningRev', 'deleted', 'seq', 'attachments']);

/** A doc record as a positional row: `[id, rev_tree, winningRev, deleted, seq, attachments?]`. */
export type DocRow = [string, DocRecord['rev_tree'], string, 0 | 1, number, 1?];

/**
 * The record as a row when it has only the known fields (the snapshot index holds one per
 * document, so field names would be a third of its size); `undefined` when it carries anything
 * else, which is then stored as it is.
 */
export function toRow(r: DocRecord): DocRow | undefined {
  for (const key of Object.keys(r)) if (!KNOWN.has(key)) return undefined;
  const row: DocRow = [r.id, r.rev_tree, r.winningRev, r.deleted ? 1 : 0, r.seq];
  if (r.attachments) row.push(1);
  return row;
}

/** The record a row stands for. */
export function fromRow(row: DocRow): DocRecord {
  const [id, rev_tree, winningRev, deleted, seq, attachments] = row;
  const record: DocRecord = { id, rev_tree, winningRev, deleted: deleted === 1, seq };
  if (attachments === 1) record.attachments = true;
  return record;
}
