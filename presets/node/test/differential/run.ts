import { createHash } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type { SuiteDatabase } from '@satchel/adapter-suite';
import { type Outcome, settle, sortOpenRevs } from './normalise.js';
import type { Edit, GetSpec, Op, Replicated, RevRef } from './ops.js';
import { childHash, IDS } from './ops.js';
import {
  closePair,
  leavesOf,
  openPair,
  type Pair,
  remember,
  treeRevsOf,
  winnerOf,
} from './pair.js';

/** A concrete call, the same for both databases. */
interface Call {
  label: string;
  run: (db: SuiteDatabase) => PromiseLike<unknown>;
  post?: (value: unknown) => unknown;
  /** Revisions the call writes when it succeeds (recorded for later references). */
  after?: (pair: Pair, value: unknown) => void;
}

/** Thrown when Satchel and pouchdb@9 disagree; the message carries the whole story. */
export class Divergence extends Error {
  override name = 'Divergence';
}

async function resolveRev(
  pair: Pair,
  id: string,
  ref: RevRef | undefined,
): Promise<string | undefined> {
  if (!ref) return undefined;
  switch (ref.kind) {
    case 'none':
      return undefined;
    case 'bogus':
      return ref.rev;
    case 'winner':
      if (id.startsWith('_local/')) return (await pair.pouch.get(id).catch(() => undefined))?._rev;
      return winnerOf(pair, id);
    case 'seen': {
      const seen = pair.seen.get(id) ?? [];
      return seen.length ? seen[ref.index % seen.length] : undefined;
    }
    case 'leaf': {
      const leaves = await leavesOf(pair, id);
      return leaves.length ? leaves[ref.index % leaves.length] : undefined;
    }
  }
}

async function editDoc(pair: Pair, edit: Edit): Promise<Record<string, unknown>> {
  const rev = await resolveRev(pair, edit.id, edit.rev);
  const doc: Record<string, unknown> = { ...edit.body, _id: edit.id };
  if (rev !== undefined) doc._rev = rev;
  if (edit.deleted) doc._deleted = true;
  return doc;
}

/**
 * pouchdb@9 throws an uncaught TypeError (and never answers) for an edit whose new revision
 * already exists in the tree (an old revision edited into the same content again) when the
 * document is deleted, or when the edited revision itself was stemmed away by `revs_limit`
 * (pouchdb no longer sees it as a non-leaf, so it does not answer 409 first). Such edits are
 * left out; Satchel's answer to both is pinned on its own (`stale-edits.test.ts`).
 */
async function pouchWouldCrash(pair: Pair, doc: Record<string, unknown>): Promise<boolean> {
  const rev = doc._rev;
  if (typeof rev !== 'string' || String(doc._id).startsWith('_local/')) return false;
  const row = (await pair.pouch.allDocs({ keys: [doc._id] })).rows[0];
  if (!row?.value) return false;
  const tree = await treeRevsOf(pair, String(doc._id));
  if (!row.value.deleted && tree.has(rev)) return false;
  const next = `${Number.parseInt(rev, 10) + 1}-${createHash('md5').update(JSON.stringify(doc), 'latin1').digest('hex')}`;
  return tree.has(next);
}

async function safeEdits(pair: Pair, edits: Edit[]): Promise<Record<string, unknown>[]> {
  const docs: Record<string, unknown>[] = [];
  for (const edit of edits) {
    const doc = await editDoc(pair, edit);
    if (!(await pouchWouldCrash(pair, doc))) docs.push(doc);
  }
  return docs;
}

function replicatedDoc(r: Replicated): Record<string, unknown> {
  const doc: Record<string, unknown> = {
    ...r.body,
    _id: r.id,
    _rev: `${r.start}-${r.ids[0]}`,
    _revisions: { start: r.start, ids: r.ids },
  };
  if (r.deleted) doc._deleted = true;
  return doc;
}

const rememberRows = (pair: Pair, value: unknown): void => {
  if (!Array.isArray(value)) return;
  for (const row of value as { ok?: boolean; id?: string; rev?: string }[]) {
    if (row.ok && row.id && row.rev) remember(pair, row.id, row.rev);
  }
};

