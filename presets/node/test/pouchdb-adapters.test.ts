import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import Satchel from '../src/index.js';

const require = createRequire(import.meta.url);
const dir = mkdtempSync(join(tmpdir(), 'satchel-node-pouch-adapters-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// A constructor of its own, so the native adapters of other tests stay registered.
const WithPouchAdapters = Satchel.defaults({});
WithPouchAdapters.plugin(require('pouchdb-adapter-memory'));
WithPouchAdapters.plugin(require('pouchdb-adapter-leveldb'));

describe('PouchDB adapters on @satchel/node', () => {
  it('Satchel.plugin(require("pouchdb-adapter-memory")) registers the adapter as on PouchDB', async () => {
    // The adapter function itself is kept, as PouchDB keeps it.
    const fn = WithPouchAdapters.adapters.memory as unknown as {
      use_prefix?: boolean;
      length: number;
    };
    expect(fn.length).toBe(2);
    expect(fn.use_prefix).toBe(false);
    const db = new WithPouchAdapters(`mem-${Date.now()}`, { adapter: 'memory' });
    const { rev } = await db.put({ _id: 'a', v: 1 });
    expect(await db.get('a')).toEqual({ _id: 'a', _rev: rev, v: 1 });
    expect((await db.info()).adapter).toBe('memory');
    // pouchdb-adapter-memory reports itself as leveldb, as on PouchDB.
    expect(db.type()).toBe('leveldb');
    expect((await db.find({ selector: { v: 1 } })).docs.map((d) => d._id)).toEqual(['a']);
    await db.destroy();
  });

  it('a bridged pouchdb-adapter-leveldb database replicates to native leveldb and back, losing nothing', async () => {
    const bridged = new WithPouchAdapters(join(dir, 'bridged'), { adapter: 'leveldb' });
    await bridged.bulkDocs(Array.from({ length: 200 }, (_, i) => ({ _id: `d${i}`, i })));
    const edited = await bridged.put({ _id: 'edited', v: 1 });
    await bridged.put({ _id: 'edited', _rev: edited.rev, v: 2 });
    await bridged.bulkDocs(
      [
        { _id: 'c', _rev: '1-aaa', side: 'a' },
        { _id: 'c', _rev: '1-bbb', side: 'b' },
      ],
      { new_edits: false },
    );
    const gone = await bridged.put({ _id: 'gone' });
    await bridged.remove('gone', gone.rev);
    const att = await bridged.put({ _id: 'att' });
    await bridged.putAttachment('att', 'a.txt', att.rev, Buffer.from('hello'), 'text/plain');

    const native = new Satchel(join(dir, 'native'), { adapter: 'leveldb' });
    await Satchel.replicate(bridged, native);
    const back = new WithPouchAdapters(join(dir, 'back'), { adapter: 'leveldb' });
    await Satchel.replicate(native, back);

    for (const db of [native, back]) {
      expect(await everything(db)).toEqual(await everything(bridged));
      expect((await db.info()).doc_count).toBe(203);
    }
    await Promise.all([bridged.destroy(), native.destroy(), back.destroy()]);
  });
});

/** Every leaf of every document (deleted ones too), with history and attachment data. */
async function everything(db: InstanceType<typeof Satchel>): Promise<unknown[]> {
  const { results } = await db.changes({ style: 'all_docs' });
  const ids = results.map((r) => r.id).sort();
  return Promise.all(
    ids.map(async (id) => {
      const leaves = (await db.get(id, {
        open_revs: 'all',
        revs: true,
        attachments: true,
      })) as { ok: { _rev: string } }[];
      return leaves.sort((a, b) => (a.ok._rev < b.ok._rev ? -1 : 1));
    }),
  );
}
