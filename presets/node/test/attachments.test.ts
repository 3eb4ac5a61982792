import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import Satchel from '../src/index.js';
import { normaliseError, settle } from './differential/normalise.js';

/**
 * Attachments end to end (issue 4): differential against pouchdb@9, byte-identical round
 * trips up to 50 MB, storage by digest with release on compaction and purge, and errors.
 */

const require = createRequire(import.meta.url);
const PouchDB = require('pouchdb');
PouchDB.plugin(require('pouchdb-adapter-memory'));

// memory-level is a dependency of @satchel/adapter-leveldb, not of this preset.
const leveldbPkg = require.resolve('@satchel/adapter-leveldb/package.json', {
  paths: [join(dirname(new URL(import.meta.url).pathname), '..')],
});
const { MemoryLevel } = createRequire(leveldbPkg)('memory-level') as {
  MemoryLevel: new () => LevelLike;
};

interface LevelLike {
  sublevel(
    name: string,
    options: object,
  ): { keys(): { all(): Promise<string[]> }; get(k: string): Promise<unknown> };
  close(): Promise<void>;
}

/** Satchel and PouchDB databases, typed loosely: both are exercised through the same calls. */
// biome-ignore lint/suspicious/noExplicitAny: PouchDB ships no types; results are compared as JSON.
type Db = any;

const opened: Db[] = [];
let counter = 0;
const uniq = (p: string): string => `${p}-${process.pid}-${Date.now()}-${counter++}`;

function satchelMemory(): Db {
  const db = new (Satchel as Db)(uniq('satt'), { adapter: 'memory' });
  opened.push(db);
  return db;
}
function pouchMemory(): Db {
  const db = new PouchDB(uniq('patt'), { adapter: 'memory' });
  opened.push(db);
  return db;
}

afterEach(async () => {
  const dbs = opened.splice(0);
  await Promise.all(dbs.map((db) => db.destroy().catch(() => undefined)));
});

const tmpDirs: string[] = [];
afterAll(() => {
  for (const d of tmpDirs) rmSync(d, { recursive: true, force: true });
});

const b64 = (u: Uint8Array): string => Buffer.from(u).toString('base64');

// ---------------------------------------------------------------------------------------------
// 1. Differential vs pouchdb@9
// ---------------------------------------------------------------------------------------------

// Names of Object.prototype members are left out: pouchdb@9 looks attachments up on a plain
// object, so after `toString` is removed it still "finds" one (an empty body) while another
// attachment remains. Satchel answers 404 there, pinned in 'errors as pouchdb@9' below.
const attName = fc
  .string({ minLength: 1, maxLength: 12 })
  .filter((s) => !s.startsWith('_') && !(s in Object.prototype));
const contentType = fc.oneof(
  fc.constantFrom(
    'text/plain',
    'application/octet-stream',
    'image/png',
    'application/json; charset=utf-8',
    '',
  ),
  fc.string({ maxLength: 20 }),
);
const bytes = fc.uint8Array({ maxLength: 300 });
const asBuffer = fc.boolean();
const attachmentSpec = fc.record({ type: contentType, data: bytes, buffer: asBuffer });
const attachments = fc.dictionary(attName, attachmentSpec, { minKeys: 1, maxKeys: 3 });

type Spec = { type: string; data: Uint8Array; buffer: boolean };

function inline(atts: Record<string, Spec>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, a] of Object.entries(atts)) {
    out[name] = { content_type: a.type, data: a.buffer ? Buffer.from(a.data) : b64(a.data) };
  }
  return out;
}

type Op =
  | { kind: 'put'; name: string; pick: number; spec: Spec; stale: boolean }
  | { kind: 'remove'; name: string; pick: number; stale: boolean };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant('put' as const),
    name: attName,
    pick: fc.nat(),
    spec: attachmentSpec,
    stale: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant('remove' as const),
    name: attName,
    pick: fc.nat(),
    stale: fc.boolean(),
  }),
);

