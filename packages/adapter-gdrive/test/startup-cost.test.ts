import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GDriveEngine } from '../src/index.js';
import { type DriveServer, startDriveServer } from './drive-server.js';
import { device, openDb } from './helpers.js';

let server: DriveServer;
beforeAll(async () => {
  server = await startDriveServer();
});
afterAll(() => server.stop());

const DOCS = 10_000;

describe(`startup of a ${DOCS}-document database`, () => {
  it('downloads the pointer, the snapshot index and the change files since, and no body', async () => {
    const writer = openDb('big', server.url);
    for (let start = 0; start < DOCS; start += 2_000) {
      const docs = Array.from({ length: 2_000 }, (_, i) => ({
        _id: `doc-${String(start + i).padStart(5, '0')}`,
        title: `document ${start + i}`,
        body: 'x'.repeat(200),
      }));
      await writer.bulkDocs(docs);
    }
    const compactor = new GDriveEngine('big', device(server.url, { chunkBytes: 256 * 1024 }));
    await compactor.open();
    expect(await compactor.snapshot()).toBe(true);
    const snapshot = compactor.pointer.snapshot;
    expect(snapshot?.data.length).toBeGreaterThan(5);
    await compactor.close();
    // Three more commits after the snapshot: they are in the log.
    await writer.put({ _id: 'late-1' });
    await writer.put({ _id: 'late-2' });
    await writer.put({ _id: 'late-3' });

    await server.resetLog();
    const reader = openDb('big', server.url);
    const info = await reader.info();
    expect(info.doc_count).toBe(DOCS + 3);
    const page = await reader.allDocs({ limit: 3, startkey: 'doc-05000' });
    expect(page.rows.map((r) => r.id)).toEqual(['doc-05000', 'doc-05001', 'doc-05002']);
    const seen = await server.requests();
    const downloads = seen.filter((r) => r.method === 'GET' && r.url.includes('alt=media'));
    const bytes = seen.reduce((sum, r) => sum + r.bytes, 0);
    const indexBytes = downloads.find((r) => r.url.includes(snapshot?.index as string))?.bytes;
    console.log(
      `startup: ${seen.length} requests, ${bytes} bytes (index ${indexBytes} bytes, ` +
        `${((indexBytes ?? 0) / DOCS).toFixed(0)} bytes a document)`,
    );
    // _meta.json, the index, three change files; nothing from the data chunks.
    expect(downloads).toHaveLength(5);
    for (const chunk of snapshot?.data ?? []) {
      expect(seen.some((r) => r.url.includes(chunk))).toBe(false);
    }
    expect(seen.length).toBeLessThanOrEqual(10);

    // A body is fetched on demand: one chunk, then served from the cache.
    await server.resetLog();
    expect(await reader.get('doc-07777')).toMatchObject({ title: 'document 7777' });
    await reader.get('doc-07778');
    const fetched = (await server.requests()).filter((r) => r.url.includes('alt=media'));
    expect(fetched).toHaveLength(1);
    expect(snapshot?.data.some((id) => fetched[0]?.url.includes(id))).toBe(true);
    await Promise.all([writer.close(), reader.close()]);
  }, 180_000);
});
