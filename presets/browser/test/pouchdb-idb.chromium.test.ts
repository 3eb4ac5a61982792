import { fileURLToPath } from 'node:url';
import { type BrowserSession, bundleForBrowser, type Page } from '@satchel/browser-runner';
import { type CouchServer, startSatchelServer } from '@satchel/servers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answers } from './pouchdb-fixture.page.js';
import { startPresetSession } from './preset-session.js';

declare global {
  var pouchFixture: typeof import('./pouchdb-fixture.page.js').pouchFixture;
}

const here = fileURLToPath(new URL('.', import.meta.url));
// pouchdb-browser@7's dependency `immediate` reads Node's `global`, which the bundlers of its
// day (webpack 4) provided; the page provides it the same way.
const html = `<!doctype html><meta charset="utf-8"><title>migrate</title>
<script src="/satchel.js"></script>
<script>globalThis.global = globalThis;</script>
<script src="/pouchdb-fixture.js"></script>`;

let session: BrowserSession;
let server: CouchServer;
beforeAll(async () => {
  // Satchel's server, reached on the page's own origin (no CORS): /couch → the server.
  server = await startSatchelServer();
  // pouchdb-browser@9 (the oracle) bundled as an app would, next to the preset.
  const fixture = await bundleForBrowser({
    source: `import './pouchdb-fixture.page.ts';`,
    resolveDir: here,
    format: 'iife',
    vitestShim: false,
  });
  session = await startPresetSession({
    files: { '/migrate.html': { body: html }, '/pouchdb-fixture.js': { body: fixture } },
    proxy: { '/couch': server.url },
  });
}, 120_000);
afterAll(async () => {
  await session?.stop();
  await server?.stop();
});

let n = 0;
const freshName = () => `migrate-${Date.now()}-${n++}`;

/**
 * Satchel's answers for `name`, its migration marker, and how long the first call took (opening
 * it migrates).
 */
function satchelAnswers(
  page: Page,
  name: string,
): Promise<{ answers: Answers; marker: unknown; openMs: number }> {
  return page.evaluate(async (name) => {
    const started = performance.now();
    const db = new Satchel(name);
    await db.info();
    const openMs = Math.round(performance.now() - started);
    const answers = await pouchFixture.answers(db as never);
    await db.close();
    return { answers, marker: await pouchFixture.satchelMeta(name, 'pouchdb-migration'), openMs };
  }, name);
}

/**
 * Starts the migration of `name` in `page` and returns once part of it is committed (or, if it
 * was too quick, done), so the caller can close the page mid-way.
 */
function cutMigration(page: Page, name: string): Promise<string> {
  return page.evaluate(async (name) => {
    void new Satchel(name).info().catch(() => undefined);
    for (;;) {
      const marker = (await pouchFixture.satchelMeta(name, 'pouchdb-migration')) as {
        state?: string;
      } | null;
      if (marker?.state === 'done') return 'done';
      const state = (await pouchFixture.satchelMeta(name, 'state')) as {
        version?: number;
      } | null;
      if (marker?.state === 'started' && (state?.version ?? 0) >= 2) return 'started';
      await new Promise((r) => setTimeout(r, 5));
    }
  }, name);
}

describe.each([1, 2, 3, 4] as const)(
  "opening a database PouchDB 1 to 3's idb adapter left at schema %i",
  (schema) => {
    it('answers as pouchdb-browser@9 does once it has upgraded the same database', async () => {
      const page = await session.open('/migrate.html');
      const [forPouch, forSatchel] = [freshName(), freshName()];
      const expected = await page.evaluate(
        async ([name, schema]) => {
          await pouchFixture.writeLegacy(name, schema);
          return pouchFixture.pouchAnswers(name, 'idb');
        },
        [forPouch, schema] as const,
      );
      // What the fixture holds, as PouchDB reads it: a deleted doc, a conflict, an attachment,
      // the local docs, and an update seq that leaves out the old local docs' seqs.
      expect(expected.info).toEqual({ doc_count: 2, update_seq: 6 });
      expect(expected.locals).toMatchObject([{ note: 'x' }, { cp: 7 }]);
      expect(Object.values(expected.attachments)).toEqual([expect.stringMatching(/ aGk=$/)]);
      await page.evaluate(([name, schema]) => pouchFixture.writeLegacy(name, schema), [
        forSatchel,
        schema,
      ] as const);
      const { answers, marker } = await satchelAnswers(page, forSatchel);
      expect(answers).toEqual(expected);
      expect(marker).toMatchObject({ state: 'done' });
      await page.close();
    }, 180_000);
  },
);

