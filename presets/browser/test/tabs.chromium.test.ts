import type { BrowserSession, Page } from '@satchel/browser-runner';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPresetSession } from './preset-session.js';

let session: BrowserSession;
beforeAll(async () => {
  session = await startPresetSession();
});
afterAll(() => session?.stop());

let n = 0;
const freshName = () => `tabs-${Date.now()}-${n++}`;

/** Two tabs of one origin: one profile, so one IndexedDB. */
async function twoTabs(): Promise<[Page, Page]> {
  return [await session.open('/index.html'), await session.open('/index.html')];
}

describe('two tabs on one IndexedDB database (Chromium)', () => {
  it("a live feed in one tab sees the other tab's writes", async () => {
    const [one, two] = await twoTabs();
    const name = freshName();
    await one.evaluate(async (name) => {
      const db = new Satchel(name);
      await db.info();
      globalThis.scratch = { seen: [] as string[] };
      db.changes({ live: true, since: 'now' }).on('change', (change: { id: string }) => {
        (globalThis.scratch.seen as string[]).push(change.id);
      });
    }, name);
    await two.evaluate(async (name) => {
      const db = new Satchel(name);
      await db.put({ _id: 'from-two' });
      await db.bulkDocs([{ _id: 'b1' }, { _id: 'b2' }]);
    }, name);
    await one.waitForFunction(() => (globalThis.scratch.seen as string[]).length >= 3, null, {
      timeout: 10_000,
    });
    const seen = await one.evaluate(() => (globalThis.scratch.seen as string[]).sort());
    expect(seen).toEqual(['b1', 'b2', 'from-two']);
    await one.close();
    await two.close();
  });

  it('concurrent bulkDocs of 2 × 500 from two tabs: nothing lost, identical allDocs', async () => {
    const [one, two] = await twoTabs();
    const name = freshName();
    const write = (page: Page, tab: string) =>
      page.evaluate(
        async ({ name, tab }) => {
          const db = new Satchel(name);
          const docs = Array.from({ length: 500 }, (_, i) => ({ _id: `${tab}-${i}`, i, tab }));
          // Several batches each, so the tabs' commits interleave.
          const rows = [];
          for (let at = 0; at < docs.length; at += 100) {
            rows.push(...(await db.bulkDocs(docs.slice(at, at + 100))));
          }
          return rows.filter((row) => !('ok' in row && row.ok)).length;
        },
        { name, tab },
      );
    const failures = await Promise.all([write(one, 'one'), write(two, 'two')]);
    expect(failures).toEqual([0, 0]);
    const listing = (page: Page) =>
      page.evaluate(async (name) => {
        const db = new Satchel(name);
        const all = await db.allDocs();
        const info = await db.info();
        return { rows: all.rows.map((r) => [r.id, r.value.rev]), total: all.total_rows, info };
      }, name);
    const [a, b] = await Promise.all([listing(one), listing(two)]);
    expect(a.total).toBe(1000);
    expect(a.rows).toHaveLength(1000);
    expect(b.rows).toEqual(a.rows);
    expect(a.info.doc_count).toBe(1000);
    expect(b.info.update_seq).toBe(a.info.update_seq);
    await one.close();
    await two.close();
  });
});

describe('destroy() in another tab (Chromium)', () => {
  it('is surfaced as PouchDB surfaces it to other handles: destroyed, live feeds end', async () => {
    const [one, two] = await twoTabs();
    const name = freshName();
    await one.evaluate(async (name) => {
      const db = new Satchel(name);
      await db.bulkDocs([{ _id: 'a' }, { _id: 'b' }]);
      const events: string[] = [];
      globalThis.scratch = { db, events };
      db.on('destroyed', () => events.push('destroyed'));
      db.changes({ live: true, since: 'now' })
        .on('change', (change: { id: string }) => events.push(`change ${change.id}`))
        .on('complete', (info: { status?: string }) => events.push(`complete ${info.status}`));
    }, name);
    await two.evaluate(async (name) => {
      await new Satchel(name).destroy();
    }, name);
    await one.waitForFunction(() => (globalThis.scratch.events as string[]).length >= 2, null, {
      timeout: 10_000,
    });
    const seen = await one.evaluate(async (name) => {
      const events = [...(globalThis.scratch.events as string[])];
      // Merely being open in this tab does not bring the database back.
      const listed = (await indexedDB.databases()).some((d) => d.name?.includes(name));
      // The handle stays usable: its next call works on a new, empty database.
      const db = globalThis.scratch.db as InstanceType<typeof Satchel>;
      const before = await db.info();
      await db.put({ _id: 'again' });
      return { events, listed, before: [before.doc_count, before.update_seq] };
    }, name);
    expect(seen).toEqual({
      events: ['destroyed', 'complete cancelled'],
      listed: false,
      before: [0, 0],
    });
    const fromTwo = await two.evaluate(async (name) => {
      const all = await new Satchel(name).allDocs();
      return all.rows.map((row) => row.id);
    }, name);
    expect(fromTwo).toEqual(['again']);
    await one.close();
    await two.close();
  });
});

describe('reload persistence (Chromium)', () => {
  it('docs, attachments and seqs read back identical after a reload', async () => {
    const page = await session.open('/index.html');
    const name = freshName();
    const snapshot = () =>
      page.evaluate(async (name) => {
        const db = new Satchel(name);
        const all = await db.allDocs({ include_docs: true, attachments: true, conflicts: true });
        const changes = await db.changes({ since: 0, style: 'all_docs' });
        const blob = (await db.getAttachment('with-att', 'hello.txt')) as Blob;
        return { all, changes, text: await blob.text(), type: blob.type, info: await db.info() };
      }, name);
    await page.evaluate(async (name) => {
      const db = new Satchel(name);
      await db.bulkDocs(Array.from({ length: 50 }, (_, i) => ({ _id: `doc-${i}`, i })));
      const first = await db.put({ _id: 'edited', v: 1 });
      await db.put({ _id: 'edited', _rev: first.rev, v: 2 });
      const gone = await db.put({ _id: 'gone' });
      await db.remove('gone', gone.rev);
      await db.putAttachment(
        'with-att',
        'hello.txt',
        new Blob(['hello, satchel'], { type: 'text/plain' }),
        'text/plain',
      );
      await db.bulkDocs([{ _id: 'edited', _rev: '2-ffff', v: 'branch' }], { new_edits: false });
      await db.put({ _id: '_local/x', note: 'local docs are not in changes' });
    }, name);
    const before = await snapshot();
    await page.reload();
    const after = await snapshot();
    expect(after).toEqual(before);
    expect(after.text).toBe('hello, satchel');
    expect(after.all.rows).toHaveLength(52);
    expect(after.info.update_seq).toBe(56);
    await page.close();
  });
});
