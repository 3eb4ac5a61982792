import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type BrowserSession,
  type Page,
  type ServedFile,
  startBrowserSession,
} from '@satchel/browser-runner';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Core loads the code of occasional calls (`occasional-code.ts`) on first use. Here the preset
 * is bundled as an app splitting chunks would bundle it (ESM, a chunk per `import()`), and each
 * test opens a fresh page, where nothing is loaded yet: the call under test is the first to
 * need that code, which loads in the middle of it. The page's resource list tells whether the
 * chunk was fetched, so each test also pins that what ran before it did not need it.
 */
const here = fileURLToPath(new URL('.', import.meta.url));

/** A database as the pages make it (`globalThis.scratch` holds them as `unknown`). */
type PageDb = InstanceType<typeof Satchel>;

/** The split bundle: files to serve, and the chunk holding core's occasional code. */
async function splitBundle(): Promise<{ files: Record<string, ServedFile>; occasional: string }> {
  const result = await build({
    stdin: {
      contents: `import Satchel from '../src/index.js'; globalThis.Satchel = Satchel;`,
      resolveDir: here,
      loader: 'ts',
    },
    bundle: true,
    splitting: true,
    format: 'esm',
    outdir: 'out',
    write: false,
    metafile: true,
    platform: 'browser',
    target: 'es2022',
    conditions: ['satchel-source', 'browser'],
    logLevel: 'silent',
  });
  const outputs = Object.entries(result.metafile?.outputs ?? {});
  const entry = outputs.find(([, o]) => o.entryPoint === '<stdin>');
  const chunk = outputs.find(([, o]) => o.entryPoint?.endsWith('core/src/occasional-code.ts'));
  if (!entry || !chunk) throw new Error("no entry, or no chunk for core's occasional code");
  const files: Record<string, ServedFile> = {
    '/index.html': {
      body: `<!doctype html><meta charset="utf-8"><script type="module" src="/${basename(entry[0])}"></script>`,
    },
  };
  for (const out of result.outputFiles ?? []) files[`/${basename(out.path)}`] = { body: out.text };
  return { files, occasional: basename(chunk[0]) };
}

let session: BrowserSession;
let occasionalChunk: string;
beforeAll(async () => {
  const { files, occasional } = await splitBundle();
  occasionalChunk = occasional;
  session = await startBrowserSession({ files });
});
afterAll(() => session?.stop());

let n = 0;
const freshName = () => `first-use-${Date.now()}-${n++}`;

/** A fresh page, its module scripts run (so `Satchel` is there). */
async function freshPage(): Promise<Page> {
  const page = await session.open('/index.html');
  await page.waitForFunction(() => typeof globalThis.Satchel === 'function');
  return page;
}

/** Whether the page has fetched core's occasional chunk. */
const loadedOccasional = (page: Page) =>
  page.evaluate(
    (chunk) => performance.getEntriesByType('resource').some((e) => e.name.endsWith(`/${chunk}`)),
    occasionalChunk,
  );

/**
 * Opens `name` in a fresh page and runs `setup` (which must not need the occasional code), then
 * `call`, the first call that does. Returns what `call` returned.
 */
async function firstUse<T>(setup: string, call: string): Promise<T> {
  const page = await freshPage();
  const name = freshName();
  await page.evaluate(
    new Function(
      'name',
      `return (async () => { const db = new Satchel(name); globalThis.scratch = { db }; ${setup} })();`,
    ) as (name: string) => Promise<void>,
    name,
  );
  expect(await loadedOccasional(page), 'the setup needed no occasional code').toBe(false);
  const out = await page.evaluate(
    new Function(
      'name',
      `return (async () => { const db = globalThis.scratch.db; ${call} })();`,
    ) as (name: string) => Promise<T>,
    name,
  );
  expect(await loadedOccasional(page), 'the call loaded the occasional code').toBe(true);
  await page.close();
  return out;
}