describe.each(['idb', 'indexeddb'])(
  "opening a database written by pouchdb-browser@9's %s adapter",
  (adapter) => {
    it('brings every document, revision, attachment, local doc and seq over, keeping the original', async () => {
      const page = await session.open('/migrate.html');
      const name = freshName();
      const { written, ...expected } = await page.evaluate(
        async ([name, adapter]) => {
          const started = performance.now();
          await pouchFixture.write(name, 300, adapter);
          const written = performance.now() - started;
          return { ...(await pouchFixture.pouchAnswers(name, adapter)), written };
        },
        [name, adapter] as const,
      );
      expect((expected.allDocs as { rows: unknown[] }).rows.length).toBeGreaterThan(250);
      expect(Object.keys(expected.attachments).length).toBeGreaterThan(20);
      const rows = (expected.allDocs as { rows: { doc: { _conflicts?: string[] } }[] }).rows;
      expect(rows.filter((row) => row.doc._conflicts).length).toBeGreaterThan(10);
      const changes = expected.changes as { deleted?: boolean }[];
      expect(changes.filter((change) => change.deleted).length).toBeGreaterThan(10);

      const { answers, marker, openMs } = await satchelAnswers(page, name);
      console.info(
        `${adapter}: ${rows.length} docs written by PouchDB in ${Math.round(written)} ms, ` +
          `migrated on open in ${openMs} ms`,
      );
      expect(answers).toEqual(expected);
      expect(marker).toMatchObject({ state: 'done', from: `_pouch_${name}` });

      // The original is untouched: PouchDB still reads the same answers from it.
      const after = await page.evaluate(
        ([name, adapter]) => pouchFixture.pouchAnswers(name, adapter),
        [name, adapter] as const,
      );
      expect(after).toEqual(expected);

      // Writes continue after PouchDB's seqs; a second open does not migrate again.
      const next = await page.evaluate(async (name) => {
        const db = new Satchel(name);
        const put = await db.put({ _id: 'after-migration' });
        const info = await db.info();
        await db.close();
        const again = new Satchel(name);
        const doc = await again.get('after-migration').catch(() => null);
        await again.close();
        return { rev: put.rev, seq: info.update_seq, found: doc !== null };
      }, name);
      expect(next).toEqual({
        rev: expect.stringMatching(/^1-/),
        seq: Number(expected.info.update_seq) + 1,
        found: true,
      });
      await page.close();
    }, 180_000);

    it('deletes the original only when asked (pouchdbMigration.removeOriginal), and destroy removes both', async () => {
      const page = await session.open('/migrate.html');
      const name = freshName();
      const result = await page.evaluate(
        async ([name, adapter]) => {
          await pouchFixture.write(name, 30, adapter);
          const db = new Satchel(name, { pouchdbMigration: { removeOriginal: true } } as never);
          const count = (await db.info()).doc_count;
          await db.close();
          const original = await pouchFixture.stores(`_pouch_${name}`);
          const reopened = new Satchel(name);
          const again = (await reopened.info()).doc_count;
          await reopened.destroy();
          return {
            count,
            original,
            again,
            left: await pouchFixture.stores(`satchel/_pouch_${name}`),
          };
        },
        [name, adapter] as const,
      );
      expect(result.original).toBeNull();
      expect(result.again).toBe(result.count);
      expect(result.count).toBeGreaterThan(0);
      expect(result.left).toBeNull();
      await page.close();
    }, 120_000);

    it('a page closed mid-migration leaves the original whole; the next open migrates it all', async () => {
      const name = freshName();
      const writer = await session.open('/migrate.html');
      const expected = await writer.evaluate(
        async ([name, adapter]) => {
          await pouchFixture.write(name, 2000, adapter);
          return pouchFixture.pouchAnswers(name, adapter);
        },
        [name, adapter] as const,
      );
      await writer.close();

      const victim = await session.open('/migrate.html');
      expect(await cutMigration(victim, name)).toBe('started');
      await victim.close();

      const page = await session.open('/migrate.html');
      const marker = await page.evaluate(
        (name) => pouchFixture.satchelMeta(name, 'pouchdb-migration'),
        name,
      );
      expect(marker).toMatchObject({ state: 'started' });
      expect(
        await page.evaluate(([name, adapter]) => pouchFixture.pouchAnswers(name, adapter), [
          name,
          adapter,
        ] as const),
      ).toEqual(expected);
      const { answers, marker: done } = await satchelAnswers(page, name);
      expect(answers).toEqual(expected);
      expect(done).toMatchObject({ state: 'done' });
      await page.close();
    }, 300_000);
  },
);

