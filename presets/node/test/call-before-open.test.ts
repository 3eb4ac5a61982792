import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import Satchel from '../src/index.js';
import { PouchDB, pouchOptions } from './pouchdb-oracle.js';

// Writes called on a database that has not opened yet wait for the opening. PouchDB copies
// their documents whole at the call all the same, so a caller that goes on changing them
// (nested members, the request list, attachment bytes) changes nothing that is stored. Each
// case runs on a database just constructed, against pouchdb@9 doing the same.

const dir = mkdtempSync(join(tmpdir(), 'satchel-before-open-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
type Db = InstanceType<typeof Satchel>;
const stores: [string, () => Db][] = [
  ['memory', () => new Satchel(`before-open-${n++}`, { adapter: 'memory' })],
  ['leveldb', () => new Satchel(join(dir, `db-${n++}`))],
];
const pouch = () => new PouchDB(`before-open-pouch-${n++}`, pouchOptions) as unknown as Db;

/** Every stored document, attachment bytes as text, after `write` ran on a fresh database. */
async function storedAfter(db: Db, write: (db: Db) => Promise<unknown>) {
  await write(db);
  const all = await db.allDocs({ include_docs: true, attachments: true });
  const docs = all.rows.map((row) => row.doc);
  await db.destroy();
  return docs;
}

const cases: [string, (db: Db) => Promise<unknown>][] = [
  [
    'put: nested members changed after the call',
    async (db) => {
      const inner = { n: 1, list: [1] };
      const doc = { _id: 'a', inner, top: 't' };
      const writing = db.put(doc);
      inner.n = 2;
      inner.list.push(2);
      doc.top = 'changed';
      return writing;
    },
  ],
  [
    'post: a nested member changed after the call',
    async (db) => {
      const inner = { n: 1 };
      const writing = db.post({ _id: undefined, inner });
      inner.n = 2;
      const { id } = await writing;
      // The generated id differs between the two databases: store under a fixed one.
      const stored = await db.get<{ inner: unknown }>(id);
      await db.remove(stored);
      return db.put({ _id: 'posted', inner: stored.inner });
    },
  ],
  [
    'bulkDocs: the list and its documents changed after the call',
    async (db) => {
      const docs = [{ _id: 'b', inner: { list: [1] } }];
      const writing = db.bulkDocs(docs);
      docs[0]!.inner.list.push(2);
      docs[0]!._id = 'renamed';
      docs.push({ _id: 'added', inner: { list: [] } });
      return writing;
    },
  ],
  [
    'bulkDocs({docs}): documents changed after the call',
    async (db) => {
      const request = { docs: [{ _id: 'c', inner: { s: 'a' } }] };
      const writing = db.bulkDocs(request);
      request.docs[0]!.inner.s = 'changed';
      return writing;
    },
  ],
  [
    'put: attachment bytes overwritten after the call',
    async (db) => {
      const data = Buffer.from('hello');
      const writing = db.put({
        _id: 'd',
        _attachments: { 'f.txt': { content_type: 'text/plain', data } },
      });
      data.write('J');
      return writing;
    },
  ],
];

describe.each(stores)('writes called before %s opened', (_name, open) => {
  it.each(cases)('%s: stores what PouchDB stores', async (_case, write) => {
    const ours = await storedAfter(open(), write);
    const theirs = await storedAfter(pouch(), write);
    expect(ours).toEqual(theirs);
    // The oracle itself must show the call-time content, or this compares nothing useful.
    expect(JSON.stringify(theirs)).not.toMatch(/changed|renamed|added|"n":2|SmVsbG8/);
  });

  it('a remove called before opening deletes the revision named at the call', async () => {
    const db = open();
    const { rev } = await db.put({ _id: 'e' });
    await db.close();
    const reopened = new Satchel(db.name, db.adapter === 'memory' ? { adapter: 'memory' } : {});
    const target = { _id: 'e', _rev: rev };
    const removing = reopened.remove(target);
    target._id = 'other';
    await expect(removing).resolves.toMatchObject({ ok: true, id: 'e' });
    await reopened.destroy();
  });

  it('a document the copy refuses (a cycle) is rejected, not thrown at the call', async () => {
    const db = open();
    const doc: Record<string, unknown> = { _id: 'cyclic' };
    doc.self = doc;
    let writing: Promise<unknown> | undefined;
    expect(() => {
      writing = db.put(doc);
    }).not.toThrow();
    await expect(writing).rejects.toBeTruthy();
    await db.destroy();
  });
});
