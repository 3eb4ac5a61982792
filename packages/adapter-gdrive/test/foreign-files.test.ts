import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DriveTransport } from '../src/drive-transport.js';
import { GDriveEngine } from '../src/index.js';
import { type DriveServer, startDriveServer } from './drive-server.js';
import { device, openDb } from './helpers.js';

let server: DriveServer;
beforeAll(async () => {
  server = await startDriveServer();
});
afterAll(() => server.stop());

/** A user's folder with files of their own in it, made the way any Drive client makes them. */
async function usersFolder(name: string) {
  const drive = new DriveTransport(device(server.url));
  const folder = await drive.createFolder(name, 'root');
  const notes = await drive.createFile('notes.txt', folder.id, 'mine', 'text/plain');
  const lookalike = await drive.createFile('changes-2024-notes.ndjson', folder.id, '{}\n');
  const sub = await drive.createFolder('photos', folder.id);
  const names = async () => (await drive.list(folder.id)).map((file) => file.name).sort();
  return { drive, folder, kept: [notes.name, lookalike.name, sub.name].sort(), names };
}

describe('a database in a folder that holds other files', () => {
  it('sweeps and destroy delete only the files the database wrote', async () => {
    const user = await usersFolder('Documents');
    // Opened by folderId, as after a picker.
    const db = openDb('docs-db', server.url, { folderId: user.folder.id });
    await db.bulkDocs([{ _id: 'a' }, { _id: 'b' }]);
    await db.put({ _id: 'c', _attachments: { f: { content_type: 'text/plain', data: 'eA==' } } });

    const snapshotter = new GDriveEngine(
      'docs-db',
      device(server.url, { folderId: user.folder.id }),
    );
    await snapshotter.open();
    expect(await snapshotter.snapshot()).toBe(true);
    await snapshotter.close();
    // An engine that only sweeps, for which every unreferenced file is past its grace.
    const engine = new GDriveEngine(
      'docs-db',
      device(server.url, { folderId: user.folder.id, gracePeriodMs: 0 }),
    );
    await engine.open();
    // An orphan of a crashed commit: the database's own, so the sweep takes it.
    const orphan = 'changes-99-0b6f3c2e-8d41-4c1a-9e7f-2a5b6c7d8e9f.ndjson';
    await user.drive.createFile(orphan, user.folder.id, '');
    // A grace period of 0 still needs the file's creation time to be in the past.
    await new Promise((resolve) => setTimeout(resolve, 5));
    await engine.sweep();
    const afterSweep = await user.names();
    expect(afterSweep).toEqual(expect.arrayContaining(user.kept));
    expect(afterSweep).not.toContain(orphan);
    expect(afterSweep).toContain('_meta.json');
    expect((await db.allDocs()).rows.map((row) => row.id)).toEqual(['a', 'b', 'c']);
    await engine.close();

    await db.destroy();
    // The user's files (a look-alike name and a subfolder included) and their folder remain.
    expect(await user.names()).toEqual(user.kept);
  });

  it('a database folder holding only its own files is deleted with the database', async () => {
    const db = openDb('own-folder', server.url);
    await db.bulkDocs([{ _id: 'a' }]);
    const drive = new DriveTransport(device(server.url));
    expect(await drive.list('root', { name: 'own-folder', folders: true })).toHaveLength(1);
    await db.destroy();
    expect(await drive.list('root', { name: 'own-folder', folders: true })).toEqual([]);
  });

  it("a user's folder named like the database is not taken for a duplicate copy", async () => {
    const db = openDb('same-name', server.url);
    await db.put({ _id: 'a' });
    const user = await usersFolder('same-name');
    // What another device opening the name would fold in and then delete: not the user's folder.
    const engine = new GDriveEngine('same-name', device(server.url));
    await engine.open();
    expect(await engine.duplicates()).toEqual([]);
    await engine.close();
    expect(await user.names()).toEqual(user.kept);
    await db.close();
  });
});
