import * as Errors from '../error-templates.js';
import { createError, isSatchelError } from '../errors.js';
import type { AnyDoc } from '../types/documents.js';
import type { BulkDocsResultRow } from '../types/options.js';
import { applyDoc, type WriteSettings } from './apply-doc.js';
import type { Parsed } from './bulk-docs.js';
import { putLocalInPlan, removeLocalInPlan } from './local-docs.js';
import type { AdapterState } from './state.js';
import type { WritePlan } from './write-plan.js';

/**
 * `applyItems` (bulk-docs.ts) from the `from`th document on, once one needed more than an
 * ordinary edit: a `_local` document, or a merge (replicated histories, conflicts, branches).
 * Part of the code loaded on first use, so `applyDoc` finds what it needs and never asks again.
 */
export async function applyRest(
  state: AdapterState,
  plan: WritePlan,
  parsed: readonly Parsed[],
  settings: WriteSettings,
  rows: BulkDocsResultRow[],
  order: readonly number[] | undefined,
  from: number,
): Promise<BulkDocsResultRow[]> {
  for (let k = from; k < parsed.length; k++) {
    const index = order ? order[k]! : k;
    const item = parsed[index]!;
    if (!('parsed' in item)) {
      rows[index] = await applyLocal(state, plan, item.local);
      continue;
    }
    // Loaded now, `applyDoc` cannot answer NEEDS_MERGE again.
    rows[index] = applyDoc(plan, item.parsed, settings) as BulkDocsResultRow;
  }
  return rows;
}

/** Writes a `_local` document in the plan, under the write lock, in its place among writes. */
async function applyLocal(
  state: AdapterState,
  plan: WritePlan,
  doc: AnyDoc,
): Promise<BulkDocsResultRow> {
  try {
    return doc._deleted
      ? await removeLocalInPlan(state, plan, doc)
      : await putLocalInPlan(state, plan, doc);
  } catch (err) {
    // A row is an error when it says so (`error: true`); anything else thrown must say so too.
    return (
      isSatchelError(err) ? err : createError(Errors.UNKNOWN_ERROR, String(err))
    ) as BulkDocsResultRow;
  }
}
