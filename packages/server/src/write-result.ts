import type { BulkRow, WriteResult } from './server-db.js';

/** `{ok, id, rev}` as CouchDB answers a single write. */
export function couchWriteResult(result: WriteResult): WriteResult {
  return { ok: true, id: result.id, rev: result.rev };
}

/** A `bulkDocs` row in CouchDB's shape: `{ok,id,rev}` or `{id,error,reason}`. */
export function couchBulkRow(row: BulkRow): Record<string, unknown> {
  if (row.error !== undefined || (row.status !== undefined && row.status >= 400)) {
    const out: Record<string, unknown> = {
      id: row.id,
      error: typeof row.error === 'string' ? row.error : row.name,
      reason: row.reason ?? row.message,
    };
    if (row.rev) out.rev = row.rev;
    return out;
  }
  return { ok: true, id: row.id, rev: row.rev };
}
