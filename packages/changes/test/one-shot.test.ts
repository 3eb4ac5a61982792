import { describe, expect, it } from 'vitest';
import { ChangesFeed } from '../src/index.js';
import {
  changesOnBoth,
  newDb,
  newPair,
  type Pair,
  Satchel,
  uniqueName,
  writeBoth,
} from './helpers.js';

/** Five documents, one updated, one deleted: seqs 1..7, doc order a, c, d, b(2), e(del). */
async function seeded(): Promise<Pair> {
  const pair = newPair();
  await writeBoth(pair, [
    { _id: 'a', n: 1 },
    { _id: 'b', n: 2 },
    { _id: 'c', n: 3 },
    { _id: 'd', n: 4 },
  ]);
  const b = await pair.pouch.get('b');
  const e = { _id: 'e', n: 5 };
  await writeBoth(pair, [{ ...b, n: 20 }, e]);
  const eDoc = await pair.pouch.get('e');
  await writeBoth(pair, [{ _id: 'e', _rev: eDoc._rev, _deleted: true }]);
  return pair;
}

describe('one-shot changes', () => {
  it('lists every document once, in seq order, with the winning rev', async () => {
    const pair = await seeded();
    const { satchel, pouch } = await changesOnBoth(pair, {});
    expect(satchel).toEqual(pouch);
    const result = (satchel as { result: { results: { id: string }[]; last_seq: number } }).result;
    expect(result.results.map((r) => r.id)).toEqual(['a', 'c', 'd', 'b', 'e']);
    expect(result.last_seq).toBe(7);
  });

  it.each([
    ['since', { since: 3 }],
    ['since beyond the end', { since: 100 }],
    ["since 'now'", { since: 'now' }],
    ["since 'latest'", { since: 'latest' }],
    ['limit', { limit: 2 }],
    ['limit 0 (means 1)', { limit: 0 }],
    ['descending', { descending: true }],
    ['descending with limit', { descending: true, limit: 2 }],
    ['descending ignores since', { descending: true, since: 5 }],
    ['include_docs', { include_docs: true }],
    ['include_docs and conflicts', { include_docs: true, conflicts: true }],
    ["style 'all_docs'", { style: 'all_docs' }],
    ['doc_ids', { doc_ids: ['b', 'e', 'zz'] }],
    ['doc_ids and limit', { doc_ids: ['d', 'b', 'e'], limit: 1 }],
    ['return_docs false', { return_docs: false }],
    [
      'batch_size, timeout, heartbeat, seq_interval',
      { batch_size: 2, timeout: 10, heartbeat: 5, seq_interval: 3 },
    ],
  ])('%s behaves as in PouchDB', async (_name, opts) => {
    const pair = await seeded();
    const { satchel, pouch } = await changesOnBoth(pair, opts);
    expect(satchel).toEqual(pouch);
  });

  it('a negative limit means no limit (PouchDB 9 crashes on it)', async () => {
    const db = newDb();
    await db.bulkDocs([{ _id: 'a' }, { _id: 'b' }]);
    expect((await db.changes({ limit: -1 })).results).toHaveLength(2);
  });

  it('returnDocs is the old name of return_docs (PouchDB 9 ignores it)', async () => {
    const db = newDb();
    await db.bulkDocs([{ _id: 'a' }, { _id: 'b' }]);
    const seen: string[] = [];
    const res = await db
      .changes({ returnDocs: false })
      .on('change', (c: { id: string }) => seen.push(c.id));
    expect(res).toEqual({ results: [], last_seq: 2 });
    expect(seen).toEqual(['a', 'b']);
    expect((await db.changes({ returnDocs: false, return_docs: true })).results).toHaveLength(2);
  });

  it('reports conflicts with all_docs and in docs', async () => {
    const pair = newPair();
    await writeBoth(pair, [{ _id: 'x', v: 1 }]);
    const x = await pair.pouch.get('x');
    await writeBoth(
      pair,
      [
        {
          _id: 'x',
          _rev: '2-aaa',
          v: 2,
          _revisions: { start: 2, ids: ['aaa', String(x._rev).slice(2)] },
        },
      ],
      { new_edits: false },
    );
    await writeBoth(
      pair,
      [
        {
          _id: 'x',
          _rev: '2-bbb',
          v: 3,
          _revisions: { start: 2, ids: ['bbb', String(x._rev).slice(2)] },
        },
      ],
      { new_edits: false },
    );
    for (const opts of [
      { style: 'all_docs' },
      { include_docs: true, conflicts: true },
      { include_docs: true },
    ]) {
      const { satchel, pouch } = await changesOnBoth(pair, opts);
      expect(satchel).toEqual(pouch);
    }
  });

  it('includes attachments as stubs, as base64, or as binary', async () => {
    const db = newDb();
    await db.put({
      _id: 'att',
      _attachments: { 'a.txt': { content_type: 'text/plain', data: btoa('hello') } },
    });
    const stubs = await db.changes({ include_docs: true });
    expect(stubs.results[0]?.doc?._attachments?.['a.txt']).toMatchObject({ stub: true, length: 5 });
    const inline = await db.changes({ include_docs: true, attachments: true });
    expect(inline.results[0]?.doc?._attachments?.['a.txt']).toMatchObject({ data: btoa('hello') });
    const binary = await db.changes({ include_docs: true, attachments: true, binary: true });
    const att = binary.results[0]?.doc?._attachments?.['a.txt'] as { data?: unknown } | undefined;
    const data = att?.data;
    expect(data).toBeDefined();
    expect(typeof data).not.toBe('string');
  });

  it('attachments match PouchDB (base64)', async () => {
    const pair = newPair();
    await writeBoth(pair, [
      { _id: 'att', _attachments: { 'a.txt': { content_type: 'text/plain', data: btoa('hi') } } },
    ]);
    for (const opts of [{ include_docs: true }, { include_docs: true, attachments: true }]) {
      const { satchel, pouch } = await changesOnBoth(pair, opts);
      expect(satchel).toEqual(pouch);
    }
  });

  it('leaves local documents out', async () => {
    const pair = newPair();
    await writeBoth(pair, [{ _id: '_local/x', v: 1 }, { _id: 'y' }]);
    const { satchel, pouch } = await changesOnBoth(pair, {});
    expect(satchel).toEqual(pouch);
  });

  it('on an empty database: no results, last_seq 0', async () => {
    const pair = newPair();
    const { satchel, pouch } = await changesOnBoth(pair, {});
    expect(satchel).toEqual(pouch);
    expect(await newDb().changes()).toEqual({ results: [], last_seq: 0 });
  });
});

