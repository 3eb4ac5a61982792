import type { AdapterBulkDocsOptions } from '../adapter/adapter.js';
import { clone } from '../clone.js';
import type { DocRecord } from '../engine/engine.js';
import { uuid } from '../ids.js';
import { occasional } from '../occasional.js';
import { isLocalId } from '../rev-tree/local-id.js';
import type { AnyDoc } from '../types/documents.js';
import type { BulkDocsResultRow } from '../types/options.js';
import { applyDoc, NEEDS_MERGE, type WriteSettings } from './apply-doc.js';
import { commitWrite } from './commit-plan.js';
import { groupedWrite } from './group-commit.js';
import { NEEDS_LARGE_DATA_HASHING, type ParsedDoc, parseNewEdit } from './parse-doc.js';
import type { AdapterState } from './state.js';
import type { WritePlan } from './write-plan.js';

/**
 * A document of a write: a `_local` one, or a parsed revision; `generated` when its id was just
 * made up for it (a random UUID: no store holds a record of it, so none is read).
 */
export type Parsed = { local: AnyDoc } | { parsed: ParsedDoc; generated: boolean };

/** What a write gives its caller: a row per document, and whether any document changed. */
export interface WriteOutcome {
  rows: BulkDocsResultRow[];
  changed: boolean;
}

/**
 * Writes documents in one atomic commit. Parse errors (bad rev, bad id, bad field) reject the
 * whole call as PouchDB does; conflicts are per-document error rows. Never throws: every
 * failure is a rejection.
 */
export function bulkDocs(
  state: AdapterState,
  input: AnyDoc[],
  opts: AdapterBulkDocsOptions,
): Promise<WriteOutcome> {
  // Replicated revisions (`new_edits: false`) are parsed by code loaded on first use.
  if (!opts.new_edits && !occasional.loaded) {
    return occasional.load().then(() => bulkDocs(state, input, opts));
  }
  try {
    return writeParsed(state, input, opts);
  } catch (err) {
    // Large attachment data is hashed by code loaded on first use. Nothing was written;
    // ids generated meanwhile stay, and the second attempt (which looks them up) finds nothing.
    if (err === NEEDS_LARGE_DATA_HASHING)
      return occasional.load().then(() => bulkDocs(state, input, opts));
    return Promise.reject(err);
  }
}

/** {@link bulkDocs}, once the code it needs is loaded; parse errors throw. */
function writeParsed(
  state: AdapterState,
  input: AnyDoc[],
  opts: AdapterBulkDocsOptions,
): Promise<WriteOutcome> {
  const settings: WriteSettings = {
    revsLimit: state.settings.revsLimit,
    autoCompaction: state.settings.autoCompaction,
    deterministicRevs: state.settings.deterministicRevs,
    newEdits: opts.new_edits,
    wasDelete: opts.was_delete === true,
    ownedRecords: state.engine.freshReads === true,
  };
  const replicated = opts.new_edits ? undefined : occasional.loaded!.parseReplicated;
  const parsed: Parsed[] = new Array(input.length);
  let withAttachments = false;
  for (let i = 0; i < input.length; i++) {
    const item = parse(input[i]!, opts.new_edits, settings, replicated);
    parsed[i] = item;
    if ('parsed' in item && item.parsed.body._attachments) withAttachments = true;
  }
  // Writes without attachments may share a commit with those queued beside them.
  if (!withAttachments) return groupedWrite(state, { items: parsed, settings, joined: undefined });
  return writeWithAttachments(state, parsed, settings);
}

/**
 * Only documents with attachments need the (async) decoding and stub checks, loaded on first
 * use; most have none. They commit alone: a stub may name bytes only an earlier write in the
 * queue stores.
 */
async function writeWithAttachments(
  state: AdapterState,
  parsed: Parsed[],
  settings: WriteSettings,
): Promise<WriteOutcome> {
  const { withIncomingAttachments, verifyStubs } = occasional.loaded ?? (await occasional.load());
  await withIncomingAttachments(parsed);
  const { result, plan } = await commitWrite(state, async (plan) => {
    await verifyStubs(state, parsed);
    const loading = loadRecords(state, plan, [parsed]);
    if (loading) await loading;
    return await applyItems(state, plan, parsed, settings);
  });
  return { rows: result, changed: plan.changed };
}

/**
 * Applies one call's documents to the plan in PouchDB's order; records are loaded already.
 * Synchronous unless a document needs code loaded on first use or is a `_local` one (then the
 * rest is applied by `applyRest`, in `apply-rest.ts`).
 */