async function getCall(pair: Pair, id: string, spec: GetSpec): Promise<Call> {
  const opts: Record<string, unknown> = {};
  for (const key of ['revs', 'revs_info', 'conflicts', 'latest'] as const) {
    if (spec[key] !== undefined) opts[key] = spec[key];
  }
  if (spec.rev) {
    const rev = await resolveRev(pair, id, spec.rev);
    if (rev !== undefined) opts.rev = rev;
  }
  if (spec.open_revs === 'all') opts.open_revs = 'all';
  else if (spec.open_revs) {
    const revs = await Promise.all(spec.open_revs.map((ref) => resolveRev(pair, id, ref)));
    opts.open_revs = revs.filter((r): r is string => r !== undefined);
  }
  if (opts.latest && !(await latestIsSafe(pair, id, opts))) delete opts.latest;
  const post = opts.open_revs ? sortOpenRevs : undefined;
  return {
    label: `get(${JSON.stringify(id)}, ${JSON.stringify(opts)})`,
    run: (db) => db.get(id, opts),
    post,
  };
}

async function writeCall(
  pair: Pair,
  op: Op & { op: 'put' | 'remove' | 'bulk' },
): Promise<Call | undefined> {
  if (op.op === 'put') {
    const [doc] = await safeEdits(pair, [op.edit]);
    if (!doc) return undefined;
    return {
      label: `put(${JSON.stringify(doc)})`,
      run: (db) => db.put(doc),
      after: (p, v) => rememberRows(p, [v]),
    };
  }
  if (op.op === 'remove') {
    const rev = await resolveRev(pair, op.id, op.rev);
    const doc = rev === undefined ? { _id: op.id } : { _id: op.id, _rev: rev, _deleted: true };
    if (await pouchWouldCrash(pair, doc)) return undefined;
    const removal = rev === undefined ? { _id: op.id } : { _id: op.id, _rev: rev };
    return {
      label: `remove(${JSON.stringify(removal)})`,
      run: (db) => db.remove(removal),
      after: (p, v) => rememberRows(p, [v]),
    };
  }
  const docs = await safeEdits(pair, op.edits);
  return {
    label: `bulkDocs(${JSON.stringify(docs)})`,
    run: (db) => db.bulkDocs(docs),
    after: rememberRows,
  };
}

function replicateCall(docs: Record<string, unknown>[]): Call {
  return {
    label: `bulkDocs(${JSON.stringify(docs)}, {new_edits: false})`,
    run: (db) => db.bulkDocs(docs, { new_edits: false }),
    after: (p) => {
      for (const doc of docs) remember(p, doc._id as string, doc._rev as string);
    },
  };
}

async function graftCall(pair: Pair, op: Op & { op: 'graft' }): Promise<Call | undefined> {
  const parent = await resolveRev(pair, op.id, op.parent);
  if (!parent) return undefined;
  const [pos, hash] = [Number.parseInt(parent, 10), parent.slice(parent.indexOf('-') + 1)];
  return replicateCall([
    replicatedDoc({
      id: op.id,
      start: pos + 1,
      ids: [childHash(hash, op.hash), hash],
      deleted: op.deleted,
      body: op.body,
    }),
  ]);
}

async function diffCall(pair: Pair, op: Op & { op: 'revsDiff' | 'bulkGet' }): Promise<Call> {
  if (op.op === 'revsDiff') {
    const req: Record<string, string[]> = {};
    for (const { id, revs } of op.req) {
      const resolved = await Promise.all(revs.map((ref) => resolveRev(pair, id, ref)));
      // Without repeats: pouchdb@9 reports the second copy of a known rev as missing.
      const revsOfId = new Set([
        ...(req[id] ?? []),
        ...resolved.filter((r): r is string => r !== undefined),
      ]);
      req[id] = [...revsOfId];
    }
    return { label: `revsDiff(${JSON.stringify(req)})`, run: (db) => db.revsDiff(req) };
  }
  const docs = await Promise.all(
    op.docs.map(async ({ id, rev }) => {
      const resolved = await resolveRev(pair, id, rev);
      return resolved === undefined ? { id } : { id, rev: resolved };
    }),
  );
  let latest = op.latest;
  for (const doc of docs) {
    if (latest && !(await latestIsSafe(pair, doc.id, doc.rev ? { rev: doc.rev } : {})))
      latest = false;
  }
  const req = { docs, revs: op.revs, latest };
  return {
    label: `bulkGet(${JSON.stringify(req)})`,
    run: (db) => db.bulkGet(req),
    post: sortBulkGet,
  };
}

/**
 * pouchdb@9 throws an uncaught exception (and never answers) for `latest` with a revision
 * that is not in the tree, so `latest` is only sent with revisions the tree has.
 */
