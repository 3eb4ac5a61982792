import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GDriveEngine } from '../src/index.js';
import { type DriveServer, startDriveServer } from './drive-server.js';
import { device, openDb } from './helpers.js';

let server: DriveServer;
beforeAll(async () => {
  server = await startDriveServer();
});
afterAll(() => server.stop());

describe('two devices creating the same database at once', () => {
  it('converge on one folder and one _meta.json, and both see each other’s writes', async () => {
    const engines = Array.from({ length: 3 }, () => new GDriveEngine('twin', device(server.url)));
    await Promise.all(engines.map((engine) => engine.open()));
    const folders = await engines[0]?.drive.list('root', { name: 'twin', folders: true });
    expect(folders).toHaveLength(1);
    const files = await engines[0]?.drive.list(folders?.[0]?.id as string);
    expect(files?.map((f) => f.name)).toEqual(['_meta.json']);
    await Promise.all(engines.map((engine) => engine.close()));

    const a = openDb('twin', server.url);
    const b = openDb('twin', server.url);
    await a.put({ _id: 'from-a' });
    await b.put({ _id: 'from-b' });
    const fresh = openDb('twin', server.url);
    expect((await fresh.allDocs({})).rows.map((r) => r.id)).toEqual(['from-a', 'from-b']);
    await Promise.all([a.close(), b.close(), fresh.close()]);
  });

  it('a database in appDataFolder lives there', async () => {
    const db = openDb('hidden', server.url, { parent: 'appDataFolder' });
    await db.put({ _id: 'x' });
    const engine = new GDriveEngine('hidden', device(server.url, { parent: 'appDataFolder' }));
    await engine.open();
    expect(await engine.getDocs(['x'])).toEqual([expect.objectContaining({ id: 'x' })]);
    expect(await engine.drive.list('root', { name: 'hidden' })).toHaveLength(0);
    await engine.close();
    await db.destroy();
    expect(await engine.drive.list('appDataFolder', { name: 'hidden' })).toHaveLength(0);
  });
});

describe('a duplicate folder another device wrote to before seeing this one', () => {
  it('is merged in (history, attachments and conflicts kept) and then deleted', async () => {
    const setup = new GDriveEngine('split', device(server.url));
    const older = await setup.drive.createFolder('split', 'root');
    await new Promise((resolve) => setTimeout(resolve, 5));
    const newer = await setup.drive.createFolder('split', 'root');
    const a = openDb('split', server.url, { folderId: older.id });
    const b = openDb('split', server.url, { folderId: newer.id });
    await a.put({ _id: 'only-a', v: 1 });
    const first = await b.put({ _id: 'only-b', v: 1 });
    await b.put({ _id: 'only-b', _rev: first.rev, v: 2 });
    await b.put({
      _id: 'with-att',
      _attachments: {
        'f.txt': { content_type: 'text/plain', data: Buffer.from('hi').toString('base64') },
      },
    });
    await a.put({ _id: 'both', side: 'a' });
    await b.put({ _id: 'both', side: 'b' });
    await Promise.all([a.close(), b.close()]);

    // A device opening by name takes the oldest folder and folds the other one into it.
    const c = openDb('split', server.url);
    await c.info();
    const deadline = Date.now() + 10_000;
    while ((await setup.drive.list('root', { name: 'split', folders: true })).length > 1) {
      expect(Date.now()).toBeLessThan(deadline);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const [kept] = await setup.drive.list('root', { name: 'split', folders: true });
    expect(kept?.id).toBe(older.id);

    const fresh = openDb('split', server.url);
    const all = await fresh.allDocs({ include_docs: true, conflicts: true });
    expect(all.rows.map((r) => r.id)).toEqual(['both', 'only-a', 'only-b', 'with-att']);
    expect(await fresh.get('only-b', { revs: true })).toMatchObject({
      v: 2,
      _revisions: { start: 2 },
    });
    const both = all.rows.find((r) => r.id === 'both')?.doc as { _conflicts?: string[] };
    expect(both._conflicts).toHaveLength(1);
    const att = (await fresh.getAttachment('with-att', 'f.txt')) as Uint8Array;
    expect(Buffer.from(att).toString()).toBe('hi');
    await Promise.all([c.close(), fresh.close(), setup.close()]);
  });
});
