import type { Adapter } from '@satchel/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type Change, openFeedCount } from '../src/index.js';
import { newDb, newPouch, Satchel, sleep, waitFor } from './helpers.js';

/** Counts live subscriptions on a database's adapter (its onChange listener set). */
function countSubscriptions(db: Satchel): { active(): number } {
  const adapter = db._adapter as Adapter & { onChange(l: () => void): () => void };
  const original = adapter.onChange.bind(adapter);
  let active = 0;
  adapter.onChange = (listener) => {
    active += 1;
    const unsubscribe = original(listener);
    let done = false;
    return () => {
      if (!done) active -= 1;
      done = true;
      unsubscribe();
    };
  };
  return { active: () => active };
}

/** Pending Node timers (setTimeout/setInterval), to show feeds leave none behind. */
function timerCount(): number {
  return process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
}

describe('live feeds', () => {
  afterEach(() => vi.useRealTimers());

  it('catches up, then emits every later write until cancelled', async () => {
    const db = newDb();
    await db.put({ _id: 'before' });
    const seen: string[] = [];
    const feed = db.changes({ live: true }).on('change', (c: Change) => seen.push(c.id));
    await waitFor(() => seen.length === 1);
    await db.put({ _id: 'after1' });
    await db.bulkDocs([{ _id: 'after2' }, { _id: 'after3' }]);
    await waitFor(() => seen.length === 4);
    expect(seen).toEqual(['before', 'after1', 'after2', 'after3']);
    const completions: unknown[] = [];
    feed.on('complete', (res) => completions.push(res));
    feed.cancel();
    expect(await feed).toEqual({ status: 'cancelled' });
    expect(completions).toEqual([{ status: 'cancelled' }]);
    await db.put({ _id: 'ignored' });
    await sleep(10);
    expect(seen).toHaveLength(4);
  });

  it("since: 'now' skips history; continuous is the old name of live", async () => {
    const db = newDb();
    await db.put({ _id: 'old' });
    const seen: string[] = [];
    const feed = db
      .changes({ continuous: true, since: 'now' })
      .on('change', (c: Change) => seen.push(c.id));
    await sleep(10);
    await db.put({ _id: 'new' });
    await waitFor(() => seen.length === 1);
    expect(seen).toEqual(['new']);
    feed.cancel();
  });

  it('live: false beats continuous: true only when continuous is absent (PouchDB rule)', async () => {
    const db = newDb();
    const res = await db.changes({ live: false });
    expect(res).toEqual({ results: [], last_seq: 0 });
  });

  it('each update of a document is a new change; filters and include_docs apply', async () => {
    const db = newDb();
    const seen: Change<{ n: number }>[] = [];
    const feed = db
      .changes<{ n: number }>({ live: true, include_docs: true, filter: (doc) => doc.n > 1 })
      .on('change', (c: Change<{ n: number }>) => seen.push(c));
    const r1 = await db.put({ _id: 'a', n: 1 });
    const r2 = await db.put({ _id: 'a', _rev: r1.rev, n: 2 });
    await db.put({ _id: 'b', n: 0 });
    await db.put({ _id: 'c', n: 5 });
    await waitFor(() => seen.length === 2);
    expect(seen.map((c) => [c.id, c.doc?.n, c.changes[0]?.rev])).toEqual([
      ['a', 2, r2.rev],
      ['c', 5, expect.any(String)],
    ]);
    feed.cancel();
  });

  it('ignores limit and descending, as PouchDB does locally, and does not collect results', async () => {
    const db = newDb();
    await db.bulkDocs([{ _id: 'a' }, { _id: 'b' }, { _id: 'c' }]);
    const seen: string[] = [];
    const feed = db
      .changes({ live: true, limit: 1, descending: true })
      .on('change', (c: Change) => seen.push(c.id));
    await waitFor(() => seen.length === 3);
    expect(seen).toEqual(['a', 'b', 'c']);
    feed.cancel();
    expect(await feed).toEqual({ status: 'cancelled' });
  });

  it('matches PouchDB on the events a live feed emits', async () => {
    const run = async (db: {
      put(d: object): Promise<unknown>;
      changes(o: object): { on(e: string, l: (c: unknown) => void): unknown; cancel(): void };
    }) => {
      await db.put({ _id: 'a', n: 1 });
      const seen: unknown[] = [];
      const feed = db.changes({
        live: true,
        include_docs: true,
        filter: (d: { n: number }) => d.n % 2 === 1,
      });
      feed.on('change', (c) => seen.push(c));
      for (let n = 2; n < 8; n++) await db.put({ _id: `d${n}`, n });
      await waitFor(() => seen.length === 4);
      feed.cancel();
      return seen;
    };
    expect(await run(newDb())).toEqual(await run(newPouch()));
  });

  it('iterates with for await; breaking out cancels the feed', async () => {
    const db = newDb();
    const subs = countSubscriptions(db);
    const writer = (async () => {
      for (let i = 0; i < 5; i++) {
        await sleep(1);
        await db.put({ _id: `w${i}` });
      }
    })();
    const ids: string[] = [];
    const feed = db.changes({ live: true });
    for await (const change of feed) {
      ids.push(change.id);
      if (ids.length === 3) break;
    }
    expect(ids).toEqual(['w0', 'w1', 'w2']);
    expect(await feed).toEqual({ status: 'cancelled' });
    expect(subs.active()).toBe(0);
    await writer;
  });

  it('a thousand live feeds opened and cancelled leave no listener behind', async () => {
    const db = newDb();
    await db.put({ _id: 'seed' });
    const subs = countSubscriptions(db);
    const warn = vi.spyOn(console, 'warn');
    const before = {
      closed: db.listenerCount('closed'),
      destroyed: db.listenerCount('destroyed'),
      timers: timerCount(),
    };
    const feeds = Array.from({ length: 1000 }, () => db.changes({ live: true, since: 'now' }));
    await waitFor(() => subs.active() === 1000);
    expect(db.listenerCount('closed')).toBe(before.closed + 1);
    expect(db.listenerCount('destroyed')).toBe(before.destroyed + 1);
    await db.put({ _id: 'poke' });
    for (const feed of feeds) feed.cancel();
    await Promise.all(feeds);
    expect(subs.active()).toBe(0);
    expect(openFeedCount(db)).toBe(0);
    expect(db.listenerCount('closed')).toBe(before.closed);
    expect(db.listenerCount('destroyed')).toBe(before.destroyed);
    expect(feeds.every((f) => f.eventNames().length === 0)).toBe(true);
    expect(timerCount()).toBeLessThanOrEqual(before.timers);
    expect(warn).not.toHaveBeenCalled();
    warn.mockRestore();
  });

  it('feeds cancelled before the database is ready never subscribe', async () => {
    const db = newDb();
    const subs = countSubscriptions(db);
    const feeds = Array.from({ length: 50 }, () => db.changes({ live: true }));
    for (const feed of feeds) feed.cancel();
    await Promise.all(feeds);
    await sleep(5);
    expect(subs.active()).toBe(0);
  });

  it('closing the database completes its live feeds', async () => {
    const db = newDb();
    const subs = countSubscriptions(db);
    const feed = db.changes({ live: true });
    await waitFor(() => subs.active() === 1);
    await db.close();
    expect(await feed).toEqual({ status: 'cancelled' });
    expect(subs.active()).toBe(0);
    expect(openFeedCount(db)).toBe(0);
  });

  it('destroying the database completes its live feeds (and other handles’ feeds)', async () => {
    const db = newDb();
    const other = new Satchel(db.name, { adapter: 'memory' });
    const feed = db.changes({ live: true });
    const otherFeed = other.changes({ live: true });
    await sleep(5);
    await db.destroy();
    expect(await feed).toEqual({ status: 'cancelled' });
    expect(await otherFeed).toEqual({ status: 'cancelled' });
  });

  it('a live feed fails (error event) when its filter throws', async () => {
    const db = newDb();
    const feed = db.changes({
      live: true,
      filter: (doc: { bad?: boolean }) => {
        if (doc.bad) throw new Error('nope');
        return true;
      },
    });
    const errors: unknown[] = [];
    feed.on('error', (err) => errors.push(err));
    await db.put({ _id: 'ok' });
    await db.put({ _id: 'bad', bad: true });
    await expect(feed).rejects.toMatchObject({
      status: 400,
      reason: 'Filter function threw: Error: nope',
    });
    expect(errors).toHaveLength(1);
  });

  it('polls adapters without onChange, backing off while idle, and leaves no timer', async () => {
    const db = newDb();
    await db.put({ _id: 'first' });
    const adapter = db._adapter as Adapter;
    const reads = vi.spyOn(adapter, 'changes');
    // An adapter that cannot notify: hide onChange on this handle.
    Object.defineProperty(adapter, 'onChange', { value: undefined, configurable: true });
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const seen: string[] = [];
    const feed = db.changes({ live: true }).on('change', (c: Change) => seen.push(c.id));
    await vi.waitFor(() => expect(seen).toEqual(['first']));
    await vi.advanceTimersByTimeAsync(50);
    await db.put({ _id: 'second' });
    await vi.advanceTimersByTimeAsync(200);
    expect(seen).toEqual(['first', 'second']);
    const before = reads.mock.calls.length;
    await vi.advanceTimersByTimeAsync(60_000);
    // Backing off: 50, 100, 200 … capped at 10 s, so far fewer reads than one per 50 ms.
    expect(reads.mock.calls.length - before).toBeLessThan(20);
    feed.cancel();
    expect(vi.getTimerCount()).toBe(0);
  });
});
