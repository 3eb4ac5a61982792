import { type FaultProxy, startFaultProxy } from '@satchel/servers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DriveServer, startDriveServer } from './drive-server.js';
import { openDb, type Satchel } from './helpers.js';

const WRITERS = 4;
const WRITES = Number(process.env.GDRIVE_WRITES ?? 250);

let server: DriveServer;
let proxy: FaultProxy;
beforeAll(async () => {
  server = await startDriveServer();
  proxy = await startFaultProxy({ target: server.url });
});
afterAll(async () => {
  await proxy.stop();
  await server.stop();
});

/** A device of its own: its own token function, so its own engine and write order. */
function writer(i: number): Satchel {
  return openDb('shared', proxy.url, { getAccessToken: () => (i >= 0 ? 'valid-token' : '') });
}

describe(`${WRITERS} devices × ${WRITES} writes through faults`, () => {
  it('loses nothing, duplicates nothing, and every device ends identical', async () => {
    // Faults on every kind of call: refused swaps happen by themselves; add rate limits, server
    // errors, dropped connections and slow answers.
    proxy.inject({ match: 'POST /upload/drive/v3/files', status: 429, times: 20 });
    proxy.inject({ match: 'PUT /upload/drive/v2/files', status: 503, times: 20 });
    proxy.inject({ match: 'PUT /upload/drive/v2/files', dropAfterBytes: 0, times: 10 });
    proxy.inject({ match: 'GET /drive/v2/files', delayMs: 300, times: 10 });
    proxy.inject({ match: 'GET /drive/v3/files/', dropAfterBytes: 5, times: 10 });
    const dbs = Array.from({ length: WRITERS }, (_, i) => writer(i));
    const started = Date.now();
    await Promise.all(
      dbs.map((db, w) =>
        Promise.all(Array.from({ length: WRITES }, (_, i) => db.put({ _id: `w${w}-${i}`, w, i }))),
      ),
    );
    const elapsed = Date.now() - started;
    console.log(`${WRITERS * WRITES} writes in ${elapsed} ms`);
    proxy.clear();
    const reader = openDb('shared', server.url, { getAccessToken: () => 'another-valid-token' });
    const views = await Promise.all(
      [...dbs, reader].map(async (db) => {
        const all = await db.allDocs({});
        const changes = await db.changes({});
        return { all, changes };
      }),
    );
    const expected = WRITERS * WRITES;
    const readerView = views[WRITERS] as (typeof views)[number];
    expect(readerView.all.rows).toHaveLength(expected);
    expect(readerView.changes.results).toHaveLength(expected);
    expect(new Set(readerView.changes.results.map((c) => c.seq)).size).toBe(expected);
    for (const row of readerView.all.rows) expect(row.value.rev.startsWith('1-')).toBe(true);
    await Promise.all([...dbs, reader].map((db) => db.close()));
  });
});
