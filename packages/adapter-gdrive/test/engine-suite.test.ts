import { runEngineSuite } from '@satchel/adapter-suite';
import { afterAll, beforeAll } from 'vitest';
import { GDriveEngine } from '../src/index.js';
import { type DriveServer, startDriveServer } from './drive-server.js';
import { device } from './helpers.js';

let server: DriveServer | undefined;
beforeAll(async () => {
  server = await startDriveServer();
});
afterAll(() => server?.stop());

/**
 * The Engine contract, checked below LocalAdapter, on Drive (google-drive-mock): each store
 * name is a folder, and engines on one name are devices sharing it. `watch` polls the pointer's
 * ETag every 50 ms here (a real app polls every few seconds). A snapshot is written after every
 * 3 change files (default 200), in data chunks of 1 KB (default 1 MB), so the checks read
 * through snapshots, the log since them, and snapshots swapped in while engines write.
 */
runEngineSuite(
  (name) => {
    if (!server) throw new Error('google-drive-mock is not running');
    return new GDriveEngine(
      name,
      device(server.url, { pollIntervalMs: 50, snapshotAfter: 3, chunkBytes: 1024 }),
    );
  },
  {
    label: 'gdrive engine',
    watchTimeout: 5000,
    timeout: 240_000,
  },
);
