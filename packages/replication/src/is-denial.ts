/**
 * Whether an error is a 401/403 refusal (names compared in any case: Sync Gateway capitalises
 * them). Refused documents are `denied` events; a refused request ends a replication even with
 * `retry`, as in PouchDB.
 */
export function isDenial(err: unknown): boolean {
  const name = String((err as { name?: unknown } | null)?.name ?? '').toLowerCase();
  return name === 'unauthorized' || name === 'forbidden';
}