/** Runs the same scenario on one database, recording every outcome. */
async function scenario(
  db: Db,
  id: string,
  atts: Record<string, Spec>,
  added: [string, Spec],
  ops: Op[],
): Promise<unknown[]> {
  const log: unknown[] = [];
  const record = async (label: string, call: () => Promise<unknown>): Promise<unknown> => {
    const outcome = await settle(call);
    log.push({ label, outcome });
    return 'value' in outcome ? outcome.value : undefined;
  };
  const put = (await record('put', () => db.put({ _id: id, n: 1, _attachments: inline(atts) }))) as
    | { rev?: string }
    | undefined;
  await record('get', () => db.get(id));
  const full = (await record('get attachments', () => db.get(id, { attachments: true }))) as
    | Record<string, unknown>
    | undefined;
  const stubs = (await record('get stubs', () => db.get(id))) as
    | { _attachments?: Record<string, unknown> }
    | undefined;
  if (!put?.rev || !stubs || !full) return log;
  // An update keeping the stubs and adding one attachment.
  const [addName, addSpec] = added;
  const update = (await record('update', () =>
    db.put({
      ...stubs,
      n: 2,
      _attachments: { ...stubs._attachments, ...inline({ [addName]: addSpec }) },
    }),
  )) as { rev?: string } | undefined;
  await record('get after update', () => db.get(id));
  await record('get after update, data', () => db.get(id, { attachments: true }));
  let rev = update?.rev ?? put.rev;
  const oldRev = put.rev;
  for (const o of ops) {
    const doc = (await db.get(id)) as { _attachments?: Record<string, unknown> };
    const names = Object.keys(doc._attachments ?? {});
    // Half the time act on an existing attachment, else on the generated name.
    const name = o.pick % 2 === 0 && names.length > 0 ? names[o.pick % names.length] : o.name;
    const useRev = o.stale ? oldRev : rev;
    const res = (await record(`${o.kind} ${JSON.stringify(name)}`, () =>
      o.kind === 'put'
        ? db.putAttachment(
            id,
            name,
            useRev,
            o.spec.buffer ? Buffer.from(o.spec.data) : b64(o.spec.data),
            o.spec.type,
          )
        : db.removeAttachment(id, name, useRev),
    )) as { rev?: string } | undefined;
    if (res?.rev) rev = res.rev;
    await record('get data', () => db.get(id, { attachments: true }));
    if (names.length > 0) {
      await record('getAttachment', () =>
        db.getAttachment(id, names[0]).then((b: Buffer) => b.toString('base64')),
      );
    }
  }
  return log;
}

describe('attachments: differential against pouchdb@9', () => {
  it('put, get, update with stubs, putAttachment and removeAttachment agree', async () => {
    let written = 0;
    await fc.assert(
      fc.asyncProperty(
        attachments,
        fc.tuple(attName, attachmentSpec),
        fc.array(op, { maxLength: 4 }),
        async (atts, added, ops) => {
          const id = 'doc';
          const s = satchelMemory();
          const p = pouchMemory();
          const [got, want] = await Promise.all([
            scenario(s, id, atts, added, ops),
            scenario(p, id, atts, added, ops),
          ]);
          await Promise.all([s.destroy(), p.destroy()]);
          opened.splice(opened.indexOf(s), 1);
          opened.splice(opened.indexOf(p), 1);
          expect(got).toEqual(want);
          if (JSON.stringify(got[0]).includes('"ok":true')) written++;
        },
      ),
      { numRuns: 120 },
    );
    // The comparison is only meaningful if most documents were written.
    expect(written).toBeGreaterThan(60);
  });

  it('putAttachment on a missing document creates it, as pouchdb@9', async () => {
    const s = satchelMemory();
    const p = pouchMemory();
    const run = async (db: Db) => [
      await settle(() => db.putAttachment('new', 'a.txt', Buffer.from('hello'), 'text/plain')),
      await settle(() => db.get('new')),
      await settle(() => db.putAttachment('new2', 'b', undefined, 'aGk=', 'text/plain')),
      await settle(() => db.get('new2', { attachments: true })),
    ];
    expect(await run(s)).toEqual(await run(p));
  });
});

