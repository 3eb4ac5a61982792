import type { AdapterBulkDocsOptions } from '../adapter/adapter.js';
import { clone } from '../clone.js';
import type { DocRecord } from '../engine/engine.js';
import { uuid } from '../ids.js';
import { occasional } from '../occasional.js';
import { isLocalId } from '../rev-tree/local-id.js';
import type { AnyDoc } from '../types/documents.js';
import type { BulkDocsResultRow } from '../types/options.js';
import { applyDoc, NEEDS_MERGE, type WriteSettings } from './apply-doc.js';
import { commitLocked } from './commit-plan.js';
import { groupedWrite, writeAlone } from './group-commit.js';
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
  if (!opts.new_edits && !occasional.loaded) return writeOnceLoaded(state, input, opts);
  try {
    return writeParsed(state, input, opts, false);
  } catch (err) {
    // Large attachment data is hashed by code loaded on first use. Nothing was written;
    // ids generated meanwhile stay, and the second attempt (which looks them up) finds nothing.
    if (err === NEEDS_LARGE_DATA_HASHING) return writeOnceLoaded(state, input, opts);
    return Promise.reject(err);
  }
}

/** A write waiting for code loaded on first use: its documents and options. */
interface PendingCall {
  readonly input: AnyDoc[];
  readonly opts: AdapterBulkDocsOptions;
}

/**
 * A write that can only be parsed once code loaded on first use is there. It takes its place in
 * the write queue now, as a write that needs nothing would: writes commit in the order they were
 * called, and a `close` or `destroy` called after it waits for it. The code loads meanwhile.
 * Its documents are the adapter's already (only new edits without attachments are read at the
 * call, see `readsWritesAtCall`), so parsing them later reads what the caller passed.
 */
function writeOnceLoaded(
  state: AdapterState,
  input: AnyDoc[],
  opts: AdapterBulkDocsOptions,
): Promise<WriteOutcome> {
  // A failed load is met again (and reported) under the lock, which loads anew.
  occasional.load().catch(ignore);
  const call: PendingCall = { input, opts };
  return state.lock.write(writeLoaded, state, call);
}

/** {@link writeOnceLoaded} under the write lock. */
async function writeLoaded(state: AdapterState, call: PendingCall): Promise<WriteOutcome> {
  if (!occasional.loaded) await occasional.load();
  return writeParsed(state, call.input, call.opts, true);
}

/**
 * {@link bulkDocs}, once the code it needs is loaded; parse errors throw.
 * @param held - the caller holds the write lock (see {@link writeOnceLoaded}).
 */
function writeParsed(
  state: AdapterState,
  input: AnyDoc[],
  opts: AdapterBulkDocsOptions,
  held: boolean,
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
  if (held) {
    if (!withAttachments) return writeAlone(state, { items: parsed, settings, joined: undefined });
    return commitWithAttachments(state, { parsed, settings, hashing: hashIncoming(parsed) });
  }
  // Writes without attachments may share a commit with those queued beside them.
  if (!withAttachments) return groupedWrite(state, { items: parsed, settings, joined: undefined });
  return writeWithAttachments(state, parsed, settings);
}

/** A write with attachments, queued for the lock while its attachment data is hashed. */
interface AttachmentWrite {
  readonly parsed: Parsed[];
  readonly settings: WriteSettings;
  /** Decoding and digesting the inline data (`withIncomingAttachments`), begun at the call. */
  readonly hashing: Promise<void>;
}

/**
 * Only documents with attachments need the (async) decoding and stub checks, loaded on first
 * use; most have none. They commit alone: a stub may name bytes only an earlier write in the
 * queue stores. The data is hashed from the call on, beside the writes queued ahead (hashing
 * a large attachment holds up nobody), but the write takes its place in the queue at once:
 * writes commit in call order, and a `close` or `destroy` called after it waits for it.
 */
function writeWithAttachments(
  state: AdapterState,
  parsed: Parsed[],
  settings: WriteSettings,
): Promise<WriteOutcome> {
  const write: AttachmentWrite = { parsed, settings, hashing: hashIncoming(parsed) };
  // A failure is the caller's, reported under the lock; until then it is not unhandled.
  write.hashing.catch(ignore);
  return state.lock.write(commitWithAttachments, state, write);
}

/** Decodes and digests the inline attachment data of a write, loading the code for it. */
async function hashIncoming(parsed: readonly Parsed[]): Promise<void> {
  const { withIncomingAttachments } = occasional.loaded ?? (await occasional.load());
  await withIncomingAttachments(parsed);
}

/** Commits a write with attachments once its data is hashed (under the write lock). */
async function commitWithAttachments(
  state: AdapterState,
  write: AttachmentWrite,
): Promise<WriteOutcome> {
  await write.hashing;
  const { result, plan } = await commitLocked(state, buildWithAttachments, write);
  return { rows: result, changed: plan.changed };
}

/** The plan of a write with attachments: its stubs checked, its records loaded, then applied. */
async function buildWithAttachments(
  plan: WritePlan,
  write: AttachmentWrite,
  state: AdapterState,
): Promise<BulkDocsResultRow[]> {
  // Loaded: hashing loaded it.
  await occasional.loaded!.verifyStubs(state, write.parsed);
  const loading = loadRecords(state, plan, [write.parsed]);
  if (loading) await loading;
  return await applyItems(state, plan, write.parsed, write.settings);
}

/** Keeps a promise whose failure is reported elsewhere from counting as unhandled. */
function ignore(): void {}

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
