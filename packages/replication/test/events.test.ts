import { openFeedCount } from '@satchel/changes';
import type { AnyDoc, Satchel } from '@satchel/core';
import { describe, expect, it, vi } from 'vitest';
import { type ReplicateOptions, replicationId } from '../src/index.js';
import { memDb, S, seed, snapshot, uniqueName, waitFor } from './helpers.js';

/** `promise`, or a rejection after 2 s: a replication that never settles fails the test. */
function withTimeout<T>(promise: PromiseLike<T>): Promise<T> {
  return Promise.race([
    Promise.resolve(promise),
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error('never settled')), 2000)),
  ]);
}

function timers(): number {
  return process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
}

describe('events, promise, callback and cancel', () => {
  it('one-shot: active, change per batch (PouchDB payload), paused, complete', async () => {
    const a = memDb();
    const b = memDb();
    await seed(a, 25);
    const events: string[] = [];
    const changes: Record<string, unknown>[] = [];
    const rep = S.replicate(a, b, { batch_size: 10 });
    rep
      .on('active', () => events.push('active'))
      .on('paused', () => events.push('paused'))
      .on('change', (c) => {
        events.push('change');
        changes.push(c as unknown as Record<string, unknown>);
      })
      .on('complete', () => events.push('complete'));
    const result = await rep;
    expect(events).toEqual(['active', 'change', 'change', 'change', 'paused', 'complete']);
    expect(Object.keys(changes[0] ?? {}).sort()).toEqual(
      [
        'doc_write_failures',
        'docs',
        'docs_read',
        'docs_written',
        'errors',
        'last_seq',
        'ok',
        'start_time',
      ].sort(),
    );
    expect(changes.map((c) => (c.docs as unknown[]).length)).toEqual([10, 10, 5]);
    expect(changes.map((c) => c.docs_written)).toEqual([10, 20, 25]);
    const doc = (changes[0]?.docs as AnyDoc[] | undefined)?.[0] as AnyDoc;
    expect(doc._revisions).toEqual({ start: 1, ids: [String(doc._rev).slice(2)] });
    expect(result.last_seq).toBe(25);
    expect(rep.listenerCount('change')).toBe(0);
  });

  it('lists itself in activeTasks while running, as PouchDB does', async () => {
    const a = memDb();
    const b = memDb();
    await seed(a, 30);
    const seen: unknown[] = [];
    const rep = S.replicate(a, b, { batch_size: 10 });
    rep.on('change', () => seen.push(...S.activeTasks.list()));
    await rep;
    expect(seen[0]).toMatchObject({ name: `replication from ${a.name}`, total_items: 30 });
    expect(S.activeTasks.list().filter((t) => t.name.endsWith(a.name))).toEqual([]);
  });

  it('callback forms: Satchel.replicate(a, b, cb) and db.replicate.to(b, opts, cb)', async () => {
    const a = memDb();
    const b = memDb();
    await seed(a, 3);
    const viaStatic = await new Promise<unknown>((resolve, reject) =>
      S.replicate(a, b, (err, res) => (err ? reject(err) : resolve(res))),
    );
    expect(viaStatic).toMatchObject({ ok: true, docs_written: 3 });
    const c = memDb();
    const viaMethod = await new Promise<unknown>((resolve, reject) =>
      a.replicate.to(c, { batch_size: 1 }, (err, res) => (err ? reject(err) : resolve(res))),
    );
    expect(viaMethod).toMatchObject({ ok: true, docs_written: 3 });
    expect(a.replicate).toBe(a.replicate);
  });

  it('live: paused when caught up, active + change on a write, cancel leaves nothing behind', async () => {
    const a = memDb();
    const b = memDb();
    await seed(a, 5);
    const before = timers();
    const listeners = [a.listenerCount('destroyed'), b.listenerCount('destroyed')];
    const events: string[] = [];
    const rep = a.replicate.to(b, { live: true });
    rep.on('paused', () => events.push('paused'));
    rep.on('active', () => events.push('active'));
    rep.on('change', (c) => events.push(`change:${c.docs.length}`));
    await waitFor(() => events.includes('paused'));
    expect(events).toEqual(['active', 'change:5', 'paused']);
    await a.put({ _id: 'live-1' });
    await waitFor(() => events.length >= 6);
    expect(events.slice(3)).toEqual(['active', 'change:1', 'paused']);
    expect(openFeedCount(a)).toBe(1);
    rep.cancel();
    const result = await rep;
    expect(result.status).toBe('cancelled');
    expect(openFeedCount(a)).toBe(0);
    expect([a.listenerCount('destroyed'), b.listenerCount('destroyed')]).toEqual(listeners);
    expect(rep.listenerCount('change')).toBe(0);
    expect(timers()).toBeLessThanOrEqual(before);
    await a.put({ _id: 'after-cancel' });
    await new Promise((r) => setTimeout(r, 50));
    await expect(b.get('after-cancel')).rejects.toMatchObject({ status: 404 });
  });

  it('cancel before it starts, and destroying a side, complete as cancelled', async () => {
    const a = memDb();
    const b = memDb();
    const rep = S.replicate(a, b, { live: true });
    rep.cancel();
    // PouchDB's result shape: `last_seq` is there even though nothing was read.
    expect(await rep).toMatchObject({ status: 'cancelled', last_seq: 0 });
    const live = S.replicate(a, b, { live: true });
    await new Promise((r) => setTimeout(r, 20));
    await b.destroy();
    expect((await live).status).toBe('cancelled');
  });

  it('a throwing complete or error listener is logged; the promise still settles', async () => {
    const logged: unknown[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((...args) => logged.push(args));
    try {
      const a = memDb();
      const b = memDb();
      await seed(a, 2);
      const done = S.replicate(a, b).on('complete', () => {
        throw new Error('complete listener');
      });
      await expect(withTimeout(done)).resolves.toMatchObject({ status: 'complete' });
      expect(done.listenerCount('complete')).toBe(0);
      const failed = S.replicate(a, b, { filter: 'missing/filter' }).on('error', () => {
        throw new Error('error listener');
      });
      await expect(withTimeout(failed)).rejects.toMatchObject({ status: 404 });
      await new Promise((r) => setTimeout(r, 10));
      expect(logged.map((args) => String((args as unknown[])[0]))).toEqual([
        'Error in .on("complete", function):',
        'Error in .on("error", function):',
      ]);
    } finally {
      spy.mockRestore();
    }
  });

  it('closing the source under a live replication ends it with an error', async () => {
    const a = memDb();
    const b = memDb();
    const rep = S.replicate(a, b, { live: true });
    await new Promise((r) => setTimeout(r, 20));
    await a.close();
    await expect(rep).rejects.toThrow(/changes feed ended|database is closed/);
  });

  it('with retry, a side closed under a live replication still ends it: no endless retries', async () => {
    for (const side of ['source', 'target'] as const) {
      const a = memDb();
      const b = memDb();
      await seed(a, 2);
      let attempts = 0;
      const rep = S.replicate(a, b, { live: true, retry: true, back_off_function: () => 10 });
      rep.on('requestError', () => {
        attempts += 1;
      });
      await waitFor(async () => (await b.info()).doc_count === 2);
      await (side === 'source' ? a : b).close();
      if (side === 'target') await a.put({ _id: 'after-close' });
      await expect(withTimeout(rep)).rejects.toThrow(/closed/);
      expect(attempts).toBe(0);
    }
  });

  it('constructors made with defaults have replicate/sync and open names with their defaults', async () => {
    const Mem = S.defaults({ adapter: 'memory' }) as typeof S;
    const a = new Mem(uniqueName('dflt'));
    await seed(a, 4);
    const name = uniqueName('dflt-target');
    const res = await Mem.replicate(a, name);
    expect(res.docs_written).toBe(4);
    const b = new Mem(name);
    expect(b.adapter).toBe('memory');
    expect((await b.info()).doc_count).toBe(4);
    expect((await Mem.sync(a, b)).push.status).toBe('complete');
  });

  it('live sync: change events carry direction; paused when both sides are idle', async () => {
    const a = memDb();
    const b = memDb();
    const seen: string[] = [];
    let paused = 0;
    const sync = S.sync(a, b, { live: true })
      .on('change', (e) => seen.push(`${e.direction}:${e.change.docs.map((d) => d._id).join()}`))
      .on('paused', () => {
        paused += 1;
      });
    await a.put({ _id: 'x' });
    await waitFor(() => seen.includes('push:x'));
    await b.put({ _id: 'y' });
    await waitFor(() => seen.includes('pull:y'));
    await waitFor(() => paused > 0);
    sync.cancel();
    const res = await sync;
    expect(res.push.status).toBe('cancelled');
    expect(res.pull.status).toBe('cancelled');
    expect(await snapshot(a)).toEqual(await snapshot(b));
  });
});

describe('options', () => {
  async function ids(db: Satchel): Promise<string[]> {
    return (await db.allDocs()).rows.map((r) => r.id);
  }

  it('filter function with query_params, design-doc filter, doc_ids, selector, view', async () => {
    const a = memDb();
    await a.bulkDocs([
      { _id: 'a', type: 'x', n: 1 },
      { _id: 'b', type: 'y', n: 2 },
      { _id: 'c', type: 'x', n: 3 },
      {
        _id: '_design/app',
        filters: { typed: 'function (doc, req) { return doc.type === req.query.type; }' },
        views: { big: { map: 'function (doc) { if (doc.n > 1) emit(doc.n); }' } },
      },
    ]);
    const cases: [ReplicateOptions, string[]][] = [
      [
        {
          filter: (doc: AnyDoc, req: { query?: Record<string, unknown> }) =>
            doc.type === req.query?.t,
          query_params: { t: 'y' },
        },
        ['b'],
      ],
      [{ filter: 'app/typed', query_params: { type: 'x' } }, ['a', 'c']],
      [{ doc_ids: ['c', 'a', 'zz'] }, ['a', 'c']],
      [{ selector: { n: { $gte: 2 } } }, ['b', 'c']],
      [{ filter: '_view', view: 'app/big' }, ['b', 'c']],
    ];
    for (const [opts, expected] of cases) {
      const b = memDb();
      const res = await S.replicate(a, b, opts);
      expect(res.ok).toBe(true);
      expect(await ids(b)).toEqual(expected);
    }
  });

  it('a filter function that throws stops the replication instead of letting the doc through', async () => {
    const a = memDb();
    await a.bulkDocs([
      { _id: 'public', open: true },
      { _id: 'private', owner: 'alice' },
    ]);
    // A guard with a bug: it throws on the documents it exists to keep back.
    const filter = (doc: AnyDoc) =>
      (doc as { open?: boolean }).open ?? (doc.tags as string[]).length === 0;
    const failure = {
      status: 400,
      name: 'bad_request',
      reason: expect.stringMatching(/^Filter function threw: TypeError: /),
    };
    const b = memDb();
    await expect(S.replicate(a, b, { filter })).rejects.toMatchObject(failure);
    expect(await ids(b)).not.toContain('private');
    // Live, a change made later arrives as an event of the source's feed: the same error, and
    // no uncaught exception.
    const later = memDb();
    await later.put({ _id: 'public', open: true });
    const c = memDb();
    const live = S.replicate(later, c, { live: true, filter });
    const errors: unknown[] = [];
    live.on('error', (err) => errors.push(err));
    await new Promise<void>((resolve) => live.once('paused', () => resolve()));
    expect(await ids(c)).toEqual(['public']);
    await later.put({ _id: 'private', owner: 'alice' });
    await expect(live).rejects.toMatchObject(failure);
    expect(errors).toHaveLength(1);
    expect(await ids(c)).toEqual(['public']);
  });

  it('since skips earlier changes; checkpoint false/source/target choose the sides', async () => {
    const a = memDb();
    await seed(a, 10);
    const b = memDb();
    await S.replicate(a, b, { since: 7 });
    expect(await ids(b)).toEqual(['doc-00007', 'doc-00008', 'doc-00009']);
    const id = await replicationId(a, b, {});
    expect((await b.get(id)) as { last_seq: number }).toMatchObject({ last_seq: 10 });

    for (const checkpoint of [false, 'source', 'target'] as const) {
      const src = memDb();
      const tgt = memDb();
      await seed(src, 2);
      await S.replicate(src, tgt, { checkpoint });
      const repId = await replicationId(src, tgt, { checkpoint });
      const has = async (db: Satchel) =>
        db.get(repId).then(
          () => true,
          () => false,
        );
      expect([await has(src), await has(tgt)]).toEqual([
        checkpoint === 'source',
        checkpoint === 'target',
      ]);
      // A second run resumes from the checkpoint it kept, or reads everything again without.
      const again = await S.replicate(src, tgt, { checkpoint });
      expect(again.docs_read).toBe(0);
      expect(again.last_seq).toBe(2);
    }
  });

  it("style 'main_only' replicates winners only; 'all_docs' every leaf", async () => {
    const a = memDb();
    await a.bulkDocs(
      [
        { _id: 'd', _rev: '1-a', v: 1 },
        { _id: 'd', _rev: '1-b', v: 2 },
      ],
      { new_edits: false },
    );
    const main = memDb();
    await S.replicate(a, main, { style: 'main_only' });
    const all = memDb();
    await S.replicate(a, all);
    expect(((await main.get('d', { conflicts: true })) as AnyDoc)._conflicts).toBeUndefined();
    expect(((await all.get('d', { conflicts: true })) as AnyDoc)._conflicts).toEqual(['1-a']);
  });

  it('malformed options throw clear bad_request errors, synchronously', () => {
    const a = memDb();
    const b = memDb();
    const bad: Record<string, unknown>[] = [
      { doc_ids: 'a' },
      { doc_ids: [1] },
      { batch_size: -1 },
      { batches_limit: 1.5 },
      { checkpoint: 'sometimes' },
      { filter: 42 },
      { filter: '_view' },
      // Not `selector: 'x'`: the source refuses that one, with its own reason (see
      // presets/node pouchdb-parity, 'replication with a selector that is not an object').
      { style: 'weird' },
      { back_off_function: 3 },
      { since: {} },
    ];
    for (const opts of bad) {
      expect(() => S.replicate(a, b, opts as ReplicateOptions)).toThrow(
        expect.objectContaining({ status: 400 }),
      );
    }
    expect(() => S.replicate(a, 42 as unknown as string)).toThrow(/target must be a database/);
  });

  it('null options mean not given, as in pouchdb@9', async () => {
    const a = memDb();
    await seed(a, 3);
    const nulls = [
      'since',
      'doc_ids',
      'filter',
      'query_params',
      'style',
      'checkpoint',
      'back_off_function',
      'selector',
      'batch_size',
    ];
    const b = memDb();
    const opts = Object.fromEntries(nulls.map((k) => [k, null])) as unknown as ReplicateOptions;
    const res = await S.replicate(a, b, opts);
    expect(res).toMatchObject({ status: 'complete', docs_written: 3 });
    const sync = await a.sync(memDb(), opts);
    expect(sync.push.docs_written).toBe(3);
  });

  it('deeply nested documents replicate or fail with a clear error, never a crash', async () => {
    const a = memDb();
    const b = memDb();
    let deep: Record<string, unknown> = { leaf: true };
    for (let i = 0; i < 5000; i++) deep = { d: deep };
    await a.put({ _id: 'deep', deep });
    const outcome = await S.replicate(a, b).then(
      (r) => r.docs_written,
      (e: unknown) => e,
    );
    if (typeof outcome === 'number') expect(outcome).toBe(1);
    else expect(outcome).toMatchObject({ result: { ok: false } });
  });
});

describe('denied writes and errors', () => {
  /** Wraps `db.bulkDocs` as a validation plugin would: refuses docs with `secret`. */
  function refuseSecrets(db: Satchel): void {
    const original = db.bulkDocs;
    db.bulkDocs = (async (req: { docs: AnyDoc[] }, opts?: object) => {
      const allowed = req.docs.filter((d) => !d.secret);
      const rows = (await original({ ...req, docs: allowed }, opts as never)) as unknown[];
      const denied = req.docs
        .filter((d) => d.secret)
        .map((d) => ({ id: d._id, error: true, name: 'forbidden', status: 403, message: 'no' }));
      return [...rows, ...denied];
    }) as typeof db.bulkDocs;
  }

  it('refused documents are `denied` events and failures; the rest is written', async () => {
    const a = memDb();
    const b = memDb();
    refuseSecrets(b);
    await a.bulkDocs([{ _id: 'ok1' }, { _id: 'no', secret: 1 }, { _id: 'ok2' }]);
    const denied: unknown[] = [];
    const res = await S.replicate(a, b).on('denied', (e) => denied.push(e));
    expect(denied).toEqual([expect.objectContaining({ id: 'no', name: 'forbidden' })]);
    expect(res).toMatchObject({ ok: true, docs_written: 2, doc_write_failures: 1 });
    expect(res.errors).toHaveLength(1);
    expect((await b.allDocs()).rows.map((r) => r.id)).toEqual(['ok1', 'ok2']);
  });

  it('an error without retry: `error` event, rejection with the result attached', async () => {
    const a = memDb();
    const b = memDb();
    await seed(a, 3);
    b.revsDiff = (async () => {
      throw Object.assign(new Error('boom'), { status: 500, name: 'unknown_error' });
    }) as typeof b.revsDiff;
    const errors: unknown[] = [];
    const err = await S.replicate(a, b)
      .on('error', (e) => errors.push(e))
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(err).toMatchObject({ message: 'boom', result: { ok: false, status: 'aborting' } });
    expect(errors).toEqual([err]);
  });

  it('retry: paused(err), back_off_function(0) then growing while nothing moves', async () => {
    const a = memDb();
    const b = memDb();
    await seed(a, 30);
    const original = a.changes;
    let failures = 3;
    a.changes = ((opts: object) => {
      // A design-doc filter that does not exist: the read fails with a 404.
      if (failures-- > 0) return original.call(a, { ...opts, filter: 'no/such' } as never);
      return original.call(a, opts as never);
    }) as typeof a.changes;
    const delays: number[] = [];
    const events: string[] = [];
    const rep = S.replicate(a, b, {
      retry: true,
      batch_size: 10,
      back_off_function: (d: number) => {
        delays.push(d);
        return d === 0 ? 5 : d * 2;
      },
    });
    rep.on('paused', (e) => events.push(e ? 'paused(err)' : 'paused'));
    rep.on('active', () => events.push('active'));
    rep.on('requestError', () => events.push('requestError'));
    const res = await rep;
    expect(delays).toEqual([0, 5, 10]);
    expect(events).toEqual([
      'requestError',
      'paused(err)',
      'requestError',
      'requestError',
      'active',
      'paused',
    ]);
    expect(res.status).toBe('complete');
    expect(await snapshot(b)).toEqual(await snapshot(a));
  });

  it('back_off_function may cancel: the sync completes, listeners do not pile up (PouchDB #5402)', async () => {
    const a = memDb();
    const b = memDb();
    b.info = (async () => {
      throw Object.assign(new Error('flunking you'), { status: 500, name: 'unknown_error' });
    }) as typeof b.info;
    let calls = 0;
    let mostListeners = 0;
    const sync = a.sync(b, {
      live: true,
      retry: true,
      back_off_function: () => {
        calls++;
        mostListeners = Math.max(mostListeners, sync.pull.listeners('active').length);
        if (calls > 15) sync.cancel();
        return 1;
      },
    });
    await new Promise<void>((resolve) => sync.on('complete', () => resolve()));
    expect(calls).toBeGreaterThan(15);
    expect(mostListeners).toBeLessThanOrEqual(1);
  });

  /** A source whose `info` always fails: every attempt fails at once. */
  function unreachable(): Satchel {
    const b = memDb();
    b.info = (async () => {
      throw Object.assign(new Error('down'), { status: 500, name: 'unknown_error' });
    }) as typeof b.info;
    return b;
  }

  it('a back_off_function that throws ends the replication with its error, never a hang', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown) => unhandled.push(e);
    process.on('unhandledRejection', onUnhandled);
    const rep = S.replicate(unreachable(), memDb(), {
      live: true,
      retry: true,
      back_off_function: () => {
        throw new Error('no more retries');
      },
    });
    const errors: unknown[] = [];
    rep.on('error', (e) => errors.push(e));
    const err = await rep.then(
      () => undefined,
      (e: unknown) => e,
    );
    await new Promise((r) => setTimeout(r, 20));
    process.off('unhandledRejection', onUnhandled);
    expect(err).toMatchObject({ message: 'no more retries', result: { ok: false } });
    expect(errors).toEqual([err]);
    expect(unhandled).toEqual([]);
  });

  it('back_off_function delays past a timer (Infinity) wait, not a 1 ms loop; NaN retries at once', async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.name);
    process.on('warning', onWarning);
    let calls = 0;
    const rep = S.replicate(unreachable(), memDb(), {
      retry: true,
      back_off_function: () => {
        calls++;
        return Number.POSITIVE_INFINITY;
      },
    });
    await new Promise((r) => setTimeout(r, 200));
    rep.cancel();
    expect((await rep).status).toBe('cancelled');
    expect(calls).toBe(1);
    let nanCalls = 0;
    const again = S.replicate(unreachable(), memDb(), {
      retry: true,
      back_off_function: () => {
        if (++nanCalls > 3) again.cancel();
        return Number.NaN;
      },
    });
    expect((await again).status).toBe('cancelled');
    await new Promise((r) => setImmediate(r));
    process.off('warning', onWarning);
    expect(warnings).not.toContain('TimeoutOverflowWarning');
  });

  it('retry after failed writes: back-off restarts once active again, nothing lost', async () => {
    const a = memDb();
    const b = memDb();
    await seed(a, 30);
    const original = b.bulkDocs;
    let failures = 2;
    b.bulkDocs = (async (...args: Parameters<typeof original>) => {
      if (failures-- > 0) throw Object.assign(new Error('flaky'), { status: 500 });
      return original(...args);
    }) as typeof b.bulkDocs;
    const delays: number[] = [];
    const res = await S.replicate(a, b, {
      retry: true,
      batch_size: 10,
      back_off_function: (d: number) => {
        delays.push(d);
        return d + 1;
      },
    });
    // Each attempt got as far as a batch (`active`), which resets the delay, as in PouchDB.
    expect(delays).toEqual([0, 0]);
    expect(res.status).toBe('complete');
    expect(await snapshot(b)).toEqual(await snapshot(a));
  });

  it('sync: one direction failing cancels the other, rejects and emits error', async () => {
    const a = memDb();
    const b = memDb();
    await seed(a, 5);
    b.revsDiff = (async () => {
      throw Object.assign(new Error('push broke'), { status: 500 });
    }) as typeof b.revsDiff;
    const errors: unknown[] = [];
    const sync = S.sync(a, b, { live: true });
    sync.on('error', (e) => errors.push(e));
    await expect(sync).rejects.toThrow('push broke');
    expect(errors).toHaveLength(1);
    expect(sync.pull.cancelled).toBe(true);
    expect((await sync.pull).status).toBe('cancelled');
  });
});