describe('calls whose code loads on first use, first in a fresh page (Chromium, split chunks)', () => {
  it('everyday calls never load it: info, put, post, get, remove, bulkDocs, allDocs', async () => {
    const page = await freshPage();
    const out = await page.evaluate(async (name) => {
      const db = new Satchel(name);
      const info = await db.info();
      const a = await db.put({ _id: 'a', n: 1 });
      await db.post({ n: 2 });
      await db.bulkDocs([{ _id: 'b' }, { _id: 'c' }]);
      const got = await db.get('a');
      await db.put({ ...got, n: 3 });
      await db.remove('b', (await db.get('b'))._rev);
      const all = await db.allDocs({ include_docs: true, limit: 5 });
      return { info: info.doc_count, rev: a.rev.split('-')[0], rows: all.rows.length };
    }, freshName());
    expect(out).toEqual({ info: 0, rev: '1', rows: 3 });
    expect(await loadedOccasional(page)).toBe(false);
    await page.close();
  });

  it('a first write with an attachment, beside a plain one, stores what was passed at the call', async () => {
    const out = await firstUse<unknown>(
      'await db.info();',
      `
      const doc = { _id: 'a', v: 1, _attachments: { 't.txt': { content_type: 'text/plain', data: btoa('hello') } } };
      const writing = db.bulkDocs([doc]);
      const plain = db.put({ _id: 'b' });
      // Changed right after the call: the write copied it at the call, as PouchDB does.
      doc.v = 2;
      doc._attachments['t.txt'].data = btoa('other');
      const [[row], other] = await Promise.all([writing, plain]);
      const a = await db.get('a', { attachments: true });
      const bad = await db.put({ _id: 'c', _attachments: { _x: { content_type: 'text/plain', data: '' } } }).catch((e) => e.status);
      return { ok: row.ok, other: other.ok, v: a.v, data: atob(a._attachments['t.txt'].data), bad };
    `,
    );
    expect(out).toEqual({ ok: true, other: true, v: 1, data: 'hello', bad: 400 });
  });

  it('a first write carrying an `_attachments` member (null, on a deletion) drops it', async () => {
    const out = await firstUse<unknown>(
      "await db.put({ _id: 'x' });",
      `
      const first = await db.get('x');
      const res = await db.bulkDocs([{ ...first, _deleted: true, _attachments: null }]);
      return { ok: res[0].ok, gone: await db.get('x').catch((e) => e.status) };
    `,
    );
    expect(out).toEqual({ ok: true, gone: 404 });
  });

  it('a first put with force writes a new branch', async () => {
    const out = await firstUse<{ gen: string; n: number; revs: number }>(
      "globalThis.scratch.rev = (await db.put({ _id: 'a', n: 1 })).rev;",
      `
      const res = await db.put({ _id: 'a', _rev: globalThis.scratch.rev, n: 2 }, { force: true });
      const doc = await db.get('a', { revs: true });
      return { gen: res.rev.split('-')[0], n: doc.n, revs: doc._revisions.ids.length };
    `,
    );
    expect(out).toEqual({ gen: '2', n: 2, revs: 2 });
  });

  it('a first call re-issued through a plugin that replaced put before the database opened', async () => {
    const out = await firstUse<unknown>(
      'await db.info();',
      `
      const early = new Satchel(name + '-early');
      const own = early.put;
      const seen = [];
      early.put = function (...args) {
        seen.push(args.length);
        return own.apply(this, args);
      };
      const res = await early.put({ _id: 'a', v: 1 });
      const doc = await early.get('a');
      return { ok: res.ok, v: doc.v, calls: seen.length };
    `,
    );
    // Once with the caller's arguments, once re-issued with a callback, as PouchDB does.
    expect(out).toEqual({ ok: true, v: 1, calls: 2 });
  });

  it('a first read asking for conflicts, by get and by allDocs, lists them', async () => {
    const out = await firstUse<unknown>(
      "globalThis.scratch.rev = (await db.put({ _id: 'a', n: 1 })).rev;",
      `
      // Each loads the code in the middle of its call; neither has a conflict to list yet.
      const [got, listed] = await Promise.all([
        db.get('a', { conflicts: true, deleted_conflicts: true }),
        db.allDocs({ include_docs: true, conflicts: true }),
      ]);
      await db.bulkDocs([{ _id: 'a', _rev: '1-zzz', n: 2 }, { _id: 'a', _rev: '1-000', _deleted: true }], { new_edits: false });
      const after = await db.get('a', { conflicts: true, deleted_conflicts: true });
      const rows = await db.allDocs({ include_docs: true, conflicts: true });
      return {
        first: [got.n, '_conflicts' in got, '_conflicts' in listed.rows[0].doc],
        winner: after._rev,
        conflicts: after._conflicts,
        deleted: after._deleted_conflicts,
        listed: rows.rows[0].doc._conflicts,
      };
    `,
    );
    expect(out).toMatchObject({
      first: [1, false, false],
      winner: '1-zzz',
      deleted: ['1-000'],
    });
    const { conflicts, listed } = out as { conflicts: string[]; listed: string[] };
    expect(conflicts).toHaveLength(1);
    expect(listed).toEqual(conflicts);
  });

  it('a first compact drops the bodies of old revisions', async () => {
    const out = await firstUse<unknown>(
      "const first = await db.put({ _id: 'a', n: 1 }); globalThis.scratch.first = first.rev; await db.put({ _id: 'a', _rev: first.rev, n: 2 });",
      `
      await db.compact();
      const old = await db.get('a', { rev: globalThis.scratch.first }).catch((e) => e.status);
      return { old, n: (await db.get('a')).n };
    `,
    );
    expect(out).toEqual({ old: 404, n: 2 });
  });

  it('a first commit refused by another writer is retried on fresh state', async () => {
    // `idb` and `indexeddb` handles on one name are two writers of one store, as two tabs are.
    const out = await firstUse<unknown>(
      "globalThis.scratch.other = new Satchel(name, { adapter: 'idb' }); await Promise.all([db.info(), globalThis.scratch.other.info()]);",
      `
      const other = globalThis.scratch.other;
      const rows = await Promise.all([db.put({ _id: 'a' }), other.put({ _id: 'b' }), db.put({ _id: 'c' }), other.put({ _id: 'd' })]);
      // Each writer hears of the other's commits a moment later (a broadcast), as tabs do.
      const seen = async (handle) => {
        for (let i = 0; i < 200; i++) {
          const all = await handle.allDocs();
          if (all.rows.length === 4) return all.rows.map((r) => r.id);
          await new Promise((resolve) => setTimeout(resolve, 25));
        }
        return (await handle.allDocs()).rows.map((r) => r.id);
      };
      return { ok: rows.every((r) => r.ok), ids: await seen(db), other: await seen(other) };
    `,
    );
    expect(out).toEqual({ ok: true, ids: ['a', 'b', 'c', 'd'], other: ['a', 'b', 'c', 'd'] });
  });

  it('a first write of a _local document, among plain ones, and a first edit that conflicts', async () => {
    const out = await firstUse<unknown>(
      "globalThis.scratch.rev = (await db.put({ _id: 'a', n: 1 })).rev; await db.put({ _id: 'a', _rev: globalThis.scratch.rev, n: 2 });",
      `
      const rows = await db.bulkDocs([{ _id: 'b' }, { _id: '_local/x', v: 1 }, { _id: 'c' }]);
      const local = await db.get('_local/x');
      // An edit of a revision that is no longer the leaf: the general merge says conflict.
      const stale = await db.put({ _id: 'a', _rev: globalThis.scratch.rev, n: 3 }).catch((e) => e.status);
      const all = await db.allDocs();
      return { rows: rows.map((r) => [r.id, r.ok]), local: [local._rev, local.v], stale, ids: all.rows.map((r) => r.id) };
    `,
    );
    expect(out).toEqual({
      rows: [
        ['b', true],
        ['_local/x', true],
        ['c', true],
      ],
      local: ['0-1', 1],
      stale: 409,
      ids: ['a', 'b', 'c'],
    });
  });

  it('a first edit dropping the last revision that held an attachment, in a later page, releases it', async () => {
    const name = freshName();
    const before = await freshPage();
    await before.evaluate(async (name) => {
      const db = new Satchel(name);
      await db.put({
        _id: 'a',
        _attachments: { 't.txt': { content_type: 'text/plain', data: btoa('hi') } },
      });
      await db.close();
    }, name);
    await before.close();
    // A later page: its edit stems the revision with the attachment (revs_limit 1), and only
    // then needs the code that settles attachment references.
    const page = await freshPage();
    const rev = await page.evaluate(async (name) => {
      const db = new Satchel(name, { revs_limit: 1 });
      globalThis.scratch = { db };
      return (await db.get('a'))._rev;
    }, name);
    expect(await loadedOccasional(page)).toBe(false);
    const ok = await page.evaluate(
      async (rev) =>
        (await (globalThis.scratch.db as PageDb).put({ _id: 'a', _rev: rev, n: 2 })).ok,
      rev,
    );
    expect(await loadedOccasional(page), 'the edit loaded the occasional code').toBe(true);
    const out = await page.evaluate(async (rev) => {
      const db = globalThis.scratch.db as PageDb;
      const doc = await db.get<{ n: number }>('a', { revs: true });
      const old = await db.get('a', { rev }).catch((e: { status?: number }) => e.status);
      return { n: doc.n, atts: '_attachments' in doc, revs: doc._revisions?.ids.length, old };
    }, rev);
    expect({ ok, ...out }).toEqual({ ok: true, n: 2, atts: false, revs: 1, old: 404 });
    await page.close();
  });

  it('a first document written over a deleted one continues its history', async () => {
    const out = await firstUse<unknown>(
      "const { rev } = await db.put({ _id: 'a', n: 1 }); await db.remove('a', rev);",
      `
      const res = await db.put({ _id: 'a', n: 2 });
      const doc = await db.get('a');
      return { gen: res.rev.split('-')[0], rev: doc._rev === res.rev, n: doc.n };
    `,
    );
    // 1 (put), 2 (remove), then 3: as PouchDB does.
    expect(out).toEqual({ gen: '3', rev: true, n: 2 });
  });

  it('a first write to a database with auto-compaction drops the old body', async () => {
    const page = await freshPage();
    await page.evaluate(async (name) => {
      const db = new Satchel(name, { auto_compaction: true });
      globalThis.scratch = { db };
      await db.info();
    }, freshName());
    expect(await loadedOccasional(page)).toBe(false);
    const out = await page.evaluate(async () => {
      const db = globalThis.scratch.db as PageDb;
      const first = await db.put({ _id: 'a', n: 1 });
      const second = await db.put({ _id: 'a', _rev: first.rev, n: 2 });
      const old = await db.get('a', { rev: first.rev }).catch((e: { status?: number }) => e.status);
      return { ok: second.ok, n: (await db.get<{ n: number }>('a')).n, old };
    });
    expect(await loadedOccasional(page)).toBe(true);
    expect(out).toEqual({ ok: true, n: 2, old: 404 });
    await page.close();
  });

  it('a first allDocs by keys: rows in key order, missing ones, paging, an empty list', async () => {
    const out = await firstUse<unknown>(
      "await db.bulkDocs([{ _id: 'a' }, { _id: 'b' }, { _id: 'c' }]);",
      `
      const [byKeys, paged, empty, bad] = await Promise.all([
        db.allDocs({ keys: ['c', 'zz', 'a'] }),
        db.allDocs({ keys: ['a', 'b', 'c'], skip: 1, limit: 1 }),
        db.allDocs({ keys: [] }),
        db.allDocs({ keys: ['a'], startkey: 'a' }).catch((e) => e.status),
      ]);
      return {
        keys: byKeys.rows.map((r) => r.id ?? r.error),
        paged: paged.rows.map((r) => r.id),
        empty,
        bad,
      };
    `,
    );
    expect(out).toEqual({
      keys: ['c', 'not_found', 'a'],
      paged: ['b'],
      empty: { total_rows: 3, rows: [] },
      bad: 400,
    });
  });

  it('a first bulkGet answers each revision asked for', async () => {
    const out = await firstUse<unknown>(
      "globalThis.scratch.rev = (await db.put({ _id: 'a', n: 1 })).rev;",
      `
      const res = await db.bulkGet({ docs: [{ id: 'a', rev: globalThis.scratch.rev }, { id: 'x' }] });
      const bad = await db.bulkGet({}).catch((e) => e.status);
      return { results: res.results.map((r) => [r.id, 'ok' in r.docs[0] ? r.docs[0].ok.n : r.docs[0].error.name]), bad };
    `,
    );
    expect(out).toEqual({
      results: [
        ['a', 1],
        ['x', 'not_found'],
      ],
      bad: 400,
    });
  });

  it('a first purge removes the revision and logs it', async () => {
    const out = await firstUse<unknown>(
      "globalThis.scratch.rev = (await db.put({ _id: 'a' })).rev;",
      `
      await db.purge('a', globalThis.scratch.rev);
      const bad = await db.purge('a', 'nonsense').catch((e) => e.status);
      const log = await db.get('_local/purges');
      return { gone: await db.get('a').catch((e) => e.status), logged: log.purges.length, bad };
    `,
    );
    expect(out).toEqual({ gone: 404, logged: 1, bad: 400 });
  });

  it('a first destroy deletes the database and says so', async () => {
    const out = await firstUse<unknown>(
      "await db.put({ _id: 'a' }); globalThis.scratch.events = []; db.on('destroyed', () => globalThis.scratch.events.push('destroyed'));",
      `
      const res = await db.destroy();
      const again = new Satchel(name);
      return { res, events: globalThis.scratch.events, count: (await again.info()).doc_count };
    `,
    );
    expect(out).toEqual({ res: { ok: true }, events: ['destroyed'], count: 0 });
  });
});
