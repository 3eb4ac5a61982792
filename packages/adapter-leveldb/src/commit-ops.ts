import { type DocRecord, type EngineBatch, stringify } from '@satchel/core';
import type { AbstractBatchOperation } from 'abstract-level';
import { docValue, headerJson, splitDocValue, winnerOf } from './doc-value.js';
import { quote } from './json-text.js';
import { type Key, revKey, seqKey, textKey } from './key-codec.js';
import type { BlobStore, JsonStore, Level, LevelStores, MetaStore } from './level-stores.js';
import { type CountsWrite, MetaKeys } from './stored-meta.js';

/** One operation of the single `batch` a commit becomes. */
export type BatchOp = AbstractBatchOperation<Level, Key, string | Uint8Array>;

/**
 * A body stored in the revision sublevel (not inline), or `undefined`; read synchronously. An
 * engine whose store cannot read synchronously answers from what it prefetched and notes what
 * it lacked, then builds again (see `LevelEngine.commit`).
 */
export type RevBodyRead = (id: string, rev: string) => string | undefined;

/** The revision bodies a batch puts and deletes for one document. */
interface RevChanges {
  puts: Map<string, string>;
  dels: Set<string>;
}

/** What a batch does to documents: new records (`null`: deleted) and revision bodies. */
export interface DocChanges {
  readonly records: ReadonlyMap<string, DocRecord | null>;
  /** Used up by {@link commitOps}: a rebuild starts from a new `docChanges`. */
  readonly revs: ReadonlyMap<string, RevChanges>;
  /** Every document the batch touches: their stored entries are what the commit builds on. */
  readonly ids: readonly string[];
}

/** The documents `batch` touches, and how. */
export function docChanges(batch: EngineBatch): DocChanges {
  // Last one wins should an id be named twice, as if the lists were applied in order.
  const records = new Map<string, DocRecord | null>();
  for (const id of batch.deleteDocs ?? []) records.set(id, null);
  for (const r of batch.putDocs ?? []) records.set(r.id, r);
  const revs = revChanges(batch);
  if (revs.size === 0) return { records, revs, ids: [...records.keys()] };
  return { records, revs, ids: [...new Set([...records.keys(), ...revs.keys()])] };
}

/**
 * The document entries a commit reads: of the documents it touches (`ids`), all but the ones
 * the batch creates (`newDocs`), which have none. A `post` reads nothing.
 */
export function entriesToRead(
  ids: readonly string[],
  newDocs: readonly string[] | undefined,
): readonly string[] {
  if (newDocs === undefined || newDocs.length === 0) return ids;
  if (newDocs.length === ids.length) return NONE; // the batch creates every document it touches
  const created = new Set(newDocs);
  return ids.filter((id) => !created.has(id));
}

const NONE: readonly string[] = [];

/**
 * The stored values of all the touched `ids`, in their order, given those `found` for the ones
 * {@link entriesToRead} listed (`read`); the others have none (`undefined`).
 */
export function storedInOrder(
  ids: readonly string[],
  read: readonly string[],
  found: readonly (string | undefined)[],
): (string | undefined)[] {
  if (read === ids) return found as (string | undefined)[];
  const all = new Array<string | undefined>(ids.length);
  for (let i = 0, k = 0; i < ids.length && k < read.length; i++) {
    if (ids[i] === read[k]) all[i] = found[k++];
  }
  return all;
}

/**
 * Translates an engine batch into the operations of one atomic `batch`, each addressed to its
 * sublevel. The winning revision's body lives inside the document entry (see `doc-value`); any
 * other body in the revision sublevel. So when a winner changes, the old winner's body moves
 * out to the revision sublevel (unless the batch deletes it) and the new one's moves in; the
 * stored values of touched documents are `stored` (in the order of `changes.ids`). Synchronous:
 * a commit costs no promise beyond the write itself.
 *
 * @param counts - how the commit records the new counts (see `stored-meta`): by marking one
 *   of its by-seq entries, or in the counts entry; and the uuid when it changes.
 */
