import type { DocRecord, RevBody } from '../engine/engine.js';
import * as Errors from '../error-templates.js';
import { createError, type SatchelError } from '../errors.js';
import { occasional } from '../occasional.js';
import { extendLeaf, type LeafExtension } from '../rev-tree/extend-leaf.js';
import type { RevTreePath } from '../rev-tree/types.js';
import type { ParsedDoc } from './parse-doc.js';
import type { WritePlan } from './write-plan.js';

/** Settings of the database that shape every write. */
export interface WriteSettings {
  revsLimit: number;
  autoCompaction: boolean;
  deterministicRevs: boolean;
  newEdits: boolean;
  wasDelete: boolean;
  /**
   * Whether the records the engine reads are fresh copies (`freshReads`) that a write may
   * change in place instead of copying.
   */
  ownedRecords: boolean;
}

/** The outcome of one document of a write: the new revision or an error. */
export type DocOutcome = { ok: true; id: string; rev: string } | SatchelError;

/**
 * What {@link applyDoc} returns, having changed nothing, when the document needs code loaded
 * on first use (the general merge, `merge-doc.ts`; attachments) and that is not loaded yet:
 * the caller loads it and applies again.
 */
export const NEEDS_MERGE: unique symbol = Symbol('needs merge');

/**
 * Applies one parsed document to the plan, following PouchDB's rules for new documents,
 * updates, conflicts and resurrection of deleted documents.
 */
export function applyDoc(
  plan: WritePlan,
  parsed: ParsedDoc,
  settings: WriteSettings,
): DocOutcome | typeof NEEDS_MERGE {
  // Writes with attachments, replicated ones and those of databases with auto-compaction use
  // code loaded on first use: they load it before they get here, and this keeps it so.
  const needsCode = parsed.body._attachments || settings.autoCompaction || !settings.newEdits;
  if (needsCode && !occasional.loaded) return NEEDS_MERGE;
  const existing = plan.records.get(parsed.id);
  return existing ? updateDoc(plan, existing, parsed, settings) : insertDoc(plan, parsed, settings);
}

function insertDoc(
  plan: WritePlan,
  parsed: ParsedDoc,
  settings: WriteSettings,
): DocOutcome | typeof NEEDS_MERGE {
  let merged = firstRevision(parsed.path);
  if (!merged) {
    const code = occasional.loaded;
    if (!code) return NEEDS_MERGE;
    merged = code.mergeFirst(parsed.path, settings.revsLimit);
  }
  const { tree, winningRev: winner, deleted } = merged;
  if (settings.wasDelete && deleted) return createError(Errors.MISSING_DOC, 'deleted');
  // A first write that names a parent revision the database never had.
  const root = tree[0]?.ids[1];
  if (settings.newEdits && root?.status === 'missing') return createError(Errors.REV_CONFLICT);
  const record: DocRecord = {
    id: parsed.id,
    rev_tree: tree,
    winningRev: winner,
    deleted,
    seq: plan.nextSeq(),
  };
  writeRevision(plan, record, undefined, parsed, merged.stemmedRevs, settings);
  if (!deleted) plan.meta.docCount += 1;
  return { ok: true, id: parsed.id, rev: parsed.rev };
}

/**
 * What `merge([], path)` gives when `path` is a single revision (the usual new document),
 * built directly: one fresh root, nothing stemmed (any revs limit keeps one revision), and
 * that revision the winner, without walking the tree for it.
 */
function firstRevision(path: RevTreePath): LeafExtension | undefined {
  const [hash, opts, children] = path.ids;
  if (children.length > 0) return undefined;
  return {
    tree: [{ pos: path.pos, ids: [hash, { ...opts }, []] }],
    stemmedRevs: [],
    conflicts: 'new_leaf',
    winningRev: `${path.pos}-${hash}`,
    deleted: Boolean(opts.deleted),
  };
}

/**
 * The body stored for the new revision: with attachments, their references
 * (`attachment-refs-in.ts`, loaded on first use: {@link applyDoc} checked it is there).
 */
function storedBody(plan: WritePlan, record: DocRecord, parsed: ParsedDoc): RevBody {
  if (!parsed.body._attachments || parsed.deleted) return parsed.body;
  return occasional.loaded!.bodyWithAttachmentRefs(plan, record, parsed);
}

function updateDoc(
  plan: WritePlan,
  prev: DocRecord,
  parsed: ParsedDoc,
  settings: WriteSettings,
): DocOutcome | typeof NEEDS_MERGE {
  if (!settings.newEdits && occasional.loaded!.revExists(prev.rev_tree, parsed.rev)) {
    return { ok: true, id: parsed.id, rev: parsed.rev };
  }
  if (prev.deleted && !parsed.deleted && settings.newEdits && parsed.rev.startsWith('1-')) {
    // Recreating a deleted document continues its history from the deleted winner, with code
    // loaded on first use (`resurrection.ts`): nothing is changed yet if it is not there.
    const code = occasional.loaded;
    if (!code) return NEEDS_MERGE;
    parsed = code.resurrected(parsed, prev.winningRev);
  }
  // Most edits extend the only leaf of an unbranched history: that needs no general merge.
  let merged = extendLeaf(prev.rev_tree, parsed.path, settings.revsLimit, settings.ownedRecords);
  if (!merged) {
    // Nothing is changed yet: replicated histories, conflicts and branches go through the
    // general merge, loaded on first use.
    const code = occasional.loaded;
    if (!code) return NEEDS_MERGE;
    merged = code.mergeChecked(prev, parsed, settings);
    if (merged === undefined) return createError(Errors.REV_CONFLICT);
  }
  const record: DocRecord = {
    id: parsed.id,
    rev_tree: merged.tree,
    winningRev: merged.winningRev,
    deleted: merged.deleted,
    seq: plan.nextSeq(),
  };
  if (prev.attachments) record.attachments = true;
  writeRevision(plan, record, prev.seq, parsed, merged.stemmedRevs, settings);
  if (prev.deleted !== record.deleted) plan.meta.docCount += record.deleted ? -1 : 1;
  return { ok: true, id: parsed.id, rev: parsed.rev };
}

function writeRevision(
  plan: WritePlan,
  record: DocRecord,
  previousSeq: number | undefined,
  parsed: ParsedDoc,
  stemmedRevs: readonly string[],
  settings: WriteSettings,
): void {
  const body = storedBody(plan, record, parsed);
  const json = body === parsed.body ? parsed.bodyJson : undefined;
  plan.putRev({ id: record.id, rev: parsed.rev }, body, json);
  if (stemmedRevs.length > 0) plan.deleteRevs(record.id, stemmedRevs, record.attachments === true);
  if (settings.autoCompaction) occasional.loaded!.compactRecord(plan, record);
  plan.putRecord(record, previousSeq);
}
