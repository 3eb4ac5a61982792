import { createRequire } from 'node:module';
import { afterEach, describe, expect, it } from 'vitest';
import Satchel from '../src/index.js';
import { type Outcome, settle } from './differential/normalise.js';
import { PouchDB, pouchOptions } from './pouchdb-oracle.js';

const require = createRequire(import.meta.url);
// pouchdb@9's Node build has no Mango: its users add pouchdb-find, as here.
(PouchDB as unknown as { plugin(p: unknown): void }).plugin(require('pouchdb-find'));

/**
 * Strictness against pouchdb@9 (issue 15): the same calls, with `undefined` members, option
 * spellings and argument forms (callback positions, options omitted or undefined), on Satchel
 * and on pouchdb@9 (memory adapter both). Every row runs in promise form and in callback form;
 * the outcomes must match: error name and status, or the result (fields that vary between
 * runs, such as sequence numbers and timestamps, compared by type only).
 */

/** Satchel and PouchDB databases, typed loosely: both are driven through the same calls. */
// biome-ignore lint/suspicious/noExplicitAny: PouchDB ships no types; results are compared as JSON.
type Db = any;

/** What a row's arguments may use: the seeded database's revisions and a second database. */
interface Ctx {
  rev(id: string): string;
  other: Db;
  Ctor: Db;
}

interface Row {
  /** Method path on the database (`replicate.to`) or, with `static`, on the constructor. */
  method: string;
  args: (ctx: Ctx) => unknown[];
  static?: boolean;
  /** Result keys whose values differ between runs by design (random ids): compared by type. */
  mask?: string[];
  /**
   * Where pouchdb@9 throws a TypeError from its own argument handling (it reads a member of
   * `undefined`) and Satchel answers: the one way Satchel may differ, being less strict.
   */
  lenient?: true;
  /**
   * A known divergence that is not strictness, with its reason: the test then checks that
   * `check` holds for the two outcomes instead of equality.
   */
  diverges?: { why: string; check(ours: Outcome, theirs: Outcome): void };
}

/** pouchdb-find reads `limit: undefined` as a limit (of NaN) and finds nothing. */
const findsWhatMatches = {
  why: 'pouchdb-find takes `limit: undefined` as a limit and answers no documents',
  check(ours: Outcome, theirs: Outcome) {
    expect(theirs).toMatchObject({ value: { docs: [] } });
    expect((ours as { value: { docs: unknown[] } }).value.docs).toHaveLength(2);
  },
};
/** Both refuse a find without a selector; Mango's error is CouchDB's 400, pouchdb-find's a plain Error. */
const bothRefuse = {
  why: "pouchdb-find throws a plain Error; Satchel's Mango answers CouchDB's 400 bad_request",
  check(ours: Outcome, theirs: Outcome) {
    expect(theirs).toEqual({ error: { name: 'Error', status: undefined } });
    expect(ours).toEqual({ error: { name: 'bad_request', status: 400 } });
  },
};

const text = Buffer.from('hello').toString('base64');
const u = undefined;