export function commitOps(
  stores: LevelStores,
  batch: EngineBatch,
  changes: DocChanges,
  stored: readonly (string | undefined)[],
  revBody: RevBodyRead,
  counts: CountsWrite,
): BatchOp[] {
  const ops: BatchOp[] = [];
  const { ids, records, revs } = changes;
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    oneDoc(ops, stores, revBody, id, records.get(id), stored[i], revs.get(id) ?? noRevChanges());
  }
  const { seqs, locals, attachmentRecords, attachments } = stores;
  for (const e of batch.putSeqs ?? []) {
    const value = e === counts.marked ? markedSeqValue(e.id, counts.docCount) : seqValue(e.id);
    ops.push(put(seqs, seqKey(e.seq), value));
  }
  for (const seq of batch.deleteSeqs ?? []) ops.push(del(seqs, seqKey(seq)));
  for (const r of batch.putLocals ?? []) ops.push(put(locals, textKey(r.id), stringify(r)));
  for (const id of batch.deleteLocals ?? []) ops.push(del(locals, textKey(id)));
  for (const { digest, refs, data } of batch.putAttachments ?? []) {
    const key = textKey(digest);
    ops.push(put(attachmentRecords, key, JSON.stringify({ digest, refs })));
    // Bytes come only with the first reference; later batches just update the record.
    if (data) ops.push(put(attachments, key, data));
  }
  for (const digest of batch.deleteAttachments ?? []) {
    const key = textKey(digest);
    ops.push(del(attachmentRecords, key), del(attachments, key));
  }
  metaOps(ops, stores.meta, counts);
  return ops;
}

/** A by-sequence value: the id, as JSON only when plain text would be ambiguous or lossy. */
export function seqValue(id: string): string {
  return id.charCodeAt(0) === 34 /* " */ || typeof textKey(id) !== 'string'
    ? JSON.stringify(id)
    : id;
}

/**
 * A by-sequence value that also records the document count after its commit (format 2): the
 * id as JSON, a newline, the count. JSON text holds no raw newline, and a plain value never
 * starts with `"`, so the two forms never mix up.
 */
export function markedSeqValue(id: string, docCount: number): string {
  return `${quote(id)}\n${docCount}`;
}

/** The id a by-sequence value holds (plain, JSON, or marked with a count). */
export function parseSeqValue(value: string): string {
  if (value.charCodeAt(0) !== 34 /* " */) return value;
  const nl = value.indexOf('\n');
  return JSON.parse(nl < 0 ? value : value.slice(0, nl)) as string;
}

/** The document count a marked by-sequence value records, `undefined` for any other. */
export function seqValueCount(value: string): number | undefined {
  if (value.charCodeAt(0) !== 34 /* " */) return undefined;
  const nl = value.indexOf('\n');
  return nl < 0 ? undefined : Number(value.slice(nl + 1));
}

function metaOps(ops: BatchOp[], store: MetaStore, counts: CountsWrite): void {
  if (counts.entry !== undefined) ops.push(put(store, MetaKeys.counts, counts.entry));
  if (counts.uuid !== undefined) ops.push(put(store, MetaKeys.uuid, counts.uuid));
}

function noRevChanges(): RevChanges {
  return { puts: new Map<string, string>(), dels: new Set<string>() };
}

function revChanges(batch: EngineBatch): Map<string, RevChanges> {
  const revs = new Map<string, RevChanges>();
  const of = (id: string): RevChanges => {
    let changes = revs.get(id);
    if (!changes) {
      changes = noRevChanges();
      revs.set(id, changes);
    }
    return changes;
  };
  for (const r of batch.deleteRevs ?? []) of(r.id).dels.add(r.rev);
  for (const r of batch.putRevs ?? []) of(r.id).puts.set(r.rev, r.json ?? stringify(r.body));
  return revs;
}

