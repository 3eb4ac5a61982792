import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GDriveEngine } from '../src/index.js';
import { type DriveServer, startDriveServer } from './drive-server.js';
import { device, openDb, type Satchel } from './helpers.js';

let server: DriveServer;
beforeAll(async () => {
  server = await startDriveServer();
});
afterAll(() => server.stop());

const EACH = 30;

async function writeMany(db: Satchel, prefix: string, from: number, count: number): Promise<void> {
  for (let i = from; i < from + count; i++)
    await db.put({ _id: `${prefix}-${String(i).padStart(3, '0')}`, i });
}

/** Files a fresh device downloads to open the database and list it. */
async function startupDownloads(): Promise<number> {
  await server.resetLog();
  const reader = openDb('busy', server.url);
  await reader.allDocs({});
  const seen = await server.requests();
  await reader.close();
  return seen.filter((r) => r.url.includes('alt=media')).length;
}

describe('a snapshot written while two devices write', () => {
  it('loses no write, and afterwards startup reads fewer files', async () => {
    const a = openDb('busy', server.url);
    const b = openDb('busy', server.url);
    await Promise.all([writeMany(a, 'a', 0, EACH), writeMany(b, 'b', 0, EACH)]);
    const before = await startupDownloads();
    expect(before).toBe(1 + 2 * EACH);

    const compactor = new GDriveEngine('busy', device(server.url, { chunkBytes: 4096 }));
    await compactor.open();
    let swaps = 0;
    const compacting = (async () => {
      for (let round = 0; round < 3; round++) {
        await new Promise((resolve) => setTimeout(resolve, 150));
        await compactor.reload();
        if (await compactor.snapshot()) swaps++;
      }
    })();
    await Promise.all([writeMany(a, 'a', EACH, EACH), writeMany(b, 'b', EACH, EACH), compacting]);
    expect(swaps).toBeGreaterThan(0);
    // One more snapshot after the writes, so the log is short.
    await compactor.reload();
    expect(await compactor.snapshot()).toBe(true);
    await compactor.close();

    const after = await startupDownloads();
    expect(after).toBeLessThan(before);
    expect(after).toBe(2); // _meta.json and the index

    const fresh = openDb('busy', server.url);
    const all = await fresh.allDocs({ include_docs: true });
    expect(all.rows).toHaveLength(4 * EACH);
    for (const row of all.rows) expect(row.doc).toMatchObject({ i: Number(row.id.slice(2)) });
    const changes = await fresh.changes({});
    expect(new Set(changes.results.map((c) => c.seq)).size).toBe(4 * EACH);
    await Promise.all([a.close(), b.close(), fresh.close()]);
  }, 180_000);
});