// ---------------------------------------------------------------------------------------------
// 2. Round trips, byte-identical
// ---------------------------------------------------------------------------------------------

function leveldbDb(): Db {
  const dir = tmpDirs[0] ?? mkdtempSync(join(tmpdir(), 'satchel-att-'));
  if (tmpDirs.length === 0) tmpDirs.push(dir);
  const db = new (Satchel as Db)(join(dir, uniq('db')), { adapter: 'leveldb' });
  opened.push(db);
  return db;
}

const every = Uint8Array.from({ length: 256 }, (_, i) => i);
const samples: [string, Uint8Array][] = [
  ['every byte value', every],
  ['every byte value, reversed, twice', Uint8Array.from([...every].reverse().concat([...every]))],
  ['empty', new Uint8Array(0)],
  ['one byte 0x00', Uint8Array.of(0)],
  ['one byte 0xff', Uint8Array.of(255)],
  ['random 64 KiB', new Uint8Array(randomBytes(65536))],
];

async function roundTrip(db: Db, data: Uint8Array, id: string): Promise<void> {
  const put = await db.putAttachment(id, 'blob', Buffer.from(data), 'application/octet-stream');
  const got: Buffer = await db.getAttachment(id, 'blob');
  expect(Buffer.isBuffer(got)).toBe(true);
  expect(Buffer.compare(got, Buffer.from(data))).toBe(0);
  const byRev: Buffer = await db.getAttachment(id, 'blob', { rev: put.rev });
  expect(Buffer.compare(byRev, Buffer.from(data))).toBe(0);
  const doc = await db.get(id, { attachments: true, binary: true });
  const att = doc._attachments.blob;
  expect(Buffer.isBuffer(att.data)).toBe(true);
  expect(Buffer.compare(att.data, Buffer.from(data))).toBe(0);
  expect(att.length ?? data.length).toBe(data.length);
  const asB64 = await db.get(id, { attachments: true });
  expect(asB64._attachments.blob.data).toBe(b64(data));
}

describe.each([
  ['memory', satchelMemory],
  ['leveldb', leveldbDb],
])('attachments: round trip on %s', (_label, open) => {
  it.each(samples)('%s', async (_name, data) => {
    await roundTrip(open(), data, 'doc');
  });

  it('random binary data (property)', async () => {
    const db = open();
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 4096 }), async (data) => {
        await roundTrip(db, data, `doc${n++}`);
      }),
      { numRuns: 40 },
    );
  });

  it.each([
    ['base64 string', (d: Buffer): unknown => d.toString('base64')],
    ['Buffer', (d: Buffer): unknown => d],
  ])('50 MB given as a %s: byte-identical, rss growth under 6× its size', async (kind, as) => {
    const size = 50 * 1024 * 1024;
    const data = randomBytes(size);
    const input = as(data);
    const db = open();
    await db.info();
    const base = process.memoryUsage().rss;
    let peak = base;
    const sample = (): void => {
      peak = Math.max(peak, process.memoryUsage().rss);
    };
    const timer = setInterval(sample, 10);
    try {
      const put = await db.putAttachment('big', 'blob', input, 'application/octet-stream');
      sample();
      const got: Buffer = await db.getAttachment('big', 'blob');
      sample();
      expect(got.length).toBe(size);
      expect(got.equals(data)).toBe(true);
      const doc = await db.get('big', { attachments: true, binary: true });
      sample();
      expect(doc._rev).toBe(put.rev);
      expect(doc._attachments.blob.data.equals(data)).toBe(true);
    } finally {
      clearInterval(timer);
    }
    const multiple = (peak - base) / size;
    console.log(`[attachments] ${_label}, ${kind}, 50 MB: rss growth ${multiple.toFixed(2)}×`);
    expect(multiple).toBeLessThan(6);
  });
});

