import { describe, expect, it } from 'vitest';
import { useDriveBehindProxy } from './drive-server.js';
import { openDb, type Satchel } from './helpers.js';

const WRITERS = 4;
const WRITES = Number(process.env.GDRIVE_WRITES ?? 250);
/** The most faults injected below on one kind of call (PUT uploads: 20 errors + 10 drops). */
const MAX_FAULTS_PER_CALL = 30;

const drive = useDriveBehindProxy();

/** A device of its own: its own token function, so its own engine and write order. */
function writer(i: number): Satchel {
  return openDb('shared', drive.proxy.url, {
    getAccessToken: () => (i >= 0 ? 'valid-token' : ''),
    // Each device polls, so it ends up seeing the others' writes.
    pollIntervalMs: 300,
    // More attempts than faults injected on any one kind of call, so even a device that meets
    // every injected fault in a row (it happens when the others sit in long backoffs on a
    // loaded machine) outlasts them; the test is about what survives faults, not a give-up.
    backoff: { maxAttempts: MAX_FAULTS_PER_CALL + 2, baseDelayMs: 250, maxDelayMs: 4_000 },
  });
}

describe(`${WRITERS} devices × ${WRITES} writes through faults`, () => {
  it('loses nothing, duplicates nothing, and every device ends identical', async () => {
    // Faults on every kind of call: refused swaps happen by themselves; add rate limits, server
    // errors, dropped connections and slow answers.
    drive.proxy.inject({ match: 'POST /upload/drive/v3/files', status: 429, times: 20 });
    drive.proxy.inject({ match: 'PUT /upload/drive/v2/files', status: 503, times: 20 });
    drive.proxy.inject({ match: 'PUT /upload/drive/v2/files', dropAfterBytes: 0, times: 10 });
    drive.proxy.inject({ match: 'GET /drive/v2/files', delayMs: 300, times: 10 });
    drive.proxy.inject({ match: 'GET /drive/v3/files/', dropAfterBytes: 5, times: 10 });
    const dbs = Array.from({ length: WRITERS }, (_, i) => writer(i));
    const started = Date.now();
    // Each device writes one document at a time, so every write is a commit of its own (puts
    // issued together would be grouped into a few commits) and the devices race each other for
    // the root pointer on every one of them.
    await Promise.all(
      dbs.map(async (db, w) => {
        for (let i = 0; i < WRITES; i += 1) await db.put({ _id: `w${w}-${i}`, w, i });
      }),
    );
    const elapsed = Date.now() - started;
    const swaps = drive.proxy.requests.filter((line) =>
      line.startsWith('PUT /upload/drive/v2'),
    ).length;
    console.log(
      `${WRITERS * WRITES} writes in ${elapsed} ms; ${swaps} swap attempts ` +
        `(${swaps - WRITERS * WRITES} refused, failed or repeated)`,
    );
    expect(swaps).toBeGreaterThan(WRITERS * WRITES);
    drive.proxy.clear();
    const reader = openDb('shared', drive.server.url, {
      getAccessToken: () => 'another-valid-token',
    });
    const expected = WRITERS * WRITES;
    // The writers catch up on each other's writes through polling.
    for (const db of dbs) {
      const deadline = Date.now() + 20_000;
      while ((await db.info()).update_seq !== expected && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    const views = await Promise.all(
      [...dbs, reader].map(async (db) => ({
        all: await db.allDocs({ conflicts: true }),
        changes: await db.changes({ style: 'all_docs' }),
      })),
    );
    const [first] = views;
    expect(first?.all.rows).toHaveLength(expected);
    expect(first?.changes.results).toHaveLength(expected);
    expect(new Set(first?.changes.results.map((c) => c.seq)).size).toBe(expected);
    expect(new Set(first?.changes.results.map((c) => c.id)).size).toBe(expected);
    // One revision per document: no write applied twice, no conflict branch.
    for (const change of first?.changes.results ?? []) {
      expect(change.changes).toHaveLength(1);
      expect(change.changes[0]?.rev.startsWith('1-')).toBe(true);
    }
    for (const view of views) {
      expect(view.all).toEqual(first?.all);
      expect(view.changes).toEqual(first?.changes);
    }
    await Promise.all([...dbs, reader].map((db) => db.close()));
  }, 900_000);
});