// biome-ignore format: one row a line reads as a table.
const rows: Record<string, Row> = {
  'put: an undefined member': { method: 'put', args: () => [{ _id: 'n', v: u }] },
  'put: _rev undefined on a new doc': { method: 'put', args: () => [{ _id: 'n', _rev: u }] },
  'put: undefined nested member': { method: 'put', args: () => [{ _id: 'n', o: { x: u, y: 1 } }] },
  'put: undefined in an array': { method: 'put', args: () => [{ _id: 'n', list: [1, u] }] },
  'put: _attachments and _deleted undefined': { method: 'put', args: () => [{ _id: 'n', _attachments: u, _deleted: u }] },
  'put: an update with an undefined member': { method: 'put', args: (c) => [{ _id: 'a', _rev: c.rev('a'), gone: u }] },
  'put: options undefined': { method: 'put', args: () => [{ _id: 'n' }, u], lenient: true },
  'put: options null': { method: 'put', args: () => [{ _id: 'n' }, null], lenient: true },
  'put: options {} ': { method: 'put', args: () => [{ _id: 'n' }, {}] },
  'put: force with undefined rev': { method: 'put', args: () => [{ _id: 'n', _rev: u }, { force: true }] },
  'put: conflict': { method: 'put', args: () => [{ _id: 'a' }] },
  'put: _id undefined': { method: 'put', args: () => [{ _id: u, v: 1 }] },
  'put: _local with undefined member': { method: 'put', args: () => [{ _id: '_local/x', v: u }] },
  'post: undefined members': { method: 'post', args: () => [{ v: u, w: 1, _rev: u }], mask: ['id', 'rev'] },
  'post: options undefined': { method: 'post', args: () => [{ w: 1 }, u], mask: ['id', 'rev'] },
  'get: options omitted': { method: 'get', args: () => ['a'] },
  'get: options undefined': { method: 'get', args: () => ['a', u] },
  'get: undefined options members': { method: 'get', args: () => ['a', { rev: u, revs: u, conflicts: u, attachments: u, open_revs: u }] },
  'get: missing': { method: 'get', args: () => ['nope'] },
  'get: with attachments, binary undefined': { method: 'get', args: () => ['b', { attachments: true, binary: u }] },
  'get: open_revs all': { method: 'get', args: () => ['a', { open_revs: 'all' }] },
  'get: _local': { method: 'get', args: () => ['_local/seed'] },
  'remove: doc': { method: 'remove', args: (c) => [{ _id: 'a', _rev: c.rev('a') }] },
  'remove: doc with undefined members': { method: 'remove', args: (c) => [{ _id: 'a', _rev: c.rev('a'), v: u }] },
  'remove: id and rev': { method: 'remove', args: (c) => ['a', c.rev('a')] },
  'remove: id, rev, options {}': { method: 'remove', args: (c) => ['a', c.rev('a'), {}] },
  'remove: doc, options with rev': { method: 'remove', args: (c) => [{ _id: 'a' }, { rev: c.rev('a') }] },
  'remove: doc, options undefined': { method: 'remove', args: (c) => [{ _id: 'a', _rev: c.rev('a') }, u] },
  'remove: id without rev': { method: 'remove', args: () => ['a'] },
  'remove: _local': { method: 'remove', args: () => [{ _id: '_local/seed', _rev: '0-1' }] },
  'bulkDocs: undefined members': { method: 'bulkDocs', args: () => [[{ _id: 'x', v: u }, { _id: 'y', _rev: u }]] },
  'bulkDocs: {docs} form': { method: 'bulkDocs', args: () => [{ docs: [{ _id: 'x' }] }] },
  'bulkDocs: options undefined': { method: 'bulkDocs', args: () => [[{ _id: 'x' }], u] },
  'bulkDocs: new_edits undefined': { method: 'bulkDocs', args: () => [[{ _id: 'x' }], { new_edits: u }] },
  'bulkDocs: {docs, new_edits: undefined}': { method: 'bulkDocs', args: () => [{ docs: [{ _id: 'x' }], new_edits: u }] },
  'bulkDocs: empty list': { method: 'bulkDocs', args: () => [[]] },
  'bulkDocs: new_edits false': { method: 'bulkDocs', args: () => [[{ _id: 'r', _rev: '1-abc', v: u }], { new_edits: false }] },
  'allDocs: options omitted': { method: 'allDocs', args: () => [] },
  'allDocs: options undefined': { method: 'allDocs', args: () => [u], lenient: true },
  'allDocs: undefined members': { method: 'allDocs', args: () => [{ include_docs: true, startkey: u, endkey: u, limit: u, skip: u, descending: u, keys: u, key: u }] },
  'allDocs: start_key/end_key spelling': { method: 'allDocs', args: () => [{ start_key: 'a', end_key: 'a' }] },
  'allDocs: startkey/endkey, inclusive_end false': { method: 'allDocs', args: () => [{ startkey: 'a', endkey: 'b', inclusive_end: false }] },
  'allDocs: keys with conflicts and attachments': { method: 'allDocs', args: () => [{ keys: ['a', 'b', 'nope'], include_docs: true, conflicts: true, attachments: true }] },
  'allDocs: limit 0': { method: 'allDocs', args: () => [{ limit: 0 }] },
  'changes: options omitted': { method: 'changes', args: () => [] },
  'changes: undefined members': { method: 'changes', args: () => [{ since: u, limit: u, include_docs: u, style: u, doc_ids: u, filter: u, descending: u }] },
  'changes: include_docs, style all_docs': { method: 'changes', args: () => [{ include_docs: true, style: 'all_docs' }] },
  'changes: doc_ids': { method: 'changes', args: () => [{ doc_ids: ['a'] }] },
  'changes: selector': { method: 'changes', args: () => [{ selector: { v: 1 }, include_docs: true }] },
  'query: options omitted': { method: 'query', args: () => ['v/by_v'] },
  'query: options undefined': { method: 'query', args: () => ['v/by_v', u] },
  'query: undefined members': { method: 'query', args: () => ['v/by_v', { key: u, keys: u, limit: u, reduce: u, startkey: u, include_docs: u }] },
  'query: start_key/end_key spelling': { method: 'query', args: () => ['v/by_v', { start_key: 1, end_key: 1, include_docs: true }] },
  'query: reduce': { method: 'query', args: () => ['v/count'] },
  'query: temporary map function': { method: 'query', args: () => [(doc: Db, emit: (k: unknown) => void) => emit(doc.v)] },
  'query: missing view': { method: 'query', args: () => ['v/nope'] },
  'find: plain': { method: 'find', args: () => [{ selector: { v: 1 } }] },
  'find: undefined members': { method: 'find', args: () => [{ selector: { v: { $gte: 0 } }, skip: u, fields: u, sort: u, use_index: u }] },
  'find: limit undefined': { method: 'find', args: () => [{ selector: { v: { $gte: 0 } }, limit: u }], diverges: findsWhatMatches },
  'find: fields and sort': { method: 'find', args: () => [{ selector: { _id: { $gt: null } }, fields: ['_id', 'v'], sort: ['_id'] }] },
  'find: no selector': { method: 'find', args: () => [{}], diverges: bothRefuse },
  'putAttachment: with rev': { method: 'putAttachment', args: (c) => ['b', 'new.txt', c.rev('b'), text, 'text/plain'] },
  'putAttachment: no rev, new doc': { method: 'putAttachment', args: () => ['fresh', 'x.txt', text, 'text/plain'] },
  'putAttachment: rev undefined, new doc': { method: 'putAttachment', args: () => ['fresh', 'x.txt', u, text, 'text/plain'] },
  'putAttachment: Buffer data': { method: 'putAttachment', args: (c) => ['b', 'buf.bin', c.rev('b'), Buffer.from('hi'), 'application/octet-stream'] },
  'putAttachment: wrong rev': { method: 'putAttachment', args: () => ['b', 'x.txt', '1-abc', text, 'text/plain'] },
  'getAttachment: options omitted': { method: 'getAttachment', args: () => ['b', 'att.txt'] },
  'getAttachment: options {}': { method: 'getAttachment', args: () => ['b', 'att.txt', {}] },
  'getAttachment: rev undefined': { method: 'getAttachment', args: () => ['b', 'att.txt', { rev: u }] },
  'getAttachment: missing': { method: 'getAttachment', args: () => ['b', 'nope.txt'] },
  'removeAttachment: with rev': { method: 'removeAttachment', args: (c) => ['b', 'att.txt', c.rev('b')] },
  'removeAttachment: wrong rev': { method: 'removeAttachment', args: () => ['b', 'att.txt', '1-abc'] },
  'info': { method: 'info', args: () => [] },
  'compact: options omitted': { method: 'compact', args: () => [] },
  'compact: options {}': { method: 'compact', args: () => [{}] },
  'revsDiff': { method: 'revsDiff', args: (c) => [{ a: ['1-abc', c.rev('a')], nope: ['1-def'] }] },
  'bulkGet: undefined members': { method: 'bulkGet', args: () => [{ docs: [{ id: 'a', rev: u }, { id: 'nope' }], revs: u, attachments: u }] },
  'bulkGet: revs': { method: 'bulkGet', args: (c) => [{ docs: [{ id: 'a', rev: c.rev('a') }], revs: true }] },
  'replicate.to: options omitted': { method: 'replicate.to', args: (c) => [c.other] },
  'replicate.to: undefined members': { method: 'replicate.to', args: (c) => [c.other, { live: u, retry: u, filter: u, doc_ids: u, batch_size: u }] },
  'replicate.from': { method: 'replicate.from', args: (c) => [c.other, {}] },
  'replicate (static): options undefined': { method: 'replicate', static: true, args: (c) => [c.other, c.other, u] },
  'sync: options omitted': { method: 'sync', args: (c) => [c.other] },
  'sync (static): undefined members': { method: 'sync', static: true, args: (c) => [c.other, c.other, { live: u, retry: u }] },
};