describe('feed object', () => {
  it('emits change per result, then complete with the result', async () => {
    const db = newDb();
    await db.bulkDocs([{ _id: 'a' }, { _id: 'b' }]);
    const order: string[] = [];
    const feed = db.changes();
    feed.on('change', (c: { id: string }) => order.push(`change ${c.id}`));
    feed.on('complete', (res: { results: unknown[] }) =>
      order.push(`complete ${res.results.length}`),
    );
    const res = await feed;
    expect(order).toEqual(['change a', 'change b', 'complete 2']);
    expect(res.results).toHaveLength(2);
    expect(feed).toBeInstanceOf(ChangesFeed);
  });

  it('is a promise: then, catch, finally', async () => {
    const db = newDb();
    await db.put({ _id: 'a' });
    const viaThen = await db.changes().then((r) => r.last_seq);
    expect(viaThen).toBe(1);
    let finished = false;
    await db.changes().finally(() => {
      finished = true;
    });
    expect(finished).toBe(true);
    const caught = await db
      .changes({ filter: 'nope/nope' })
      .catch((err: unknown) => (err as { status: number }).status);
    expect(caught).toBe(404);
  });

  it('takes a Node-style callback, with or without options', async () => {
    const db = newDb();
    await db.put({ _id: 'a' });
    const viaCallback = await new Promise((resolve, reject) =>
      db.changes({ limit: 1 }, (err, res) => (err ? reject(err) : resolve(res))),
    );
    expect(viaCallback).toMatchObject({ last_seq: 1 });
    const onlyCallback = await new Promise((resolve, reject) =>
      db.changes((err, res) => (err ? reject(err) : resolve(res))),
    );
    expect(onlyCallback).toMatchObject({ last_seq: 1 });
    const failed = await new Promise((resolve) =>
      db.changes({ filter: 'x/y' }, (err) => resolve(err)),
    );
    expect(failed).toMatchObject({ status: 404 });
  });

  it('emits error only to listeners and removes its listeners when done', async () => {
    const db = newDb();
    const feed = db.changes({ filter: 'missing/filter' });
    const errors: unknown[] = [];
    feed.on('error', (err) => errors.push(err));
    await expect(feed).rejects.toMatchObject({ status: 404 });
    expect(errors).toHaveLength(1);
    expect(feed.listenerCount('error')).toBe(0);
    // No listener and nobody awaiting: nothing is thrown or left unhandled.
    db.changes({ filter: 'missing/filter' });
  });

  it('keeps going when a change listener throws', async () => {
    const db = newDb();
    await db.bulkDocs([{ _id: 'a' }, { _id: 'b' }]);
    const seen: string[] = [];
    const original = console.error;
    console.error = () => undefined;
    try {
      const feed = db.changes().on('change', (c: { id: string }) => {
        seen.push(c.id);
        throw new Error('listener bug');
      });
      await expect(feed).resolves.toMatchObject({ last_seq: 2 });
    } finally {
      console.error = original;
    }
    expect(seen).toEqual(['a', 'b']);
  });

  it('cancel before the read completes with {status: "cancelled"}', async () => {
    const db = newDb();
    await db.put({ _id: 'a' });
    const feed = db.changes();
    const changes: unknown[] = [];
    const events: string[] = [];
    feed.on('change', (c) => changes.push(c));
    feed.on('cancel', () => events.push('cancel'));
    feed.on('complete', (res) => events.push(JSON.stringify(res)));
    feed.cancel();
    expect(await feed).toEqual({ status: 'cancelled' });
    expect(events).toEqual(['cancel', '{"status":"cancelled"}']);
    expect(changes).toEqual([]);
    feed.cancel();
  });

  it('cancelling a finished feed changes nothing', async () => {
    const db = newDb();
    await db.put({ _id: 'a' });
    const feed = db.changes();
    const res = await feed;
    feed.cancel();
    expect(await feed).toBe(res);
  });

  it('fails on a closed or destroyed database', async () => {
    const closed = newDb();
    await closed.close();
    await expect(closed.changes()).rejects.toThrow('database is closed');
    const destroyed = newDb();
    await destroyed.destroy();
    await expect(destroyed.changes()).rejects.toThrow('database is destroyed');
  });

  it('databases of constructors made with defaults() have changes too', async () => {
    const Custom = Satchel.defaults({ adapter: 'memory' });
    const db = new Custom(uniqueName());
    await db.put({ _id: 'a' });
    expect((await db.changes()).last_seq).toBe(1);
  });

  it('does not change the options object it was given', async () => {
    const db = newDb();
    const opts = { live: false, limit: 0, since: 'latest' };
    await db.changes(opts);
    expect(opts).toEqual({ live: false, limit: 0, since: 'latest' });
  });

  it('iterates a one-shot feed with for await', async () => {
    const db = newDb();
    await db.bulkDocs([{ _id: 'a' }, { _id: 'b' }, { _id: 'c' }]);
    const ids: string[] = [];
    for await (const change of db.changes()) ids.push(change.id);
    expect(ids).toEqual(['a', 'b', 'c']);
  });

  it('iteration throws the feed error', async () => {
    const db = newDb();
    const iterate = async () => {
      for await (const _change of db.changes({ filter: 'x/y' })) {
        // nothing to see
      }
    };
    await expect(iterate()).rejects.toMatchObject({ status: 404, name: 'not_found' });
  });
});
