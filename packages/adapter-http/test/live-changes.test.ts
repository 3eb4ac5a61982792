import { openFeedCount } from '@satchel/changes';
import { type FaultProxy, startFaultProxy } from '@satchel/servers';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type CouchServer, dbUrl, S, useCouchServer } from './setup-server.js';

type Db = InstanceType<typeof S>;
type Feed = ReturnType<Db['changes']>;

/** Resolves once `feed` emitted `count` changes; the ids, in order. */
function collect(feed: Feed, count: number): { ids: string[]; done: Promise<string[]> } {
  const ids: string[] = [];
  const done = new Promise<string[]>((resolve, reject) => {
    feed.on('change', (change) => {
      ids.push(change.id);
      if (ids.length === count) resolve(ids);
    });
    feed.on('error', reject);
  });
  return { ids, done };
}

/** Waits until the proxy saw a `_changes` long-poll after `seen` earlier requests. */
async function longpollStarted(proxy: FaultProxy, seen: number): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (proxy.requests.slice(seen).some((r) => r.includes('feed=longpoll'))) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('no long-poll started');
}

describe('http adapter: live changes', () => {
  let server: CouchServer;
  let proxy: FaultProxy;
  beforeAll(async () => {
    server = await useCouchServer();
    proxy = await startFaultProxy({ target: server.url });
  });
  afterEach(() => proxy.clear());
  afterAll(async () => {
    await proxy.stop();
    await server.stop();
  });

  /** A database on the server, and a handle on it through the proxy. */
  function open(): { direct: Db; viaProxy: Db } {
    const url = dbUrl(server);
    return { direct: new S(url), viaProxy: new S(url.replace(server.url, proxy.url)) };
  }

  it('emits writes made after it started, and cancels cleanly', async () => {
    const { direct, viaProxy } = open();
    await direct.put({ _id: 'before' });
    const seen = proxy.requests.length;
    const feed = viaProxy.changes({ live: true, since: 'now', include_docs: true });
    const got = collect(feed, 2);
    await longpollStarted(proxy, seen);
    await direct.bulkDocs([{ _id: 'a', n: 1 }]);
    await direct.put({ _id: 'b', n: 2 });
    expect(await got.done).toEqual(['a', 'b']);
    const completed = new Promise((resolve) => feed.on('complete', resolve));
    feed.cancel();
    expect(await completed).toEqual({ status: 'cancelled' });
    expect(await feed).toEqual({ status: 'cancelled' });
    await direct.destroy();
  });

  it('cancel() aborts the long-poll in flight and leaves no feed behind', async () => {
    const { direct } = open();
    await direct.info();
    const longpolls: { url: string; signal: AbortSignal | null | undefined }[] = [];
    const db = new S(direct.name, {
      fetch: (url: string, init: RequestInit) => {
        if (url.includes('feed=longpoll')) longpolls.push({ url, signal: init.signal });
        return fetch(url, init);
      },
    });
    const feed = db.changes({ live: true, since: 'now' });
    while (longpolls.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(longpolls[0]?.signal?.aborted).toBe(false);
    feed.cancel();
    expect(await feed).toEqual({ status: 'cancelled' });
    expect(longpolls[0]?.signal?.aborted).toBe(true);
    expect(openFeedCount(db)).toBe(0);
    // Nothing polls again after the cancel.
    await direct.put({ _id: 'after-cancel' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(longpolls).toHaveLength(1);
    await direct.destroy();
  });

  it('sends heartbeat (10 s by default, off with false) and timeout as CouchDB expects', async () => {
    const { direct, viaProxy } = open();
    await direct.info();
    const runs: [object, RegExp, RegExp | undefined][] = [
      [{}, /heartbeat=10000/, /timeout=/],
      [{ heartbeat: 2000, timeout: 30000 }, /heartbeat=2000.*timeout=30000/, undefined],
      [{ heartbeat: false, timeout: 4000 }, /timeout=4000/, /heartbeat=/],
    ];
    for (const [opts, present, absent] of runs) {
      const seen = proxy.requests.length;
      const feed = viaProxy.changes({ live: true, since: 'now', ...opts });
      await longpollStarted(proxy, seen);
      feed.cancel();
      const line = proxy.requests.slice(seen).find((r) => r.includes('feed=longpoll')) ?? '';
      expect(line).toMatch(present);
      if (absent) expect(line).not.toMatch(absent);
    }
    await direct.destroy();
  });

  it('a heartbeat longer than a timer can wait is no idle timeout, not an abort at once', async () => {
    const { direct, viaProxy } = open();
    await direct.put({ _id: 'a' });
    const seen = proxy.requests.length;
    const feed = viaProxy.changes({ live: true, heartbeat: 1e10 });
    const got = collect(feed, 2);
    await longpollStarted(proxy, seen);
    await direct.put({ _id: 'b' });
    expect(await got.done).toEqual(['a', 'b']);
    feed.cancel();
    // One long-poll answered 'a', the next one 'b': none was aborted and retried.
    expect(
      proxy.requests.slice(seen).filter((r) => r.includes('feed=longpoll')).length,
    ).toBeLessThanOrEqual(3);
    await direct.destroy();
  });

  it('reconnects after the connection drops and misses nothing', async () => {
    const { direct, viaProxy } = open();
    await direct.info();
    const seen = proxy.requests.length;
    const feed = viaProxy.changes({ live: true, since: 0 });
    const got = collect(feed, 6);
    await longpollStarted(proxy, seen);
    await direct.bulkDocs([{ _id: 'd1' }, { _id: 'd2' }]);
    while (got.ids.length < 2) await new Promise((resolve) => setTimeout(resolve, 10));
    // Writes while the feed is cut off, then a drop of its long-poll, then more writes.
    const cut = proxy.requests.length;
    await longpollStarted(proxy, cut - 1);
    proxy.dropConnections();
    await direct.bulkDocs([{ _id: 'd3' }, { _id: 'd4' }]);
    proxy.inject({ match: '_changes', dropAfterBytes: 3 });
    await direct.bulkDocs([{ _id: 'd5' }, { _id: 'd6' }]);
    expect(await got.done).toEqual(['d1', 'd2', 'd3', 'd4', 'd5', 'd6']);
    feed.cancel();
    await direct.destroy();
  });

  it('retries 5xx answers with backoff, then carries on', async () => {
    const { direct, viaProxy } = open();
    await direct.put({ _id: 'x' });
    proxy.inject({ match: '_changes', status: 503, times: 3 });
    const feed = viaProxy.changes({ live: true });
    const got = collect(feed, 2);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await direct.put({ _id: 'y' });
    expect(await got.done).toEqual(['x', 'y']);
    feed.cancel();
    expect(proxy.requests.filter((r) => r.includes('_changes')).length).toBeGreaterThanOrEqual(4);
    await direct.destroy();
  });

  it('ends with the error on a 4xx (a missing filter), as PouchDB does', async () => {
    const { direct, viaProxy } = open();
    await direct.info();
    const feed = viaProxy.changes({ live: true, filter: 'nope/nope' });
    const err = await feed.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toMatchObject({ status: 404, name: 'not_found' });
    await direct.destroy();
  });

  it('reconnects when a long-poll goes silent for longer than its heartbeat', async () => {
    const { direct, viaProxy } = open();
    await direct.info();
    proxy.inject({ match: '_changes', hang: true });
    const feed = viaProxy.changes({ live: true, heartbeat: 100 });
    const got = collect(feed, 1);
    await direct.put({ _id: 'after-hang' });
    expect(await got.done).toEqual(['after-hang']);
    feed.cancel();
    await direct.destroy();
  }, 15_000);

  it('applies a filter function client-side on a live feed', async () => {
    const { direct } = open();
    const feed = direct.changes({
      live: true,
      filter: (doc: { keep?: boolean }) => doc.keep === true,
    });
    const got = collect(feed, 2);
    await direct.bulkDocs([{ _id: 'k1', keep: true }, { _id: 'n1' }, { _id: 'k2', keep: true }]);
    expect(await got.done).toEqual(['k1', 'k2']);
    feed.cancel();
    await direct.destroy();
  });

  it('iterates with for await and stops the request when the loop ends', async () => {
    const { direct } = open();
    await direct.bulkDocs([{ _id: 'i1' }, { _id: 'i2' }]);
    const ids: string[] = [];
    for await (const change of direct.changes({ live: true })) {
      ids.push(change.id);
      if (ids.length === 2) break;
    }
    expect(ids).toEqual(['i1', 'i2']);
    await direct.destroy();
  });
});
