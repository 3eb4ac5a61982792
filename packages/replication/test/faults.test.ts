import type { AnyDoc } from '@satchel/core';
import {
  type CouchServer,
  type FaultProxy,
  startCouchServer,
  startFaultProxy,
} from '@satchel/servers';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ReplicationChange } from '../src/index.js';
import { memDb, S, seed, snapshot, uniqueName, waitFor } from './helpers.js';
import { startGate } from './restartable-gate.js';

let server: CouchServer;
let proxy: FaultProxy;

beforeAll(async () => {
  server = await startCouchServer();
  proxy = await startFaultProxy({ target: server.url });
});

afterEach(() => proxy.clear());

afterAll(async () => {
  await proxy.stop();
  await server.stop();
});

/** The same remote database, reached through the proxy and directly. */
function remotePair(): { viaProxy: InstanceType<typeof S>; direct: InstanceType<typeof S> } {
  const name = uniqueName('faulty');
  return { viaProxy: new S(`${proxy.url}/${name}`), direct: new S(`${server.url}/${name}`) };
}

/** Fast retries, so fault tests take milliseconds per retry. */
const retry = { retry: true, back_off_function: () => 20 };

/** Records every written `id@rev` from `change` events, to prove nothing was written twice. */
function recordWrites(rep: { on(e: 'change', l: (c: ReplicationChange) => void): unknown }) {
  const writes: string[] = [];
  rep.on('change', (c) => {
    for (const doc of c.docs) writes.push(`${doc._id}@${doc._rev}`);
  });
  return writes;
}

describe('faults between Satchel and the server (fault-injecting proxy)', () => {
  it('push with dropped _bulk_docs answers, 500s on _revs_diff and a cut _bulk_get: converges', async () => {
    const local = memDb();
    const { viaProxy, direct } = remotePair();
    await seed(local, 120);
    await direct.info();
    proxy.inject({ match: '_bulk_docs', dropAfterBytes: 0, times: 2 });
    proxy.inject({ match: '_revs_diff', status: 500, times: 3 });
    const requestErrors: unknown[] = [];
    const rep = local.replicate.to(viaProxy, { ...retry, batch_size: 15 });
    rep.on('requestError', (e) => requestErrors.push(e));
    const writes = recordWrites(rep);
    const result = await rep;
    expect(result.status).toBe('complete');
    expect(requestErrors.length).toBeGreaterThanOrEqual(5);
    expect(new Set(writes).size).toBe(writes.length);
    expect(await snapshot(direct)).toEqual(await snapshot(local));
    await Promise.all([local.destroy(), direct.destroy()]);
  });

  it('pull with truncated _changes, dropped _bulk_get and 503s: converges, attachments intact', async () => {
    const { viaProxy, direct } = remotePair();
    await seed(direct, 100);
    const local = memDb();
    proxy.inject({ match: '_changes', truncateAfterBytes: 40, times: 2 });
    proxy.inject({ match: '_bulk_get', dropAfterBytes: 200, times: 2 });
    proxy.inject({ match: /GET \/[^/]+\/_local/, status: 503, times: 1 });
    const rep = local.replicate.from(viaProxy, { ...retry, batch_size: 25 });
    const writes = recordWrites(rep);
    const result = await rep;
    expect(result.status).toBe('complete');
    expect(new Set(writes).size).toBe(writes.length);
    expect(await snapshot(local)).toEqual(await snapshot(direct));
    expect(String(await local.getAttachment('doc-00090', 'a.txt'))).toBe('att doc 90');
    await Promise.all([local.destroy(), direct.destroy()]);
  });

  it('a one-shot replication that fails resumes from its last checkpoint', async () => {
    const local = memDb();
    const { viaProxy, direct } = remotePair();
    await seed(local, 100);
    await direct.info();
    // Let three batches through, then fail the fourth batch's write for good (no retry).
    let batches = 0;
    const original = viaProxy.bulkDocs;
    viaProxy.bulkDocs = ((...args: Parameters<typeof original>) => {
      const req = args[0] as { new_edits?: boolean };
      if (req.new_edits === false && ++batches === 4)
        proxy.inject({ match: '_bulk_docs', status: 500 });
      return original(...args);
    }) as typeof viaProxy.bulkDocs;
    const failed = await local.replicate.to(viaProxy, { batch_size: 10 }).then(
      () => undefined,
      (e: unknown) => e as { result?: { docs_written: number; ok: boolean } },
    );
    expect(failed?.result).toMatchObject({ ok: false, docs_written: 30 });
    proxy.clear();
    viaProxy.bulkDocs = original;
    const resumed = await local.replicate.to(viaProxy, { batch_size: 10 });
    expect(resumed).toMatchObject({ status: 'complete', docs_read: 70, docs_written: 70 });
    expect(await snapshot(direct)).toEqual(await snapshot(local));
    await Promise.all([local.destroy(), direct.destroy()]);
  });

  it('live sync survives a server outage (connections dropped, 503 while down)', async () => {
    const local = memDb();
    const { viaProxy, direct } = remotePair();
    await direct.info();
    const sync = local.sync(viaProxy, { live: true, ...retry });
    const errors: unknown[] = [];
    sync.on('error', (e) => errors.push(e));
    for (let i = 0; i < 30; i++) await local.put({ _id: `before-${i}` });
    await direct.put({ _id: 'remote-before' });
    await waitFor(async () => (await direct.info()).doc_count === 31);
    // The "restart": every connection dropped, the server unreachable for a while.
    proxy.inject({ status: 503, times: Number.POSITIVE_INFINITY });
    proxy.dropConnections();
    for (let i = 0; i < 30; i++) await local.put({ _id: `during-${i}` });
    await direct.put({ _id: 'remote-during' });
    await new Promise((r) => setTimeout(r, 300));
    proxy.clear();
    await waitFor(async () => {
      const [a, b] = await Promise.all([local.info(), direct.info()]);
      return a.doc_count === 62 && b.doc_count === 62;
    }, 30_000);
    sync.cancel();
    await sync;
    expect(errors).toEqual([]);
    expect(await snapshot(direct)).toEqual(await snapshot(local));
    const doc = (await local.get('remote-during')) as AnyDoc;
    expect(doc._id).toBe('remote-during');
    await Promise.all([local.destroy(), direct.destroy()]);
  });

  it('the server going down and restarting at the same address mid-replication: converges', async () => {
    const gate = await startGate(server.url);
    const name = uniqueName('restart');
    const local = memDb();
    const direct = new S(`${server.url}/${name}`);
    await direct.info();
    await seed(local, 150);
    const rep = local.replicate.to(`${gate.url}/${name}`, { ...retry, batch_size: 10 });
    const writes = recordWrites(rep);
    let retried = 0;
    rep.on('requestError', () => {
      retried += 1;
    });
    let restarted = false;
    rep.on('change', () => {
      if (restarted || writes.length < 30) return;
      restarted = true;
      void gate.down().then(() => setTimeout(() => void gate.up(), 200));
    });
    const result = await rep;
    expect(restarted).toBe(true);
    expect(retried).toBeGreaterThan(0);
    expect(result.status).toBe('complete');
    expect(new Set(writes).size).toBe(writes.length);
    expect(await snapshot(direct)).toEqual(await snapshot(local));
    await gate.stop();
    await Promise.all([local.destroy(), direct.destroy()]);
  });
});