export function applyItems(
  state: AdapterState,
  plan: WritePlan,
  parsed: readonly Parsed[],
  settings: WriteSettings,
): BulkDocsResultRow[] | Promise<BulkDocsResultRow[]> {
  const rows: BulkDocsResultRow[] = new Array(parsed.length);
  const order = processingOrder(parsed);
  for (let k = 0; k < parsed.length; k++) {
    const index = order ? order[k]! : k;
    const item = parsed[index]!;
    const row = 'parsed' in item ? applyDoc(plan, item.parsed, settings) : NEEDS_MERGE;
    // Nothing was applied for an item that needs more (a `_local` document, a merge): the
    // rest starts over from it, in code loaded on first use.
    if (row === NEEDS_MERGE) {
      const code = occasional.loaded;
      if (code) return code.applyRest(state, plan, parsed, settings, rows, order, k);
      return occasional
        .load()
        .then((c) => c.applyRest(state, plan, parsed, settings, rows, order, k));
    }
    rows[index] = row as BulkDocsResultRow;
  }
  return rows;
}

/**
 * Parses one document of a write; a new edit without an id is given a generated one (the doc
 * is ours: the Adapter contract hands over ownership).
 */
function parse(
  doc: AnyDoc,
  newEdits: boolean,
  settings: WriteSettings,
  replicated: ((doc: AnyDoc) => ParsedDoc) | undefined,
): Parsed {
  if (newEdits && !doc._id) {
    return { parsed: parseNewEdit(doc, settings.deterministicRevs, uuid()), generated: true };
  }
  // Applied after a wait: copied now, its nested objects may be the caller's (see `parseNewEdit`).
  if (typeof doc._id === 'string' && isLocalId(doc._id)) return { local: clone(doc) };
  const parsed = replicated ? replicated(doc) : parseNewEdit(doc, settings.deterministicRevs);
  return { parsed, generated: false };
}

/**
 * The order writes are applied (and so seqs handed out): PouchDB groups a call's documents by
 * id, in order of first appearance, and applies each group's edits one after another.
 * `undefined` for the usual case, the call's own order (no id twice; local docs never group).
 */
function processingOrder(items: readonly Parsed[]): number[] | undefined {
  if (items.length === 1) return undefined;
  const ids = new Set<string>();
  for (const item of items) if ('parsed' in item) ids.add(item.parsed.id);
  if (ids.size === items.length) return undefined;
  const groups = new Map<string, number[]>();
  items.forEach((item, index) => {
    const key = 'parsed' in item ? item.parsed.id : `\u0000local:${index}`;
    const group = groups.get(key);
    if (group) group.push(index);
    else groups.set(key, [index]);
  });
  return [...groups.values()].flat();
}

/**
 * Puts the stored records of every document the writes touch into the plan, in one engine
 * read, and notes which have none. A generated id has none and is not read; when nothing is
 * left to read, the load is done at once and `undefined` is returned instead of a promise (a
 * `post` waits for nothing but its commit).
 */
export function loadRecords(
  state: AdapterState,
  plan: WritePlan,
  writes: readonly (readonly Parsed[])[],
): Promise<void> | undefined {
  const ids = recordsToRead(plan, writes);
  return ids && loadInto(state, plan, ids);
}

/**
 * The first half of {@link loadRecords}: notes the generated ids as having no record, and
 * returns the ids whose records must be read, if any.
 */
export function recordsToRead(
  plan: WritePlan,
  writes: readonly (readonly Parsed[])[],
): string[] | undefined {
  const only = writes.length === 1 && writes[0]!.length === 1 ? writes[0]![0]! : undefined;
  if (only) {
    // A single write: no id set to build.
    if (!('parsed' in only)) return undefined;
    const id = only.parsed.id;
    if (only.generated) return plan.loadedRecord(id, undefined);
    return [id];
  }
  const unique = new Set<string>();
  for (const items of writes) {
    for (const item of items) {
      if (!('parsed' in item)) continue;
      if (item.generated) plan.loadedRecord(item.parsed.id, undefined);
      else unique.add(item.parsed.id);
    }
  }
  return unique.size === 0 ? undefined : [...unique];
}

/** Reads the records of `ids` into the plan (an async function, not a callback per call). */
async function loadInto(state: AdapterState, plan: WritePlan, ids: string[]): Promise<void> {
  recordsRead(plan, ids, await state.engine.getDocs(ids));
}

/** Puts the records read for `ids` into the plan. */
export function recordsRead(
  plan: WritePlan,
  ids: readonly string[],
  records: readonly (DocRecord | undefined)[],
): void {
  for (let i = 0; i < ids.length; i++) plan.loadedRecord(ids[i]!, records[i]);
}
