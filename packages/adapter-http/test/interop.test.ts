import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CouchServer, dbUrl, PouchDB, S, useCouchServer } from './setup-server.js';

describe('http adapter: interop with pouchdb@9', () => {
  let server: CouchServer;
  beforeAll(async () => {
    server = await useCouchServer();
  });
  afterAll(() => server.stop());

  const attachment = { 'a.txt': { content_type: 'text/plain', data: 'aGVsbG8=' } };

  it('reads what pouchdb@9 wrote, attachments included', async () => {
    const url = dbUrl(server);
    const pouch = new PouchDB(url);
    await pouch.put({ _id: 'p', n: [1, 'two'], _attachments: attachment });
    const opts = { revs: true, attachments: true, conflicts: true };
    expect(await new S(url).get('p', opts)).toEqual(await pouch.get('p', opts));
    await pouch.destroy();
  });

  it('writes what pouchdb@9 reads, attachments included', async () => {
    const url = dbUrl(server);
    const db = new S(url);
    await db.put({ _id: 's', nested: { ok: true }, _attachments: attachment });
    const opts = { revs: true, attachments: true };
    expect(await new PouchDB(url).get('s', opts)).toEqual(await db.get('s', opts));
    await db.destroy();
  });

  it('reports the same id() and info() as pouchdb@9', async () => {
    const url = dbUrl(server);
    const db = new S(url);
    const pouch = new PouchDB(url);
    await db.put({ _id: 'i' });
    expect(await db.id()).toBe(await pouch.id());
    const ours = await db.info();
    const theirs = await pouch.info();
    expect(ours).toEqual(theirs);
    await db.destroy();
  });

  it('answers changes, allDocs and getAttachment like pouchdb@9', async () => {
    const url = dbUrl(server);
    const db = new S(url);
    const pouch = new PouchDB(url);
    const bytes = Buffer.from([1, 2, 3, 0, 255]);
    await pouch.put({
      _id: 'bin',
      _attachments: { 'x.bin': { content_type: 'application/octet-stream', data: bytes } },
    });
    await db.bulkDocs([{ _id: 'a' }, { _id: 'b', _deleted: true }]);
    const changesOpts = { include_docs: true, style: 'all_docs' as const };
    expect(await db.changes(changesOpts)).toEqual(await pouch.changes(changesOpts));
    const allOpts = { include_docs: true, keys: ['bin', 'a', 'b', 'zz'] };
    expect(await db.allDocs(allOpts)).toEqual(await pouch.allDocs(allOpts));
    const ours = (await db.getAttachment('bin', 'x.bin')) as Buffer;
    const theirs = (await pouch.getAttachment('bin', 'x.bin')) as Buffer;
    expect(Buffer.from(ours).equals(bytes)).toBe(true);
    expect(Buffer.from(ours).equals(theirs)).toBe(true);
    await db.destroy();
  });
});
