import type { DocRecord } from '../engine/engine.js';
import * as Errors from '../error-templates.js';
import { createError } from '../errors.js';
import { latest } from '../rev-tree/latest.js';
import { collectLeaves } from '../rev-tree/leaves.js';
import { isRevString } from '../rev-tree/rev-string.js';
import type { AnyDoc } from '../types/documents.js';
import type { GetOptions, OpenRevsResult } from '../types/options.js';
import { type BodyReader, readRevision, withDocId } from './get.js';
import type { AdapterState } from './state.js';

// Reads replication makes (`open_revs`, `latest`), loaded on first use (occasional-code.ts).

/** `get` with `open_revs`: the requested leaves (or all of them), each read or `missing`. */
export async function openRevs(
  state: AdapterState,
  record: DocRecord | undefined,
  opts: GetOptions,
  read: BodyReader,
): Promise<OpenRevsResult[]> {
  let leaves: string[];
  if (opts.open_revs === 'all') {
    if (!record) throw createError(Errors.MISSING_DOC);
    leaves = collectLeaves(record.rev_tree).map((leaf) => leaf.rev);
  } else if (Array.isArray(opts.open_revs)) {
    if (!opts.open_revs.every(isRevString)) throw createError(Errors.INVALID_REV);
    leaves = opts.open_revs;
  } else {
    throw createError(Errors.UNKNOWN_ERROR, 'function_clause');
  }
  const results: OpenRevsResult[] = [];
  const seen = new Set<string>();
  for (const leaf of leaves) {
    const doc = record ? await tryRead(state, record, leaf, opts, read) : undefined;
    if (!doc) results.push({ missing: leaf });
    else if (!seen.has(doc._rev as string)) {
      // `latest` can map several requested revisions onto one leaf.
      seen.add(doc._rev as string);
      results.push({ ok: doc as OpenRevsResult extends { ok: infer D } ? D : never });
    }
  }
  return results;
}

async function tryRead(
  state: AdapterState,
  record: DocRecord,
  rev: string,
  opts: GetOptions,
  read: BodyReader,
): Promise<AnyDoc | undefined> {
  try {
    const shape = {
      rev,
      revs: opts.revs,
      latest: opts.latest,
      attachments: opts.attachments,
      binary: opts.binary,
    };
    return await readRevision(state, record, shape, read);
  } catch {
    return undefined;
  }
}

/** The leaf `rev` leads to; an unknown revision is PouchDB's 404 rather than a thrown Error. */
export function latestOrMissing(rev: string, record: DocRecord): string {
  try {
    return latest(rev, record);
  } catch {
    throw withDocId(createError(Errors.MISSING_DOC), record.id);
  }
}
