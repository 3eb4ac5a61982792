import { type DocRecord, type EngineBatch, type EngineMeta, stringify } from '@satchel/core';
import type { AbstractBatchOperation } from 'abstract-level';
import { docValue, headerJson, splitDocValue, winnerOf } from './doc-value.js';
import { type Key, revKey, seqKey, textKey } from './key-codec.js';
import type { BlobStore, JsonStore, Level, LevelStores, MetaStore } from './level-stores.js';
import { countsValue, MetaKeys } from './stored-meta.js';

/** One operation of the single `batch` a commit becomes. */
export type BatchOp = AbstractBatchOperation<Level, Key, string | Uint8Array>;

/** The stored state a commit builds on. */
export interface CommitReads {
  /** Stored values of these documents' entries, `undefined` where absent. */
  docValues(ids: readonly string[]): Promise<(string | undefined)[]>;
  /** A body stored in the revision sublevel (not inline), or `undefined`. */
  revBody(id: string, rev: string): Promise<string | undefined>;
}

/** The revision bodies a batch puts and deletes for one document. */
interface RevChanges {
  puts: Map<string, string>;
  dels: Set<string>;
}

/**
 * Translates an engine batch into the operations of one atomic `batch`, each addressed to its
 * sublevel. The winning revision's body lives inside the document entry (see `doc-value`); any
 * other body in the revision sublevel. So when a winner changes, the old winner's body moves
 * out to the revision sublevel (unless the batch deletes it) and the new one's moves in; the
 * stored values of touched documents are read for that (LocalAdapter has just read them, so
 * the engine usually has them cached).
 *
 * @param uuid - the uuid stored now: written again only if the batch's meta changes it.
 */
export async function commitOps(
  stores: LevelStores,
  batch: EngineBatch,
  reads: CommitReads,
  uuid: string,
): Promise<BatchOp[]> {
  const ops: BatchOp[] = [];
  await docOps(ops, stores, batch, reads);
  const { seqs, locals, attachmentRecords, attachments } = stores;
  for (const e of batch.putSeqs ?? []) ops.push(put(seqs, seqKey(e.seq), seqValue(e.id)));
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
  if (batch.meta) metaOps(ops, stores.meta, batch.meta, uuid);
  return ops;
}

/** A by-sequence value: the id, as JSON only when plain text would be ambiguous or lossy. */
export function seqValue(id: string): string {
  return id.charCodeAt(0) === 34 /* " */ || typeof textKey(id) !== 'string'
    ? JSON.stringify(id)
    : id;
}

/** The id a {@link seqValue} holds. */
export function parseSeqValue(value: string): string {
  return value.charCodeAt(0) === 34 ? (JSON.parse(value) as string) : value;
}

function metaOps(ops: BatchOp[], store: MetaStore, meta: EngineMeta, uuid: string): void {
  ops.push(put(store, MetaKeys.counts, countsValue(meta)));
  if (meta.uuid !== uuid) ops.push(put(store, MetaKeys.uuid, meta.uuid));
}

/** Document entries and revision bodies. */
async function docOps(
  ops: BatchOp[],
  stores: LevelStores,
  batch: EngineBatch,
  reads: CommitReads,
): Promise<void> {
  // Last one wins should an id be named twice, as if the lists were applied in order.
  const records = new Map<string, DocRecord | null>();
  for (const id of batch.deleteDocs ?? []) records.set(id, null);
  for (const r of batch.putDocs ?? []) records.set(r.id, r);
  const revs = revChanges(batch);
  if (records.size === 0 && revs.size === 0) return;
  const ids = [...new Set([...records.keys(), ...revs.keys()])];
  const current = await reads.docValues(ids);
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    const changes = revs.get(id) ?? { puts: new Map<string, string>(), dels: new Set<string>() };
    await oneDoc(ops, stores, reads, id, records.get(id), current[i], changes);
  }
}

function revChanges(batch: EngineBatch): Map<string, RevChanges> {
  const revs = new Map<string, RevChanges>();
  const of = (id: string): RevChanges => {
    let changes = revs.get(id);
    if (!changes) {
      changes = { puts: new Map(), dels: new Set() };
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
async function oneDoc(
  ops: BatchOp[],
  stores: LevelStores,
  reads: CommitReads,
  id: string,
  record: DocRecord | null | undefined,
  stored: string | undefined,
  { puts, dels }: RevChanges,
): Promise<void> {
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
      const body = await winnerBody(ops, stores, reads, record, old, oldWinner, puts, dels);
      ops.push(put(stores.docs, key, docValue(headerJson(record, withId), body)));
    }
  }
  for (const [rev, json] of puts) ops.push(put(stores.revs, revKey(id, rev), json));
  for (const rev of dels) ops.push(del(stores.revs, revKey(id, rev)));
}

/** The body to store inline for `record`'s winner; takes it out of the revision changes. */
async function winnerBody(
  ops: BatchOp[],
  stores: LevelStores,
  reads: CommitReads,
  record: DocRecord,
  old: { body: string | undefined } | undefined,
  oldWinner: string | undefined,
  puts: Map<string, string>,
  dels: Set<string>,
): Promise<string | undefined> {
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
  const body = await reads.revBody(record.id, winner);
  if (body !== undefined) ops.push(del(stores.revs, revKey(record.id, winner)));
  return body;
}

/** Any of the engine's sublevels. */
type Sublevel = JsonStore | BlobStore | MetaStore;

function put(sublevel: Sublevel, key: Key, value: string | Uint8Array): BatchOp {
  const op = { type: 'put', sublevel, key, value } as BatchOp;
  if (typeof key !== 'string') op.keyEncoding = 'view';
  return op;
}

function del(sublevel: Sublevel, key: Key): BatchOp {
  const op = { type: 'del', sublevel, key } as BatchOp;
  if (typeof key !== 'string') op.keyEncoding = 'view';
  return op;
}