/** Result fields that change from run to run, or by library-internal numbering. */
const VOLATILE = new Set([
  'seq',
  'last_seq',
  'update_seq',
  'start_time',
  'end_time',
  'instance_start_time',
  'backend_adapter',
  'db_name',
  'session_id',
  'purge_seq',
]);

function masked(value: unknown, mask: ReadonlySet<string>): unknown {
  if (Array.isArray(value)) return value.map((v) => masked(v, mask));
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = VOLATILE.has(k) || mask.has(k) ? typeof v : masked(v, mask);
  }
  return out;
}

let counter = 0;
const opened: Db[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((db) => db.destroy().catch(() => undefined)));
});

/** A database with one plain document, one with an attachment, views and a local doc. */
async function seeded(Ctor: Db): Promise<{ db: Db; ctx: Ctx }> {
  const open = () => {
    const db = new Ctor(`strict-${process.pid}-${counter++}`, pouchOptions);
    opened.push(db);
    return db;
  };
  const db = open();
  const revs = new Map<string, string>();
  for (const doc of [
    { _id: 'a', v: 1 },
    { _id: 'b', v: 2, _attachments: { 'att.txt': { content_type: 'text/plain', data: text } } },
    {
      _id: '_design/v',
      views: {
        by_v: { map: 'function (doc) { if (doc.v) emit(doc.v); }' },
        count: { map: 'function (doc) { emit(doc._id); }', reduce: '_count' },
      },
    },
  ]) {
    revs.set(doc._id, (await db.put(doc)).rev);
  }
  await db.put({ _id: '_local/seed', v: 0 });
  const other = open();
  await other.put({ _id: 'theirs', v: 3 });
  const rev = (id: string) => revs.get(id) as string;
  return { db, ctx: { rev, other, Ctor } };
}

