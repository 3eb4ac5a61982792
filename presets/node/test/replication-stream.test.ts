import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import Satchel from '../src/index.js';

/**
 * pouchdb-replication-stream (issue 15): `dump` and `load` between Satchel databases and with
 * pouchdb@9 both ways, with attachments (text and every byte value), conflicts (one branch
 * with its own attachment), deletions (a deleted document and a deleted conflict branch) and
 * edit histories. Set up exactly as the plugin's README says, on each constructor.
 */

const require = createRequire(import.meta.url);
const replicationStream = require('pouchdb-replication-stream');

/** Satchel and PouchDB databases, typed loosely: both are driven through the same calls. */
// biome-ignore lint/suspicious/noExplicitAny: PouchDB ships no types; results are compared as JSON.
type Db = any;

const dir = mkdtempSync(join(tmpdir(), 'satchel-replication-stream-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// A constructor of its own, so the writableStream adapter stays out of other tests.
const S: Db = Satchel.defaults({ prefix: `${dir}/` });
S.plugin(replicationStream.plugin);
S.adapter('writableStream', replicationStream.adapters.writableStream);

const PouchDB: Db = require('pouchdb');
PouchDB.plugin(require('pouchdb-adapter-memory'));
PouchDB.plugin(replicationStream.plugin);
PouchDB.adapter('writableStream', replicationStream.adapters.writableStream);

let counter = 0;
const opened: Db[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((db) => db.destroy().catch(() => undefined)));
});

/** Database makers, by the label each case names them with. */
const makers: Record<string, () => Db> = {
  'Satchel leveldb': () => track(new S(`ldb-${counter++}`)),
  'Satchel memory': () => track(new S(`mem-${counter++}`, { adapter: 'memory' })),
  'pouchdb@9 memory': () => track(new PouchDB(`pouch-${counter++}`, { adapter: 'memory' })),
};

function track(db: Db): Db {
  opened.push(db);
  return db;
}

const everyByte = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
const b64 = (data: Buffer | string): string => Buffer.from(data).toString('base64');

/** The fixture: every kind of state a dump has to carry. */
async function fill(db: Db): Promise<void> {
  await db.bulkDocs(Array.from({ length: 120 }, (_, i) => ({ _id: `doc-${i}`, i })));
  let rev = (await db.put({ _id: 'history', n: 0 })).rev;
  for (let n = 1; n < 5; n++) rev = (await db.put({ _id: 'history', _rev: rev, n })).rev;

  const first = await db.put({
    _id: 'files',
    _attachments: {
      'note.txt': { content_type: 'text/plain', data: b64('héllo wörld') },
      'bytes.bin': { content_type: 'application/octet-stream', data: b64(everyByte) },
    },
  });
  // A second revision keeps both attachments as stubs and adds a binary one (Buffer input).
  await db.putAttachment('files', 'more.bin', first.rev, everyByte.reverse(), 'image/png');
  everyByte.reverse();

  // Two branches, the losing one with an attachment of its own; a third branch deleted.
  await db.bulkDocs(
    [
      { _id: 'conflicted', _rev: '1-aaaa', side: 'a' },
      {
        _id: 'conflicted',
        _rev: '1-bbbb',
        side: 'b',
        _attachments: { 'b.txt': { content_type: 'text/plain', data: b64('branch b') } },
      },
      {
        _id: 'conflicted',
        _rev: '2-cccc',
        _deleted: true,
        _revisions: { start: 2, ids: ['cccc', 'aaaa'] },
      },
    ],
    { new_edits: false },
  );
  const gone = await db.put({ _id: 'gone', was: 'here' });
  await db.remove('gone', gone.rev);
  await db.put({ _id: '_local/not-dumped', local: true });
}

/** Dumps `source` into `target` through an in-memory stream, as the README's example does. */
async function dumpAndLoad(source: Db, target: Db): Promise<string> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  const [dumped, loaded] = await Promise.all([source.dump(stream), target.load(stream)]);
  expect(dumped).toEqual({ ok: true });
  expect(loaded).toEqual({ ok: true });
  return Buffer.concat(chunks).toString('utf8');
}

/** Dumps `db` into a file and answers its path once the file is complete. */
async function dumpToFile(db: Db, name: string): Promise<string> {
  const file = join(dir, name);
  const out = createWriteStream(file);
  const [dumped] = await Promise.all([db.dump(out), once(out, 'finish')]);
  expect(dumped).toEqual({ ok: true });
  return file;
}

/**
 * What the comparison covers: allDocs with conflicts and inline attachments, every leaf of
 * every document (deleted ones too) with its history, and the document count. `revpos` is
 * left out when `withRevpos` is false: a replicated write carries the attachment's data, so the
 * target records it at the revision that brought it, as pouchdb@9 does in any replication.
 */