describe("opening a database written by pouchdb-browser@7.3.1's idb adapter", () => {
  it('brings everything over, as from release 9', async () => {
    const page = await session.open('/migrate.html');
    const name = freshName();
    const expected = await page.evaluate(async (name) => {
      await pouchFixture.write(name, 300, 'idb', 7);
      return pouchFixture.pouchAnswers(name, 'idb', 7);
    }, name);
    const rows = (expected.allDocs as { rows: { doc: { _conflicts?: string[] } }[] }).rows;
    expect(rows.length).toBeGreaterThan(250);
    expect(rows.filter((row) => row.doc._conflicts).length).toBeGreaterThan(10);
    expect(Object.keys(expected.attachments).length).toBeGreaterThan(20);
    const { answers, marker, openMs } = await satchelAnswers(page, name);
    console.info(`idb@7.3.1: ${rows.length} docs migrated on open in ${openMs} ms`);
    expect(answers).toEqual(expected);
    expect(marker).toMatchObject({ state: 'done', from: `_pouch_${name}` });
    const after = await page.evaluate((name) => pouchFixture.pouchAnswers(name, 'idb', 7), name);
    expect(after).toEqual(expected);
    await page.close();
  }, 180_000);

  it('a page closed mid-migration leaves the original whole; the next open migrates it all', async () => {
    const name = freshName();
    const writer = await session.open('/migrate.html');
    const expected = await writer.evaluate(async (name) => {
      await pouchFixture.write(name, 2000, 'idb', 7);
      return pouchFixture.pouchAnswers(name, 'idb', 7);
    }, name);
    await writer.close();
    const victim = await session.open('/migrate.html');
    expect(await cutMigration(victim, name)).toBe('started');
    await victim.close();
    const page = await session.open('/migrate.html');
    expect(await page.evaluate((name) => pouchFixture.pouchAnswers(name, 'idb', 7), name)).toEqual(
      expected,
    );
    const { answers, marker } = await satchelAnswers(page, name);
    expect(answers).toEqual(expected);
    expect(marker).toMatchObject({ state: 'done' });
    await page.close();
  }, 300_000);
});

describe.each(['idb', 'indexeddb'])(
  'replication that pouchdb-browser@9 (%s) started',
  (adapter) => {
    it('resumes in Satchel after the migration, transferring 0 documents either way', async () => {
      const page = await session.open('/migrate.html');
      const name = freshName();
      const result = await page.evaluate(
        async ([name, adapter]) => {
          const remote = `${location.origin}/couch/${name}`;
          await pouchFixture.write(name, 200, adapter);
          const pouch = await pouchFixture.pouchReplicate(name, remote, adapter);
          // Opening the same name in Satchel migrates it, replication checkpoints included.
          const satchel = await pouchFixture.satchelReplicate(name, remote);
          return { pouch, satchel };
        },
        [name, adapter] as const,
      );
      console.info(`${adapter}: pouchdb-browser pushed ${result.pouch.push.docs_written} docs`);
      expect(result.pouch.push.docs_written).toBeGreaterThan(150);
      expect(result.satchel).toEqual({
        push: { docs_read: 0, docs_written: 0 },
        pull: { docs_read: 0, docs_written: 0 },
      });
      await page.close();
    }, 180_000);
  },
);

describe("an attachment pouchdb-browser's indexeddb adapter kept inline in a losing revision", () => {
  it('is brought over with its bytes and digest, the winner unchanged', async () => {
    const page = await session.open('/migrate.html');
    const result = await page.evaluate(async (name) => {
      const { losing, inline } = await pouchFixture.writeLosingAttachment(name);
      const db = new Satchel(name);
      const winner = await db.get('doc', { conflicts: true });
      const doc = await db.get('doc', { rev: losing, attachments: true });
      const blob = (await db.getAttachment('doc', 'l.txt', { rev: losing })) as Blob;
      await db.close();
      return { losing, inline, winner, doc, text: await blob.text() };
    }, freshName());
    expect(result.inline).toBe(true);
    expect(result.winner).toMatchObject({ v: 2, _conflicts: [result.losing] });
    expect(result.doc).toMatchObject({
      v: 'losing',
      _attachments: {
        'l.txt': {
          content_type: 'text/plain',
          data: btoa('losing bytes'),
          digest: expect.stringMatching(/^md5-/),
          revpos: 2,
        },
      },
    });
    expect(result.text).toBe('losing bytes');
    await page.close();
  }, 120_000);
});
