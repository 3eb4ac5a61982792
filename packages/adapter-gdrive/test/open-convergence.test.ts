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
