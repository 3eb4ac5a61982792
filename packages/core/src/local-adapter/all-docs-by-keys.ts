import type { AllDocsOptions, AllDocsResponse, AllDocsRow } from '../types/options.js';
import { attachDocs, finish } from './all-docs.js';
import type { AdapterState } from './state.js';

// `allDocs` with `keys` (a multi-get), loaded on first use (occasional-code.ts).

/** `allDocs` with `keys`: one row per key, in the order given, missing ones `not_found`. */
export async function allDocsByKeys(
  state: AdapterState,
  opts: AllDocsOptions,
  keys: string[],
): Promise<AllDocsResponse> {
  const records = await recordsOf(state, keys);
  const rows: AllDocsRow[] = keys.map((key, i) => {
    const record = records[i];
    if (!record) return { key, error: 'not_found' } as AllDocsRow;
    const row: AllDocsRow = { id: record.id, key: record.id, value: { rev: record.winningRev } };
    if (record.deleted) {
      row.value.deleted = true;
      row.doc = null;
    }
    return row;
  });
  const live = rows.flatMap((row, i) =>
    records[i] && !records[i]!.deleted ? [[row, records[i]!] as const] : [],
  );
  if (opts.include_docs) await attachDocs(state, live, opts);
  return finish(state, opts, rows, opts.skip);
}

/**
 * The records of `keys`, in order. Only string keys reach the engine (a key-value store may
 * refuse `null`); any other key names no document and gets a `not_found` row.
 */
async function recordsOf(
  state: AdapterState,
  keys: readonly unknown[],
): Promise<Awaited<ReturnType<AdapterState['engine']['getDocs']>>> {
  const ids = keys.filter((key): key is string => typeof key === 'string');
  const found = ids.length > 0 ? await state.engine.getDocs(ids) : [];
  let next = 0;
  return keys.map((key) => (typeof key === 'string' ? found[next++] : undefined));
}