async function snapshot(db: Db, withRevpos = false): Promise<unknown> {
  const allDocs = await db.allDocs({ include_docs: true, conflicts: true, attachments: true });
  const { results } = await db.changes({ style: 'all_docs' });
  const ids = results.map((r: { id: string }) => r.id).sort();
  const leaves = await Promise.all(
    ids.map(async (id: string) => {
      const read = await db.get(id, { open_revs: 'all', revs: true, attachments: true });
      return read.sort((a: Db, b: Db) => (a.ok._rev < b.ok._rev ? -1 : 1));
    }),
  );
  const all = { allDocs, leaves, doc_count: (await db.info()).doc_count };
  if (withRevpos) return all;
  return JSON.parse(JSON.stringify(all, (key, value) => (key === 'revpos' ? undefined : value)));
}

/** Each attachment read back as bytes matches its digest and its length. */
async function expectDigestsHold(db: Db): Promise<number> {
  let checked = 0;
  for (const id of ['files', 'conflicted']) {
    const leaves = await db.get(id, { open_revs: 'all' });
    for (const { ok: doc } of leaves) {
      for (const [name, stub] of Object.entries<Db>(doc._attachments ?? {})) {
        const bytes: Buffer = await db.getAttachment(id, name, { rev: doc._rev });
        expect(`md5-${createHash('md5').update(bytes).digest('base64')}`).toBe(stub.digest);
        expect(bytes.length).toBe(stub.length);
        checked++;
      }
    }
  }
  return checked;
}

/** The attachment data objects written into a dump. */
function dumpedAttachmentData(dump: string): unknown[] {
  return dump
    .split('\n')
    .filter((line) => line.startsWith('{"docs"'))
    .flatMap((line) => JSON.parse(line).docs)
    .flatMap((doc: Db) => Object.values<Db>(doc._attachments ?? {}).map((att) => att.data));
}

describe('pouchdb-replication-stream dump and load', () => {
  const cases: [string, string][] = [
    ['Satchel leveldb', 'Satchel memory'],
    ['Satchel memory', 'Satchel leveldb'],
    ['Satchel leveldb', 'pouchdb@9 memory'],
    ['pouchdb@9 memory', 'Satchel leveldb'],
  ];
  it.each(cases)('from %s into %s loses nothing', async (from, into) => {
    const source = makers[from]!();
    const target = makers[into]!();
    await fill(source);
    await dumpAndLoad(source, target);
    expect(await snapshot(target)).toEqual(await snapshot(source));
    // 3 attachments on the winner of `files`, 1 on the losing branch of `conflicted`.
    expect(await expectDigestsHold(target)).toBe(4);
    await expect(target.get('_local/not-dumped')).rejects.toMatchObject({ status: 404 });
  });

  it("a Satchel dump carries attachment data as base64, the form the plugin's README gives", async () => {
    const source = makers['Satchel leveldb']!();
    await fill(source);
    const dump = await dumpAndLoad(source, makers['Satchel memory']!());
    const data = dumpedAttachmentData(dump);
    expect(data.length).toBe(4);
    for (const d of data) expect(typeof d).toBe('string');
    expect(data).toContain(b64(everyByte));
  });

  it('a dump written to a file by pouchdb@9 on Node (attachments as Buffer JSON) loads into Satchel', async () => {
    const pouch = makers['pouchdb@9 memory']!();
    await fill(pouch);
    const file = await dumpToFile(pouch, 'pouch-dump.txt');
    // pouchdb@9 writes a Buffer's JSON, not base64 (the plugin's issue #60).
    expect(dumpedAttachmentData(readFileSync(file, 'utf8'))).toContainEqual({
      type: 'Buffer',
      data: [...everyByte],
    });
    const db = makers['Satchel leveldb']!();
    expect(await db.load(createReadStream(file))).toEqual({ ok: true });
    expect(await snapshot(db)).toEqual(await snapshot(pouch));
    expect(await expectDigestsHold(db)).toBe(4);
  });

  it('a dump of a Satchel database loads again after a round trip through a file', async () => {
    const source = makers['Satchel leveldb']!();
    await fill(source);
    const file = await dumpToFile(source, 'satchel-dump.txt');
    const again = makers['Satchel leveldb']!();
    await again.load(createReadStream(file));
    expect(await snapshot(again)).toEqual(await snapshot(source));
  });

  it('one dump loads into Satchel exactly as into pouchdb@9, revpos included', async () => {
    const source = makers['Satchel leveldb']!();
    await fill(source);
    const file = await dumpToFile(source, 'for-both.txt');
    const satchel = makers['Satchel memory']!();
    const pouch = makers['pouchdb@9 memory']!();
    await Promise.all([satchel.load(createReadStream(file)), pouch.load(createReadStream(file))]);
    expect(await snapshot(satchel, true)).toEqual(await snapshot(pouch, true));
  });
});