describe('batches_limit bounds how far reading runs ahead of writing', () => {
  it('never more than batches_limit batches wait behind the one being written', async () => {
    const a = memDb();
    const b = memDb();
    await seed(a, 120);
    let pagesRead = 0;
    let batchesDone = 0;
    let maxAhead = 0;
    const changes = a.changes;
    a.changes = ((opts: object) => {
      const feed = changes.call(a, opts as never);
      feed.then(() => {
        pagesRead += 1;
        maxAhead = Math.max(maxAhead, pagesRead - batchesDone);
      });
      return feed;
    }) as typeof a.changes;
    const bulkDocs = b.bulkDocs;
    b.bulkDocs = (async (...args: Parameters<typeof bulkDocs>) => {
      await new Promise((r) => setTimeout(r, 5));
      const rows = await bulkDocs(...args);
      if ((args[0] as { new_edits?: boolean }).new_edits === false) batchesDone += 1;
      return rows;
    }) as typeof b.bulkDocs;
    await S.replicate(a, b, { batch_size: 5, batches_limit: 2 });
    expect(batchesDone).toBe(24);
    // Two waiting, one being written, one page in flight.
    expect(maxAhead).toBeLessThanOrEqual(4);
    expect(await snapshot(b)).toEqual(await snapshot(a));
  });
});
