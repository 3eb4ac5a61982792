import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { presetPage } from './preset-session.js';

// Hostile input on the browser's stores: what the Node preset's hostile suite checks on
// memory, here on IndexedDB (the preset's default) and the memory adapter in Chromium, where
// records go through structured cloning and IndexedDB keys. Each store must write and read back
// huge ids and revisions and documents nested 10,000 levels deep, local ones included, across a
// reload of the page; PouchDB's revisions are computed here in Node, apart from the page.

const pageOf = presetPage();

const DEPTH = 10_000;
const BIG = 1 << 20;
const revHash = (json: string) => createHash('md5').update(json, 'latin1').digest('hex');
const bigId = `big-${'x'.repeat(BIG)}`;
const deepJson = `{"_id":"deep","v":${'{"c":'.repeat(DEPTH)}{"leaf":true}${'}'.repeat(DEPTH)}}`;

/** What the page reports of each step: an answer's essentials, or the error's status and name. */
type Steps = Record<string, unknown>;

/** Writes the hostile documents in a fresh database named `name` on `adapter`, reading back. */
async function write(adapter: string, name: string): Promise<Steps> {
  return pageOf().evaluate(
    async ({ adapter, name, DEPTH, BIG }) => {
      type Db = {
        put(doc: object): Promise<{ rev: string }>;
        get(id: string, opts?: object): Promise<Record<string, unknown>>;
        bulkDocs(docs: object[], opts?: object): Promise<unknown[]>;
        allDocs(opts: object): Promise<{ rows: { id: string; doc?: object }[] }>;
        changes(opts: object): Promise<{ results: { id: string; doc?: object }[] }>;
        remove(id: string, rev: string): Promise<{ ok: boolean }>;
        compact(): Promise<unknown>;
      };
      const db = new Satchel(name, { adapter }) as unknown as Db;
      const steps: Record<string, unknown> = {};
      const step = async (label: string, run: () => Promise<unknown>) => {
        try {
          steps[label] = await run();
        } catch (e) {
          const { status, name } = e as { status?: number; name?: string };
          steps[label] = { failed: `${status} ${name}` };
        }
      };
      // Iterative, so that the page checks depth without recursing.
      const depth = (value: unknown) => {
        let n = 0;
        let node = value as { c?: unknown; leaf?: boolean } | undefined;
        for (; node?.c; n++) node = node.c as typeof node;
        return node?.leaf === true ? n : -1;
      };
      const big = `big-${'x'.repeat(BIG)}`;
      let nested: Record<string, unknown> = { leaf: true };
      for (let i = 0; i < DEPTH; i++) nested = { c: nested };

      let bigRev = '';
      await step('big id put', async () => {
        bigRev = (await db.put({ _id: big, v: 1 })).rev;
        return bigRev;
      });
      await step('big id get', async () => ((await db.get(big))._id as string).length);
      await step(
        'big id by key',
        async () => (await db.allDocs({ keys: [big] })).rows[0]?.id === big,
      );
      await step('big id in range', async () => {
        const rows = (await db.allDocs({ startkey: big, limit: 1 })).rows;
        return rows[0]?.id === big;
      });
      await step('big id in changes', async () => {
        return (await db.changes({ doc_ids: [big] })).results.map((r) => r.id === big);
      });
      await step('big id removed', async () => (await db.remove(big, bigRev)).ok);
      await step('deep put', async () => (await db.put({ _id: 'deep', v: nested })).rev);
      await step('deep get', async () => depth((await db.get('deep')).v));
      await step('deep in allDocs', async () => {
        const rows = (await db.allDocs({ include_docs: true, key: 'deep' })).rows;
        return depth((rows[0]?.doc as { v?: unknown } | undefined)?.v);
      });
      await step('deep in changes', async () => {
        const results = (await db.changes({ include_docs: true, doc_ids: ['deep'] })).results;
        return depth((results[0]?.doc as { v?: unknown } | undefined)?.v);
      });
      await step(
        'deep local put',
        async () => (await db.put({ _id: '_local/deep', v: nested })).rev,
      );
      await step('deep local get', async () => depth((await db.get('_local/deep')).v));
      const bigHash = 'a'.repeat(BIG);
      await step('big rev replicated', async () => {
        const doc = { _id: 'r', _rev: `1-${bigHash}`, v: 1 };
        return db.bulkDocs([doc], { new_edits: false });
      });
      await step('big rev get', async () => (await db.get('r'))._rev === `1-${bigHash}`);
      await step('big rev edited', async () => {
        return /^2-[0-9a-f]{32}$/.test(
          (await db.put({ _id: 'r', _rev: `1-${bigHash}`, v: 2 })).rev,
        );
      });
      const odd = ['a\uD800b', 'a\u0000b', '\uDC00', '\u{1F600}', 'z\uFFFF'];
      await step('odd ids', async () => {
        for (const id of odd) await db.put({ _id: id });
        const back = await Promise.all(odd.map(async (id) => (await db.get(id))._id === id));
        const listed = (await db.allDocs({ keys: odd })).rows.map(
          (r) => r.id === (r as { key?: string }).key,
        );
        return { back, listed };
      });
      await step('compact', async () => db.compact());
      return steps;
    },
    { adapter, name, DEPTH, BIG },
  );
}

