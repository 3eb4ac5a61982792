import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GDriveEngine } from '../src/index.js';
import { type DriveServer, startDriveServer } from './drive-server.js';
import { device, openDb, Satchel } from './helpers.js';

let server: DriveServer;
beforeAll(async () => {
  server = await startDriveServer();
});
afterAll(() => server.stop());

describe('a database on Drive', () => {
  it('stores, reads back and survives a reopen by another device', async () => {
    const db = openDb('basics', server.url);
    const a = await db.put({ _id: 'a', n: 1 });
    await db.put({
      _id: 'b',
      n: 2,
      _attachments: { 't.txt': { content_type: 'text/plain', data: 'aGVsbG8=' } },
    });
    await db.put({ _id: 'a', _rev: a.rev, n: 3 });
    expect(await db.get('a')).toMatchObject({ n: 3 });
    const other = openDb('basics', server.url);
    const all = await other.allDocs({ include_docs: true });
    expect(all.rows.map((r) => [r.id, (r.doc as unknown as { n: number }).n])).toEqual([
      ['a', 3],
      ['b', 2],
    ]);
    const att = await other.getAttachment('b', 't.txt');
    expect(Buffer.from(att as Uint8Array).toString()).toBe('hello');
    const changes = await other.changes({});
    expect(changes.results.map((c) => [c.id, c.seq])).toEqual([
      ['b', 2],
      ['a', 3],
    ]);
    await db.close();
    await other.close();
  });

  it('two devices editing the same document: one wins, the other gets a 409', async () => {
    const a = openDb('race', server.url);
    const first = await a.put({ _id: 'x', v: 0 });
    const b = openDb('race', server.url);
    await b.get('x');
    await a.put({ _id: 'x', _rev: first.rev, v: 'a' });
    const err = await b.put({ _id: 'x', _rev: first.rev, v: 'b' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 409, name: 'conflict' });
    await b.put({ _id: 'y', v: 'b' });
    expect((await b.info()).doc_count).toBe(2);
    expect(await b.get('x')).toMatchObject({ v: 'a' });
    await a.close();
    await b.close();
  });

  it('a 10,000-level document and local doc and a 20,000-revision path: in the log and in a snapshot', async () => {
    let nested: Record<string, unknown> = { leaf: true };
    for (let i = 0; i < 10_000; i++) nested = { c: nested };
    const depth = (value: unknown): number => {
      let n = 0;
      let node = value as { c?: unknown; leaf?: boolean } | undefined;
      for (; node?.c; n++) node = node.c as typeof node;
      return node?.leaf === true ? n : -1;
    };
    const ids = Array.from({ length: 20_000 }, (_, i) =>
      (20_000 - i).toString(16).padStart(32, '0'),
    );
    const db = new Satchel('deep', {
      adapter: 'gdrive',
      ...device(server.url),
      revs_limit: 100_000,
    });
    await db.put({ _id: 'deep', v: nested });
    await db.put({ _id: '_local/deep', v: nested });
    const long = { _id: 'long', _rev: `20000-${ids[0]}`, _revisions: { start: 20_000, ids } };
    await db.bulkDocs([long], { new_edits: false });
    // Another device reads the change files; a third reads the snapshot the second writes.
    const readBack = async (other: Satchel) => [
      depth((await other.get<{ v: unknown }>('deep')).v),
      depth((await other.get<{ v: unknown }>('_local/deep')).v),
      (await other.get('long', { revs: true }))._revisions?.ids.length,
    ];
    const logReader = openDb('deep', server.url);
    expect(await readBack(logReader)).toEqual([10_000, 10_000, 20_000]);
    const engine = new GDriveEngine('deep', device(server.url));
    await engine.open();
    expect(await engine.snapshot()).toBe(true);
    const snapshotReader = openDb('deep', server.url);
    expect(await readBack(snapshotReader)).toEqual([10_000, 10_000, 20_000]);
    await Promise.all([db.close(), logReader.close(), snapshotReader.close(), engine.close()]);
  });

  it('a snapshot folds the log; a fresh device reads the snapshot and the log after it', async () => {
    const db = openDb('snap', server.url);
    for (let i = 0; i < 5; i++) await db.put({ _id: `d${i}`, i });
    const engine = new GDriveEngine('snap', device(server.url));
    await engine.open();
    expect(engine.pointer.log).toHaveLength(5);
    expect(await engine.snapshot()).toBe(true);
    expect(engine.pointer.log).toHaveLength(0);
    await db.put({ _id: 'after', i: 99 });
    const fresh = openDb('snap', server.url, { getAccessToken: () => 'another-valid-token' });
    const all = await fresh.allDocs({ include_docs: true });
    expect(all.rows.map((r) => r.id)).toEqual(['after', 'd0', 'd1', 'd2', 'd3', 'd4']);
    expect(all.rows[1]?.doc).toMatchObject({ i: 0 });
    await engine.close();
    await db.close();
    await fresh.close();
  });
});