/**
 * The operations for one document: its entry (put, deleted, or rewritten because its inline
 * body changed) and its bodies in the revision sublevel.
 *
 * @param record - the new record, `null` when it is deleted, `undefined` when untouched.
 * @param stored - the entry's stored value, if any.
 */
function oneDoc(
  ops: BatchOp[],
  stores: LevelStores,
  revBody: RevBodyRead,
  id: string,
  record: DocRecord | null | undefined,
  stored: string | undefined,
  { puts, dels }: RevChanges,
): void {
  const key = textKey(id);
  const withId = typeof key !== 'string';
  const old = stored === undefined ? undefined : splitDocValue(stored);
  const oldWinner = old && winnerOf(old.header);
  if (record === undefined) {
    // Untouched entry: rewritten only if the batch changes its inline body.
    if (old && oldWinner !== undefined && (puts.has(oldWinner) || dels.has(oldWinner))) {
      ops.push(put(stores.docs, key, docValue(old.header, puts.get(oldWinner))));
      puts.delete(oldWinner);
      dels.delete(oldWinner);
    }
  } else {
    const winner = record === null ? undefined : record.winningRev;
    if (old && oldWinner !== winner && old.body !== undefined) {
      // The old winner's body leaves the entry: to the revision sublevel, unless deleted or
      // replaced by this batch.
      if (dels.has(oldWinner!)) dels.delete(oldWinner!);
      else if (!puts.has(oldWinner!)) ops.push(put(stores.revs, revKey(id, oldWinner!), old.body));
    }
    if (record === null) ops.push(del(stores.docs, key));
    else {
      const body = winnerBody(ops, stores, revBody, record, old, oldWinner, puts, dels);
      ops.push(put(stores.docs, key, docValue(headerJson(record, withId), body)));
    }
  }
  for (const [rev, json] of puts) ops.push(put(stores.revs, revKey(id, rev), json));
  for (const rev of dels) ops.push(del(stores.revs, revKey(id, rev)));
}

/** The body to store inline for `record`'s winner; takes it out of the revision changes. */
function winnerBody(
  ops: BatchOp[],
  stores: LevelStores,
  revBody: RevBodyRead,
  record: DocRecord,
  old: { body: string | undefined } | undefined,
  oldWinner: string | undefined,
  puts: Map<string, string>,
  dels: Set<string>,
): string | undefined {
  const winner = record.winningRev;
  const given = puts.get(winner);
  if (given !== undefined) {
    puts.delete(winner);
    return given;
  }
  if (old && oldWinner === winner) {
    // Deleting the inline body needs no operation of its own.
    if (dels.delete(winner)) return undefined;
    return old.body;
  }
  // The winner changed to a revision stored earlier: its body moves in (a deletion of it in
  // this batch stays in `dels` and removes it from the revision sublevel).
  if (dels.has(winner)) return undefined;
  const body = revBody(record.id, winner);
  if (body !== undefined) ops.push(del(stores.revs, revKey(record.id, winner)));
  return body;
}

/** Any of the engine's sublevels. */
type Sublevel = JsonStore | BlobStore | MetaStore;

/**
 * A put into `sublevel`, for the parent's `batch`. Every write of the engine is made of these
 * (and {@link del}), so abstract-level's copies of them take one hidden class: a batch of
 * another shape would leave its code optimized for a class that dies with the batch.
 */
export function put(sublevel: Sublevel, key: Key, value: string | Uint8Array): BatchOp {
  const op = { type: 'put', sublevel, key, value } as BatchOp;
  if (typeof key !== 'string') op.keyEncoding = 'view';
  return op;
}

/** A deletion from `sublevel` (see {@link put}). */
export function del(sublevel: Sublevel, key: Key): BatchOp {
  const op = { type: 'del', sublevel, key } as BatchOp;
  if (typeof key !== 'string') op.keyEncoding = 'view';
  return op;
}