type Form = 'promise' | 'callback';

/** Calls the row's method on `target` in the given form and waits for its answer. */
function call(target: Db, path: string, args: unknown[], form: Form): PromiseLike<unknown> {
  const parts = path.split('.');
  const name = parts.pop() as string;
  const owner = parts.reduce((o, p) => o[p], target);
  if (form === 'promise') return owner[name](...args);
  return new Promise((resolve, reject) => {
    owner[name](...args, (err: unknown, res: unknown) => (err ? reject(err) : resolve(res)));
  });
}

async function outcome(Ctor: Db, row: Row, form: Form): Promise<Outcome> {
  const { db, ctx } = await seeded(Ctor);
  const target = row.static ? Ctor : db;
  const args = row.static ? [db, ...row.args(ctx).slice(1)] : row.args(ctx);
  const settled = await settle(() => call(target, row.method, args, form));
  if ('value' in settled) return { value: masked(settled.value, new Set(row.mask)) };
  if ('error' in settled)
    return { error: { status: settled.error.status, name: settled.error.name } };
  return settled;
}

describe.each<Form>(['promise', 'callback'])('strictness against pouchdb@9 (%s form)', (form) => {
  it.each(Object.keys(rows))('%s', async (label) => {
    const row = rows[label] as Row;
    const ours = await outcome(Satchel, row, form);
    const theirs = await outcome(PouchDB, row, form);
    if (row.diverges) {
      row.diverges.check(ours, theirs);
      return;
    }
    if (!row.lenient) {
      expect(ours).toEqual(theirs);
      return;
    }
    expect(theirs).toEqual({ error: { name: 'TypeError', status: undefined } });
    expect(ours).toHaveProperty('value');
  });
});

describe('which writes pass through db.bulkDocs (what plugins that wrap it see)', () => {
  /** Runs the writes with the instance's bulkDocs wrapped, as pouchdb-wrappers wraps it. */
  async function throughBulkDocs(Ctor: Db): Promise<Record<string, number>> {
    const { db, ctx } = await seeded(Ctor);
    const counts: Record<string, number> = {};
    let current = '';
    const orig = db.bulkDocs;
    db.bulkDocs = (...args: unknown[]) => {
      counts[current] = (counts[current] ?? 0) + 1;
      return orig.apply(db, args);
    };
    const writes: [string, () => Promise<unknown>][] = [
      ['put', () => db.put({ _id: 'n' })],
      ['put _local', () => db.put({ _id: '_local/n' })],
      ['remove _local', () => db.remove({ _id: '_local/seed', _rev: '0-1' })],
      ['post', () => db.post({})],
      ['remove', () => db.remove('a', ctx.rev('a'))],
      ['putAttachment', () => db.putAttachment('fresh', 'x.txt', text, 'text/plain')],
      ['bulkDocs', () => db.bulkDocs([{ _id: 'm' }])],
    ];
    for (const [name, write] of writes) {
      current = name;
      counts[name] = 0;
      await write();
    }
    return counts;
  }

  it('the same ones as in pouchdb@9', async () => {
    const ours = await throughBulkDocs(Satchel);
    expect(ours).toEqual(await throughBulkDocs(PouchDB));
    expect(ours).toMatchObject({ put: 1, 'put _local': 0, 'remove _local': 0 });
  });
});