function leveldbOverMemoryLevel(): Db {
  const db = new (Satchel as Db)(uniq('mlevel'), { adapter: 'leveldb', level: new MemoryLevel() });
  opened.push(db);
  return db;
}

describe.each([
  ['memory', satchelMemory],
  ['leveldb', leveldbDb],
  ['leveldb over memory-level', leveldbOverMemoryLevel],
])('attachments: bytes read on %s', (_label, open) => {
  it('bytes a reader gets are its own: writing to them changes nothing stored', async () => {
    const db = open();
    await db.putAttachment('doc', 'a.txt', Buffer.from('hello'), 'text/plain');
    const readers: [string, () => Promise<Buffer>][] = [
      ['getAttachment', () => db.getAttachment('doc', 'a.txt')],
      [
        'get binary',
        async () =>
          (await db.get('doc', { attachments: true, binary: true }))._attachments['a.txt'].data,
      ],
      [
        'allDocs binary',
        async () => {
          const res = await db.allDocs({ include_docs: true, attachments: true, binary: true });
          return res.rows[0].doc._attachments['a.txt'].data;
        },
      ],
    ];
    for (const [label, read] of readers) {
      (await read()).fill(0x58);
      expect([label, (await db.getAttachment('doc', 'a.txt')).toString()]).toEqual([
        label,
        'hello',
      ]);
      const doc = await db.get('doc', { attachments: true });
      expect(doc._attachments['a.txt'].data).toBe(b64(Buffer.from('hello')));
    }
  });
});

// ---------------------------------------------------------------------------------------------
// 3. Storage by digest, release on compaction and purge
// ---------------------------------------------------------------------------------------------