describe('cancel() against a server that never answers', () => {
  for (const match of ['_bulk_docs', '_revs_diff', '/_local/', 'GET /faulty']) {
    it(`ends the replication while a ${match} request hangs, and lists no task after`, async () => {
      const local = memDb();
      const { viaProxy, direct } = remotePair();
      await direct.info();
      await seed(local, 5);
      proxy.inject({ match, hang: true, times: Number.POSITIVE_INFINITY });
      const push = local.replicate.to(viaProxy, { live: true, retry: true });
      const pull = local.replicate.from(viaProxy);
      await waitFor(() => proxy.requests.some((r) => r.includes(match)));
      await new Promise((r) => setTimeout(r, 50));
      push.cancel();
      pull.cancel();
      const results = await Promise.race([
        Promise.all([push, pull]),
        new Promise((_, reject) => setTimeout(() => reject(new Error('cancel hung')), 5000)),
      ]);
      expect((results as { status: string }[]).map((r) => r.status)).toEqual([
        'cancelled',
        expect.stringMatching(/cancelled|complete/),
      ]);
      expect(S.activeTasks.list()).toEqual([]);
      proxy.dropConnections();
      await Promise.all([local.destroy(), direct.destroy()]);
    });
  }
});

describe('a source whose _changes rows have no seq', () => {
  it('fails with a clear error instead of reading the same page forever', async () => {
    const { viaProxy, direct } = remotePair();
    await direct.put({ _id: 'a' });
    const rev = ((await direct.get('a')) as AnyDoc)._rev;
    const page = { results: [{ id: 'a', changes: [{ rev }] }], last_seq: 1 };
    proxy.inject({ match: '_changes', body: JSON.stringify(page), times: 1000 });
    const local = memDb();
    const before = proxy.requests.length;
    const err = await local.replicate.from(viaProxy).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toMatchObject({ status: 500, name: 'unknown_error' });
    expect(String((err as { reason?: string }).reason)).toMatch(/does not move past since=0/);
    expect(proxy.requests.slice(before).filter((r) => r.includes('_changes'))).toHaveLength(1);
    await Promise.all([local.destroy(), direct.destroy()]);
  });
});
