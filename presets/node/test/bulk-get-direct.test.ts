import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LevelEngine } from '@satchel/adapter-leveldb';
import { MemoryEngine } from '@satchel/adapter-memory';
import { afterAll, describe, expect, it } from 'vitest';
import Satchel from '../src/index.js';

/**
 * A local `bulkGet` reads every record and every revision body in one engine call each, and
 * answers exactly as one `get` per id (PouchDB's local `bulkGet`) and as pouchdb@9 do: the
 * same documents, `{missing}` entries and error rows, for winners, named revisions, `latest`,
 * conflicts, deletions, unknown ids and revisions, and attachments.
 */

const require = createRequire(import.meta.url);
// biome-ignore lint/suspicious/noExplicitAny: PouchDB ships no types; results are compared as JSON.
type Db = any;
const PouchDB: Db = require('pouchdb');
PouchDB.plugin(require('pouchdb-adapter-memory'));

const dir = mkdtempSync(join(tmpdir(), 'satchel-bulk-get-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

/** Engine reads of both engines while `fn` runs. */
async function countReads(fn: () => Promise<unknown>): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  const restore: (() => void)[] = [];
  for (const E of [LevelEngine, MemoryEngine]) {
    for (const name of ['getDocs', 'getRevs'] as const) {
      const proto = E.prototype as unknown as Record<string, (...a: unknown[]) => unknown>;
      const original = proto[name] as (...a: unknown[]) => unknown;
      proto[name] = function (this: unknown, ...args: unknown[]) {
        counts[name] = (counts[name] ?? 0) + 1;
        return original.apply(this, args);
      };
      restore.push(() => {
        proto[name] = original;
      });
    }
  }
  try {
    await fn();
  } finally {
    for (const undo of restore) undo();
  }
  return counts;
}

/** The same history on any database: generations, a conflict, a deletion, an attachment. */
async function seed(db: Db): Promise<Record<string, string[]>> {
  const revs: Record<string, string[]> = {};
  const put = async (doc: Db) => {
    const res = await db.put(doc);
    const list = revs[doc._id] ?? [];
    list.push(res.rev);
    revs[doc._id] = list;
    return res.rev as string;
  };
  const a1 = await put({ _id: 'a', v: 1 });
  await put({ _id: 'a', _rev: a1, v: 2 });
  const b1 = await put({ _id: 'b', v: 1 });
  await db.bulkDocs(
    [
      { _id: 'b', _rev: '2-aaaa', v: 'left', _revisions: { start: 2, ids: ['aaaa', b1.slice(2)] } },
      {
        _id: 'b',
        _rev: '2-bbbb',
        v: 'right',
        _revisions: { start: 2, ids: ['bbbb', b1.slice(2)] },
      },
    ],
    { new_edits: false },
  );
  const c1 = await put({ _id: 'c', v: 1 });
  await db.remove('c', c1);
  await put({
    _id: 'd',
    _attachments: { 'x.txt': { content_type: 'text/plain', data: 'aGVsbG8=' } },
  });
  return revs;
}

/** Requests, each with whether pouchdb@9 can answer it (`latest` on an unknown rev crashes it). */
function requests(revs: Record<string, string[]>): { req: Db; oracle: boolean }[] {
  const [a1, a2] = revs.a ?? [];
  const [b1] = revs.b ?? [];
  const [c1] = revs.c ?? [];
  const [d1] = revs.d ?? [];
  const ids = [{ id: 'a' }, { id: 'b' }, { id: 'c' }, { id: 'd' }, { id: 'nope' }];
  const named = [
    { id: 'a', rev: a1 },
    { id: 'a', rev: a2 },
    { id: 'b', rev: '2-aaaa' },
    { id: 'b', rev: '2-bbbb' },
    { id: 'b', rev: b1 },
    { id: 'c', rev: c1 },
    { id: 'd', rev: d1 },
    { id: 'a', rev: '9-ffff' },
    { id: 'nope', rev: '1-abcd' },
  ];
  const known = named.filter((r) => r.rev !== '9-ffff');
  const answered = [
    { docs: ids },
    { docs: ids, revs: true },
    { docs: named },
    { docs: named, revs: true },
    { docs: known, latest: true },
    { docs: known, latest: true, revs: true },
    { docs: [{ id: 'd' }, { id: 'd', rev: d1 }], attachments: true },
    { docs: [{ id: 'd', rev: d1 }], attachments: true, binary: true },
    { docs: [{ id: 'a', rev: 'not-a-rev' }, { id: 'b' }] },
    {
      docs: [
        { id: 'a', rev: a1 },
        { id: 'a', rev: a1 },
      ],
      latest: true,
    },
  ];
  return [
    ...answered.map((req) => ({ req, oracle: true })),
    { req: { docs: named, latest: true, revs: true }, oracle: false },
  ];
}

/** Results as JSON: error rows are Error objects with stacks. */
function plain(value: unknown): unknown {
  const text = JSON.stringify(value, (key, v) => {
    if (key === 'stack') return undefined;
    if (v instanceof Error) return { ...v, message: v.message, name: v.name };
    if (v instanceof Buffer || v instanceof Uint8Array) return Buffer.from(v).toString('base64');
    return v;
  });
  return JSON.parse(text);
}

for (const store of ['leveldb', 'memory'] as const) {
  describe(`bulkGet on ${store}`, () => {
    const open = () => {
      n++;
      return store === 'memory'
        ? new Satchel(`bulk-get-${n}`, { adapter: 'memory' })
        : new Satchel(join(dir, `db${n}`));
    };

    it('reads every record and every revision body in one engine call each', async () => {
      const db = open();
      const revs = await seed(db);
      const named = requests(revs)[3]?.req;
      const counts = await countReads(() => db.bulkGet(named));
      expect(counts).toEqual({ getDocs: 1, getRevs: 1 });
      await db.destroy();
    });

    it('answers as one get per id does, and as pouchdb@9 does', async () => {
      const db: Db = open();
      const pouch = new PouchDB(`bulk-get-pouch-${store}-${n}`, { adapter: 'memory' });
      const revs = await seed(db);
      expect(await seed(pouch)).toEqual(revs);
      for (const { req, oracle } of requests(revs)) {
        const direct = plain(await db.bulkGet(req));
        // A plugin's `get` (here one that passes through) sends bulkGet through `get`.
        const ownGet = db.get;
        db.get = (...args: unknown[]) => ownGet(...args);
        const viaGet = plain(await db.bulkGet(req));
        db.get = ownGet;
        expect(direct, JSON.stringify(req)).toEqual(viaGet);
        if (oracle) expect(direct, JSON.stringify(req)).toEqual(plain(await pouch.bulkGet(req)));
      }
      await db.destroy();
      await pouch.destroy();
    });
  });
}