/** Opens the database again, after a reload of the page, and reads the survivors back. */
async function reread(adapter: string, name: string): Promise<Steps> {
  await pageOf().reload();
  await pageOf().waitForFunction(() => typeof Satchel === 'function');
  return pageOf().evaluate(
    async ({ adapter, name }) => {
      type Db = {
        get(id: string): Promise<Record<string, unknown>>;
        info(): Promise<{ doc_count: number }>;
        allDocs(opts: object): Promise<{ rows: { id: string }[] }>;
        destroy(): Promise<unknown>;
      };
      const db = new Satchel(name, { adapter }) as unknown as Db;
      const depth = (value: unknown) => {
        let n = 0;
        let node = value as { c?: unknown; leaf?: boolean } | undefined;
        for (; node?.c; n++) node = node.c as typeof node;
        return node?.leaf === true ? n : -1;
      };
      const out = {
        deep: depth((await db.get('deep')).v),
        local: depth((await db.get('_local/deep')).v),
        docCount: (await db.info()).doc_count,
        listed: (await db.allDocs({})).rows.length,
      };
      await db.destroy();
      return out;
    },
    { adapter, name },
  );
}

describe.each(['indexeddb', 'memory'])('hostile input on %s in Chromium', (adapter) => {
  it('huge ids and revisions, 10,000-level documents and odd ids: written and read back', async () => {
    const name = `hostile-${adapter}-${Date.now()}`;
    const steps = await write(adapter, name);
    expect(steps).toEqual({
      'big id put': `1-${revHash(`{"_id":"${bigId}","v":1}`)}`,
      'big id get': bigId.length,
      'big id by key': true,
      'big id in range': true,
      'big id in changes': [true],
      'big id removed': true,
      'deep put': `1-${revHash(deepJson)}`,
      'deep get': DEPTH,
      'deep in allDocs': DEPTH,
      'deep in changes': DEPTH,
      'deep local put': '0-1',
      'deep local get': DEPTH,
      'big rev replicated': [],
      'big rev get': true,
      'big rev edited': true,
      'odd ids': { back: [true, true, true, true, true], listed: [true, true, true, true, true] },
      compact: { ok: true },
    });
    if (adapter !== 'indexeddb') return;
    // deep, r and the five odd ids; the big id was removed.
    expect(await reread(adapter, name)).toEqual({
      deep: DEPTH,
      local: DEPTH,
      docCount: 7,
      listed: 7,
    });
  }, 120_000);
});
