import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CouchServer, dbUrl, S, useCouchServer } from './setup-server.js';

type Doc = Record<string, unknown>;

describe('http adapter: documents', () => {
  let server: CouchServer;
  beforeAll(async () => {
    server = await useCouchServer();
  });
  afterAll(() => server.stop());

  it('creates the database on open and reports info', async () => {
    const db = new S(dbUrl(server));
    const info = await db.info();
    expect(info.doc_count).toBe(0);
    expect(db.adapter).toBe('http');
    await db.destroy();
  });

  it('puts and gets documents, with revs and conflicts options', async () => {
    const db = new S(dbUrl(server));
    const first = await db.put({ _id: 'a/b+c é', n: 1 });
    expect(first.ok).toBe(true);
    const second = await db.put({ _id: 'a/b+c é', _rev: first.rev, n: 2 });
    const doc = (await db.get('a/b+c é', { revs: true })) as Doc;
    expect(doc.n).toBe(2);
    expect(doc._rev).toBe(second.rev);
    expect((doc._revisions as { ids: string[] }).ids).toHaveLength(2);
    const old = (await db.get('a/b+c é', { rev: first.rev })) as Doc;
    expect(old.n).toBe(1);
    await db.destroy();
  });

  it('reads several revisions with open_revs', async () => {
    const db = new S(dbUrl(server));
    const { rev } = await db.put({ _id: 'x' });
    const rows = (await db.get('x', { open_revs: [rev, '9-missing'] })) as unknown[];
    expect(rows).toContainEqual({ ok: { _id: 'x', _rev: rev } });
    expect(rows).toContainEqual({ missing: '9-missing' });
    await db.destroy();
  });

  it('writes with bulkDocs, including new_edits: false', async () => {
    const db = new S(dbUrl(server));
    const rows = await db.bulkDocs([{ _id: 'a' }, { _id: 'b' }]);
    expect(rows.map((r) => r.id)).toEqual(['a', 'b']);
    const repl = await db.bulkDocs([{ _id: 'c', _rev: '3-abc', v: 1 }], { new_edits: false });
    expect(repl).toEqual([]);
    expect(((await db.get('c')) as Doc)._rev).toBe('3-abc');
    await db.destroy();
  });

  it('lists documents with allDocs (GET and POST with keys)', async () => {
    const db = new S(dbUrl(server));
    await db.bulkDocs([{ _id: 'a' }, { _id: 'b' }, { _id: 'c' }]);
    const all = await db.allDocs({ startkey: 'b', include_docs: true });
    expect(all.rows.map((r) => r.id)).toEqual(['b', 'c']);
    expect(all.rows[0]?.doc?._id).toBe('b');
    const some = await db.allDocs({ keys: ['c', 'zz'] });
    expect(some.rows[0]?.id).toBe('c');
    expect(some.rows[1]).toMatchObject({ key: 'zz', error: 'not_found' });
    await db.destroy();
  });

  it('handles local and design documents', async () => {
    const db = new S(dbUrl(server));
    await db.put({ _id: '_local/cp', last: 5 });
    expect(((await db.get('_local/cp')) as Doc).last).toBe(5);
    await db.put({ _id: '_design/d', views: {} });
    expect(((await db.get('_design/d')) as Doc)._id).toBe('_design/d');
    await db.destroy();
  });

  it('answers revsDiff and bulkGet', async () => {
    const db = new S(dbUrl(server));
    const { rev } = await db.put({ _id: 'd' });
    const diff = await db.revsDiff({ d: [rev, '2-zzz'], e: ['1-a'] });
    expect(diff).toEqual({ d: { missing: ['2-zzz'] }, e: { missing: ['1-a'] } });
    const got = await db.bulkGet({ docs: [{ id: 'd', rev }] });
    expect(got.results[0]?.docs[0]).toEqual({ ok: { _id: 'd', _rev: rev } });
    await db.destroy();
  });

  it('stores and reads attachments as raw bytes', async () => {
    const db = new S(dbUrl(server));
    const bytes = Buffer.from([0, 1, 2, 250, 255]);
    await db.put({
      _id: 'att',
      _attachments: { 'f/1.bin': { content_type: 'application/octet-stream', data: bytes } },
    });
    const back = (await db.getAttachment('att', 'f/1.bin')) as Buffer;
    expect(Buffer.from(back).equals(bytes)).toBe(true);
    const doc = (await db.get('att', { attachments: true, binary: true })) as Doc;
    const att = (doc._attachments as Record<string, { data: Buffer }>)['f/1.bin'];
    expect(Buffer.from(att?.data ?? []).equals(bytes)).toBe(true);
    await db.destroy();
  });
});