describe('attachments: storage by digest (leveldb over memory-level)', () => {
  const X = Buffer.from('the same bytes, stored once');
  const Y = Buffer.from('bytes that are updated away');
  const W = Buffer.from('bytes on a conflicting leaf');

  async function open(): Promise<{ db: Db; blobKeys: () => Promise<string[]> }> {
    const level = new MemoryLevel();
    const db = new (Satchel as Db)(uniq('digest'), { adapter: 'leveldb', level });
    opened.push(db);
    await db.info();
    const blobs = level.sublevel('b', { keyEncoding: 'utf8', valueEncoding: 'view' });
    return { db, blobKeys: async () => (await blobs.keys().all()).sort() };
  }

  const att = (data: Buffer, type = 'text/plain') => ({
    content_type: type,
    data: data.toString('base64'),
  });

  it('identical bytes in two documents and two revisions are stored once', async () => {
    const { db, blobKeys } = await open();
    const one = await db.put({ _id: 'one', _attachments: { x: att(X) } });
    await db.put({ _id: 'two', _attachments: { y: att(X, 'application/octet-stream') } });
    const d = await db.get('one');
    await db.put({ ...d, _rev: one.rev, _attachments: { ...d._attachments, again: att(X) } });
    const keys = await blobKeys();
    expect(keys).toHaveLength(1);
    expect(keys[0]).toBe((await db.get('one'))._attachments.x.digest);
  });

  it('compaction releases bytes only when no kept revision references them', async () => {
    const { db, blobKeys } = await open();
    const r1 = await db.put({ _id: 'a', _attachments: { x: att(X), y: att(Y) } });
    await db.put({ _id: 'b', _attachments: { x: att(X) } });
    expect(await blobKeys()).toHaveLength(2);
    // Update both attachments away from 'a'.
    await db.put({ _id: 'a', _rev: r1.rev, plain: true });
    // Not compacted yet: the old revision still references both.
    expect(await blobKeys()).toHaveLength(2);
    await db.compact();
    const keys = await blobKeys();
    // Y is gone; X survives because 'b' (a kept leaf) references it.
    expect(keys).toHaveLength(1);
    expect(keys[0]).toBe((await db.get('b'))._attachments.x.digest);
    expect((await db.getAttachment('b', 'x')).equals(X)).toBe(true);
    await expect(db.getAttachment('a', 'y', { rev: r1.rev })).rejects.toMatchObject({
      status: 404,
    });
  });

  it('a conflicting leaf keeps its bytes through compaction; purging it releases them', async () => {
    const { db, blobKeys } = await open();
    const r1 = await db.put({ _id: 'c', v: 1 });
    const [, hash1] = r1.rev.split('-');
    // Winner: a plain edit. Loser: a conflicting leaf carrying W.
    await db.put({ _id: 'c', _rev: r1.rev, v: 2 });
    await db.bulkDocs(
      [
        {
          _id: 'c',
          _rev: '2-0000000000000000000000000000000a',
          _revisions: { start: 2, ids: ['0000000000000000000000000000000a', hash1] },
          v: 'loser',
          _attachments: { w: att(W) },
        },
      ],
      { new_edits: false },
    );
    const { _conflicts } = await db.get('c', { conflicts: true });
    expect(_conflicts).toEqual(['2-0000000000000000000000000000000a']);
    expect(await blobKeys()).toHaveLength(1);
    await db.compact();
    expect(await blobKeys()).toHaveLength(1);
    const w = await db.getAttachment('c', 'w', { rev: '2-0000000000000000000000000000000a' });
    expect(Buffer.from(w).equals(W)).toBe(true);
    await db.purge('c', '2-0000000000000000000000000000000a');
    expect(await blobKeys()).toHaveLength(0);
  });

  it('purging the only leaf of a document releases its bytes unless another doc shares them', async () => {
    const { db, blobKeys } = await open();
    const a = await db.put({ _id: 'a', _attachments: { x: att(X), y: att(Y) } });
    await db.put({ _id: 'b', _attachments: { x: att(X) } });
    expect(await blobKeys()).toHaveLength(2);
    await db.purge('a', a.rev);
    const keys = await blobKeys();
    expect(keys).toHaveLength(1);
    expect(keys[0]).toBe((await db.get('b'))._attachments.x.digest);
    expect((await db.getAttachment('b', 'x')).equals(X)).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------
// 4. Errors as PouchDB's
// ---------------------------------------------------------------------------------------------

describe('attachments: errors as pouchdb@9', () => {
  async function both(run: (db: Db) => Promise<unknown>): Promise<[unknown, unknown]> {
    const s = satchelMemory();
    const p = pouchMemory();
    const outcome = async (db: Db) => {
      try {
        return { value: await run(db) };
      } catch (err) {
        return { error: normaliseError(err) };
      }
    };
    return [await outcome(s), await outcome(p)];
  }

  it('an attachment named like an Object.prototype member is missing once removed (pouchdb@9 returns an empty body)', async () => {
    const db = satchelMemory();
    const empty = { content_type: 'text/plain', data: '' };
    const first = await db.put({ _id: 'doc', _attachments: { toString: empty, other: empty } });
    const removed = await db.removeAttachment('doc', 'toString', first.rev);
    expect(removed).toMatchObject({ ok: true });
    await expect(db.getAttachment('doc', 'toString')).rejects.toMatchObject({
      status: 404,
      name: 'not_found',
    });
    await expect(db.getAttachment('doc', 'constructor')).rejects.toMatchObject({ status: 404 });
    expect((await db.getAttachment('doc', 'other')).length).toBe(0);
  });

  it('getAttachment of a missing document is pouchdb@9 404', async () => {
    const [s, p] = await both((db) => db.getAttachment('nope', 'a'));
    expect(s).toEqual(p);
    expect(s).toMatchObject({ error: { status: 404, name: 'not_found' } });
  });

  it('getAttachment of a missing attachment is pouchdb@9 404', async () => {
    const [s, p] = await both(async (db) => {
      await db.put({ _id: 'd', _attachments: { a: { content_type: 'text/plain', data: 'aGk=' } } });
      return db.getAttachment('d', 'missing');
    });
    expect(s).toEqual(p);
    expect(s).toMatchObject({ error: { status: 404, name: 'not_found' } });
  });

  it('getAttachment of a document without attachments is pouchdb@9 404', async () => {
    const [s, p] = await both(async (db) => {
      await db.put({ _id: 'd' });
      return db.getAttachment('d', 'a');
    });
    expect(s).toEqual(p);
  });

  it('bad base64 in put is pouchdb@9 bad_request', async () => {
    const [s, p] = await both((db) =>
      db.put({
        _id: 'd',
        _attachments: { a: { content_type: 'text/plain', data: 'not base64!' } },
      }),
    );
    expect(s).toEqual(p);
    // pouchdb@9 answers badarg (500), not bad_request, with the message as the reason.
    expect(s).toMatchObject({
      error: { status: 500, name: 'badarg', reason: 'Attachment is not a valid base64 string' },
    });
  });

  it('bad base64 in putAttachment is pouchdb@9 bad_request', async () => {
    const [s, p] = await both((db) => db.putAttachment('d', 'a', '!!!!', 'text/plain'));
    expect(s).toEqual(p);
  });

  it('attachment names starting with _ are pouchdb@9 400 in put', async () => {
    const [s, p] = await both((db) =>
      db.put({ _id: 'd', _attachments: { _a: { content_type: 'text/plain', data: 'aGk=' } } }),
    );
    expect(s).toEqual(p);
    expect(s).toMatchObject({ error: { status: 400 } });
  });

  it('attachment names starting with _ are pouchdb@9 400 in putAttachment', async () => {
    const [s, p] = await both((db) => db.putAttachment('d', '_a', Buffer.from('hi'), 'text/plain'));
    expect(s).toEqual(p);
    expect(s).toMatchObject({ error: { status: 400 } });
  });

  it('a stub with an unknown digest is pouchdb@9 412 missing_stub', async () => {
    const [s, p] = await both((db) =>
      db.put({
        _id: 'd',
        _attachments: {
          a: { stub: true, content_type: 'text/plain', digest: 'md5-AAAAAAAAAAAAAAAAAAAAAA==' },
        },
      }),
    );
    expect(s).toEqual(p);
    expect(s).toMatchObject({ error: { status: 412, name: 'missing_stub' } });
  });

  it('a stub with an unknown digest on an update is pouchdb@9 412 missing_stub', async () => {
    const [s, p] = await both(async (db) => {
      const r = await db.put({
        _id: 'd',
        _attachments: { a: { content_type: 'text/plain', data: 'aGk=' } },
      });
      return db.put({
        _id: 'd',
        _rev: r.rev,
        _attachments: {
          a: { stub: true, content_type: 'text/plain', digest: 'md5-AAAAAAAAAAAAAAAAAAAAAA==' },
        },
      });
    });
    expect(s).toEqual(p);
    expect(s).toMatchObject({ error: { status: 412, name: 'missing_stub' } });
  });

  it('removeAttachment and putAttachment with a stale rev are pouchdb@9 409', async () => {
    const [s, p] = await both(async (db) => {
      const r1 = await db.putAttachment('d', 'a', Buffer.from('1'), 'text/plain');
      await db.putAttachment('d', 'b', r1.rev, Buffer.from('2'), 'text/plain');
      const out: unknown[] = [];
      for (const call of [
        () => db.putAttachment('d', 'c', r1.rev, Buffer.from('3'), 'text/plain'),
        () => db.removeAttachment('d', 'a', r1.rev),
      ]) {
        try {
          out.push(await call());
        } catch (err) {
          out.push(normaliseError(err));
        }
      }
      return out;
    });
    expect(s).toEqual(p);
  });
});

// pouchdb@9 crashes on these (an uncaught TypeError from its MD5 of `undefined`, or `'data' in`
// a string), or stores them as given; we refuse them with PouchDB's errors, so that no
// attachment without bytes or digest is ever stored.
describe('attachments: malformed attachment members are refused', () => {
  const refusal = async (run: () => Promise<unknown>) => {
    try {
      return { value: await run() };
    } catch (err) {
      return { error: normaliseError(err) };
    }
  };

  it('an entry with neither data nor stub is badarg, by put and by new_edits: false', async () => {
    const db = satchelMemory();
    const bare = { _id: 'd', _attachments: { a: { content_type: 'text/plain' } } };
    const badarg = {
      error: { status: 500, name: 'badarg', reason: 'Attachment a has neither data nor stub' },
    };
    expect(await refusal(() => db.put(bare))).toMatchObject(badarg);
    const replicated = { ...bare, _rev: '1-abc' };
    expect(await refusal(() => db.bulkDocs([replicated], { new_edits: false }))).toMatchObject(
      badarg,
    );
    // Neither write left anything: not the document, not a stub without a digest.
    await expect(db.get('d')).rejects.toMatchObject({ status: 404 });
    // A later stub naming `undefined` finds no bytes stored under it.
    const stub = { _id: 's', _attachments: { a: { stub: true } } };
    expect(await refusal(() => db.put(stub))).toMatchObject({
      error: { status: 412, name: 'missing_stub' },
    });
    // A deletion drops its attachments before any of this matters.
    const kept = await db.put({ _id: 'x' });
    const deleted = { _id: 'x', _rev: kept.rev, _deleted: true, _attachments: { a: {} } };
    expect(await db.put(deleted)).toMatchObject({ ok: true });
  });

  it('an _attachments that is not an object (or null) is doc_validation, the whole write refused', async () => {
    const db = satchelMemory();
    for (const value of ['x', 5, true, [{ content_type: 'text/plain', data: 'aGk=' }]]) {
      const out = await refusal(() =>
        db.bulkDocs([{ _id: 'ok' }, { _id: 'd', _attachments: value }]),
      );
      expect(out, JSON.stringify(value)).toMatchObject({
        error: {
          status: 500,
          name: 'doc_validation',
          message: 'Bad special document member: _attachments',
        },
      });
    }
    expect((await db.allDocs()).rows).toEqual([]);
    // As pouchdb@9: `null` is kept, and a deletion drops the member whatever it is.
    expect(await db.put({ _id: 'n', _attachments: null })).toMatchObject({ ok: true });
    expect((await db.get('n'))._attachments).toBeNull();
    const n = await db.get('n');
    expect(
      await db.put({ _id: 'n', _rev: n._rev, _deleted: true, _attachments: 'x' }),
    ).toMatchObject({ ok: true });
  });
});

describe('attachments: every binary input form', () => {
  const hello = new TextEncoder().encode('hello');
  const forms: [string, () => unknown][] = [
    ['base64 string', () => 'aGVsbG8='],
    ['Buffer', () => Buffer.from(hello)],
    ['Uint8Array', () => new Uint8Array(hello)],
    ['ArrayBuffer', () => hello.slice().buffer],
    ['Blob', () => new Blob([hello], { type: 'text/plain' })],
  ];
  it.each(forms)('%s is stored with the digest and length of its bytes', async (_name, make) => {
    const db = new Satchel(`forms-${Math.random()}`, { adapter: 'memory' });
    await db.put({
      _id: 'a',
      _attachments: { 'h.txt': { content_type: 'text/plain', data: make() } },
    } as never);
    const doc = await db.get('a');
    expect(doc._attachments?.['h.txt']).toEqual({
      content_type: 'text/plain',
      digest: 'md5-XUFAKrxLKna5cZ2REBfFkg==',
      length: 5,
      revpos: 1,
      stub: true,
    });
    const bytes = (await db.getAttachment('a', 'h.txt')) as Buffer;
    expect(bytes.toString()).toBe('hello');
    await db.destroy();
  });
});
