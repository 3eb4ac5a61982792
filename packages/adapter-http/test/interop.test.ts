import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CouchServer, dbUrl, PouchDB, S, useCouchServer } from './setup-server.js';

// One server for the file: two express-pouchdb servers in one process interfere.
let server: CouchServer;
beforeAll(async () => {
  server = await useCouchServer();
});
afterAll(() => server.stop());

describe('http adapter: interop with pouchdb@9', () => {
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

describe('http adapter: interop with pouchdb@9, attachments and conflicts', () => {
  const png = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 255, 0, 128]);
  const readOpts = { attachments: true, binary: true, revs: true, conflicts: true };

  /** Attachment data as plain bytes, so Buffers from either side compare equal. */
  function normalize(doc: unknown): unknown {
    return JSON.parse(
      JSON.stringify(doc, (_key, value: unknown) =>
        value && typeof value === 'object' && (value as { type?: string }).type === 'Buffer'
          ? { bytes: (value as { data: number[] }).data }
          : value,
      ),
    );
  }

  it('binary attachments and conflicts pouchdb@9 wrote read the same in Satchel', async () => {
    const url = dbUrl(server);
    const pouch = new PouchDB(url);
    const { rev } = await pouch.put({ _id: 'img', title: 'ü' });
    const added = await pouch.putAttachment('img', 'a/b.png', rev, png, 'image/png');
    await pouch.putAttachment('img', 'note.txt', added.rev, Buffer.from('hi'), 'text/plain');
    await pouch.bulkDocs([{ _id: 'img', _rev: '2-0000', other: true }], { new_edits: false });
    const db = new S(url);
    expect(normalize(await db.get('img', readOpts))).toEqual(
      normalize(await pouch.get('img', readOpts)),
    );
    const bytes = (await db.getAttachment('img', 'a/b.png')) as Buffer;
    expect(Buffer.from(bytes).equals(png)).toBe(true);
    const all = { include_docs: true, attachments: true, binary: true, conflicts: true };
    expect(normalize(await db.allDocs(all))).toEqual(normalize(await pouch.allDocs(all)));
    const req = { docs: [{ id: 'img' }], revs: true, attachments: true };
    expect(await db.bulkGet(req)).toEqual(await pouch.bulkGet(req));
    await pouch.destroy();
  });

  it('binary attachments Satchel wrote read the same in pouchdb@9', async () => {
    const url = dbUrl(server);
    const db = new S(url);
    const { rev } = await db.put({
      _id: 'doc',
      _attachments: { 'raw.bin': { content_type: 'application/octet-stream', data: png } },
    });
    await db.putAttachment('doc', 'more.txt', rev, Buffer.from('more'), 'text/plain');
    const pouch = new PouchDB(url);
    expect(normalize(await pouch.get('doc', readOpts))).toEqual(
      normalize(await db.get('doc', readOpts)),
    );
    const theirs = (await pouch.getAttachment('doc', 'raw.bin')) as Buffer;
    expect(Buffer.from(theirs).equals(png)).toBe(true);
    const changes = { include_docs: true, attachments: true };
    expect(await pouch.changes(changes)).toEqual(await db.changes(changes));
    await db.destroy();
  });

  it('a Satchel live feed sees what pouchdb@9 writes, and the other way round', async () => {
    const url = dbUrl(server);
    const db = new S(url);
    const pouch = new PouchDB(url);
    const { update_seq: since } = await db.info();
    const ours = db.changes({ live: true, since, include_docs: true });
    const theirs = pouch.changes({ live: true, since, include_docs: true });
    const seen = (feed: typeof ours | typeof theirs, n: number): Promise<string[]> =>
      new Promise((resolve) => {
        const ids: string[] = [];
        feed.on('change', (change: { id: string }) => {
          ids.push(change.id);
          if (ids.length === n) resolve(ids);
        });
      });
    const oursSaw = seen(ours, 2);
    const theirsSaw = seen(theirs, 2);
    await pouch.put({ _id: 'from-pouch' });
    await db.put({ _id: 'from-satchel' });
    expect(await oursSaw).toEqual(['from-pouch', 'from-satchel']);
    expect(await theirsSaw).toEqual(['from-pouch', 'from-satchel']);
    ours.cancel();
    theirs.cancel();
    await db.destroy();
  });
});