async function latestIsSafe(
  pair: Pair,
  id: string,
  opts: Record<string, unknown>,
): Promise<boolean> {
  const tree = await treeRevsOf(pair, id);
  const revs = [opts.rev, ...(Array.isArray(opts.open_revs) ? opts.open_revs : [])].filter(
    (r) => r !== undefined,
  );
  return revs.every((rev) => tree.has(rev as string));
}

/** bulkGet groups results per id; within an id, open_revs order is unspecified. */
function sortBulkGet(value: unknown): unknown {
  const res = value as { results?: { id: string; docs: unknown[] }[] };
  if (!res.results) return value;
  const key = (r: unknown): string => JSON.stringify(r);
  return {
    results: [...res.results].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0)),
  };
}

/** Builds the concrete call for one op (or nothing when the op has no meaning now). */
export async function callFor(pair: Pair, op: Op): Promise<Call | undefined> {
  switch (op.op) {
    case 'put':
    case 'remove':
    case 'bulk':
      return writeCall(pair, op);
    case 'replicate':
      return replicateCall(op.docs.map(replicatedDoc));
    case 'graft':
      return graftCall(pair, op);
    case 'get':
      return getCall(pair, op.id, op.opts);
    case 'allDocs':
      return {
        label: `allDocs(${JSON.stringify(op.opts)})`,
        run: (db) => db.allDocs({ ...op.opts }),
      };
    case 'changes':
      return { label: `changes(${JSON.stringify(op.opts)})`, run: (db) => changesOf(db, op.opts) };
    case 'info':
      return { label: 'info()', run: (db) => db.info() };
    case 'compact':
      return { label: 'compact()', run: (db) => db.compact() };
    case 'revsDiff':
    case 'bulkGet':
      return diffCall(pair, op);
  }
}

function changesOf(db: SuiteDatabase, opts: Record<string, unknown>): PromiseLike<unknown> {
  if (typeof db.changes !== 'function')
    return Promise.reject(new Error('no changes() on this database'));
  return db.changes({ ...opts });
}

/** Applies one call to both databases and throws a Divergence if the outcomes differ. */
async function applyBoth(pair: Pair, call: Call, history: string[]): Promise<void> {
  const [mine, theirs] = await Promise.all([
    settle(() => call.run(pair.satchel), call.post),
    settle(() => call.run(pair.pouch), call.post),
  ]);
  history.push(call.label);
  if (!isDeepStrictEqual(mine, theirs)) throw divergence(history, mine, theirs);
  if (call.after && 'value' in theirs) call.after(pair, theirs.value);
}

function divergence(history: string[], mine: Outcome, theirs: Outcome): Divergence {
  return new Divergence(
    [
      'Satchel and pouchdb@9 disagree after:',
      ...history.map((h, i) => `  ${i + 1}. ${h}`),
      `satchel:  ${JSON.stringify(mine)}`,
      `pouchdb:  ${JSON.stringify(theirs)}`,
    ].join('\n'),
  );
}

/** Reads that must agree at the end of every sequence: the whole visible state. */
function finalChecks(): Call[] {
  const calls: Call[] = [
    { label: 'final info()', run: (db) => db.info() },
    {
      label: 'final allDocs',
      run: (db) => db.allDocs({ include_docs: true, conflicts: true, update_seq: true }),
    },
    {
      label: 'final changes',
      run: (db) => changesOf(db, { style: 'all_docs', include_docs: true, conflicts: true }),
    },
  ];
  for (const id of IDS) {
    calls.push({
      label: `final get(${id}, open_revs all)`,
      run: (db) => db.get(id, { open_revs: 'all', revs: true }),
      post: sortOpenRevs,
    });
    calls.push({
      label: `final get(${id}, revs_info)`,
      run: (db) => db.get(id, { revs_info: true, conflicts: true }),
    });
  }
  return calls;
}

/** Runs a sequence on a fresh pair, comparing every result and the final state. */
export async function runSequence(ops: Op[], options: Record<string, unknown> = {}): Promise<void> {
  const pair = openPair(options);
  const history: string[] = [];
  try {
    for (const op of ops) {
      const call = await callFor(pair, op);
      if (call) await applyBoth(pair, call, history);
    }
    for (const call of finalChecks()) await applyBoth(pair, call, history);
  } finally {
    await closePair(pair);
  }
}
