import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CouchServer, startCouchServer, startSatchelServer } from '@satchel/servers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Satchel from '../src/index.js';
import { PouchDB, pouchOptions } from './pouchdb-oracle.js';

// Behaviours PouchDB 9 has that its own suites check, each pinned here in our words.

let server: CouchServer;
let dir: string;
let counter = 0;
beforeAll(async () => {
  server = await startCouchServer();
  dir = mkdtempSync(join(tmpdir(), 'satchel-parity-'));
});
afterAll(async () => {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** A fresh database of each kind: leveldb on disk, memory, and http on the test server. */
const kinds = {
  leveldb: () => new Satchel(join(dir, `db${++counter}`)),
  memory: () => new Satchel(`parity-${++counter}`, { adapter: 'memory' }),
  http: () => new Satchel(`${server.url}/parity-${++counter}`),
};

describe.each(Object.entries(kinds))('%s', (kind, open) => {
  it('remove(id) without a rev answers 404 not_found, as pouchdb@9', async () => {
    const db = open();
    await db.put({ _id: 'here' });
    await expect(db.remove('here')).rejects.toMatchObject({
      status: 404,
      name: 'not_found',
      reason: 'deleted',
    });
    expect((await db.get('here'))._id).toBe('here');
    await db.destroy();
  });

  it('put and remove of a _local document ignore force and new_edits locally, as pouchdb@9', async () => {
    const db = open();
    const first = await db.put({ _id: '_local/cfg', v: 1 });
    const forcing = db.put({ _id: '_local/cfg', _rev: first.rev, v: 2 }, { force: true });
    if (kind === 'http') {
      // Over http pouchdb@9 sends the forced edit to the server as a replicated one, and
      // CouchDB answers a conflict for a `_local` document.
      await expect(forcing).rejects.toMatchObject({ status: 409 });
      await db.destroy();
      return;
    }
    const forced = await forcing;
    expect(forced).toMatchObject({ ok: true, id: '_local/cfg', rev: '0-2' });
    const replicated = await db.put(
      { _id: '_local/cfg', _rev: forced.rev, v: 3 },
      { new_edits: false },
    );
    expect(replicated).toMatchObject({ ok: true, id: '_local/cfg', rev: '0-3' });
    expect(await db.get('_local/cfg')).toEqual({ _id: '_local/cfg', _rev: '0-3', v: 3 });
    const removed = await db.remove({ _id: '_local/cfg', _rev: '0-3' }, { new_edits: false });
    expect(removed).toMatchObject({ ok: true, id: '_local/cfg' });
    await expect(db.get('_local/cfg')).rejects.toMatchObject({ status: 404 });
    await db.destroy();
  });

  it('remove() of a document without _id fails and stores nothing', async () => {
    const db = open();
    await expect(db.remove({ test: 'ing' } as { _id?: string })).rejects.toMatchObject({
      status: 404,
    });
    expect((await db.allDocs()).total_rows).toBe(0);
    expect((await db.changes()).results).toEqual([]);
    await db.destroy();
  });

  it('a conflicting put or post is a 409 conflict naming the document', async () => {
    const db = open();
    await db.put({ _id: 'c' });
    await expect(db.put({ _id: 'c' })).rejects.toMatchObject({
      status: 409,
      name: 'conflict',
      docId: 'c',
    });
    await expect(db.post({ _id: 'c' })).rejects.toMatchObject({ status: 409, docId: 'c' });
    const [row] = await db.bulkDocs([{ _id: 'c' }]);
    expect(row).toMatchObject({ status: 409, name: 'conflict', id: 'c' });
    expect((row as { error?: unknown }).error).toBeTruthy();
    await db.destroy();
  });

  it('a call made before the database opened goes through a plugin that replaced put', async () => {
    const db = open();
    const own = db.put;
    const seen: unknown[][] = [];
    db.put = function (this: typeof db, ...args: unknown[]) {
      seen.push(args);
      return (own as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof db.put;
    await db.put({ _id: 'early', v: 1 });
    // Once with the caller's arguments, once re-issued with a callback, as PouchDB does.
    expect(seen.some((args) => typeof args.at(-1) === 'function')).toBe(true);
    expect(await db.get('early')).toMatchObject({ v: 1 });
    const before = seen.length;
    await db.put({ _id: 'late' });
    expect(seen.length).toBe(before + 1);
    await db.destroy();
  });

  // Local storage only: over http the server decides (pouchdb's drops falsy keys).
  it.runIf(kind !== 'http')('allDocs with a null key answers a not_found row for it', async () => {
    const db = open();
    await db.put({ _id: 'a' });
    const res = await db.allDocs({ keys: [null as unknown as string, 'a'] });
    expect(res.rows[0]).toEqual({ key: null, error: 'not_found' });
    expect(res.rows[1]).toMatchObject({ id: 'a', key: 'a' });
    await db.destroy();
  });

  it('put stores the document as it was when called, not as changed right after', async () => {
    const db = open();
    const b64 = (text: string) => Buffer.from(text).toString('base64');
    const doc = {
      _id: 'x',
      _attachments: {
        'a.txt': { content_type: 'text/plain', data: b64('AAA') },
        'b.txt': { content_type: 'text/plain', data: b64('BBB') },
        'z.txt': { content_type: 'text/plain', data: b64('ZZZ') },
      },
    };
    const written = db.put(doc);
    doc._attachments['b.txt'].data = b64('ZZZ');
    await written;
    const stored = await db.get('x', { attachments: true });
    const atts = stored._attachments as Record<string, { data: string; digest: string }>;
    expect(atts['b.txt']?.data).toBe(b64('BBB'));
    expect(new Set(Object.values(atts).map((a) => a.digest)).size).toBe(3);
    await db.destroy();
  });

  it('documents named after Object.prototype members replicate', async () => {
    const db = open();
    const target = new Satchel(`reserved-target-${++counter}`, { adapter: 'memory' });
    const ids = ['constructor', 'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf'];
    await db.bulkDocs(ids.map((_id) => ({ _id, v: 1 })));
    const result = await db.replicate.to(target);
    expect(result.docs_written).toBe(ids.length);
    const rows = (await target.allDocs()).rows.map((r) => r.id);
    expect(rows.sort()).toEqual([...ids].sort());
    await db.destroy();
    await target.destroy();
  });
});

describe('databases that cannot be reached', () => {
  it('an unusable URL rejects with invalid_url instead of throwing', async () => {
    const bad = new Satchel('http:///');
    await expect(bad.info()).rejects.toMatchObject({ status: 413, name: 'invalid_url' });
  });

  it('replicating to an unusable URL rejects and emits error, never throws', async () => {
    const db = new Satchel(`invalid-target-${++counter}`, { adapter: 'memory' });
    await db.put({ _id: 'a' });
    const errors: unknown[] = [];
    const rep = db.replicate.to('http:///', {});
    rep.on('error', (err) => errors.push(err));
    await expect(rep).rejects.toMatchObject({ name: 'invalid_url' });
    expect(errors).toHaveLength(1);
    await db.destroy();
  });
});

describe('replication', () => {
  it('accepts an object that only behaves like a database as its source', async () => {
    const target = new Satchel(`like-target-${++counter}`, { adapter: 'memory' });
    const reads: string[] = [];
    const lookalike = {
      id: async () => 'lookalike',
      info: async () => ({ db_name: 'lookalike', update_seq: 0 }),
      get: async (id: string) => {
        reads.push(id);
        throw Object.assign(new Error('missing'), { status: 404 });
      },
      put: async () => ({ ok: true }),
      changes: () => Object.assign(Promise.resolve({ results: [], last_seq: 0 }), { on() {} }),
    };
    const result = await Satchel.replicate(lookalike as never, target);
    expect(result.ok).toBe(true);
    expect(reads.some((id) => id.startsWith('_local/'))).toBe(true);
    await target.destroy();
  });

  it('emits checkpoint progress events in the order pouchdb@9 does', async () => {
    const source = new Satchel(`events-src-${++counter}`, { adapter: 'memory' });
    const target = new Satchel(`events-tgt-${++counter}`, { adapter: 'memory' });
    await source.bulkDocs([{ _id: '0' }, { _id: '1' }, { _id: '2' }]);
    const events: Record<string, unknown>[] = [];
    const rep = Satchel.replicate(source, target);
    rep.on('checkpoint', (event: Record<string, unknown>) => events.push(event));
    await rep;
    expect(events.map((e) => Object.keys(e)[0])).toEqual([
      'pending_batch',
      'pending_batch',
      'pending_batch',
      'start_next_batch',
      'revs_diff',
      'revs_diff',
      'revs_diff',
      'checkpoint',
    ]);
    expect(events.slice(0, 3).map((e) => e.pending_batch)).toEqual([1, 2, 3]);
    expect(events[3]).toEqual({ start_next_batch: 3 });
    expect(events.slice(4, 7).map((e) => (e.revs_diff as { id: string }).id)).toEqual([
      '0',
      '1',
      '2',
    ]);
    expect(events[7]).toEqual({ checkpoint: 3 });
    await source.destroy();
    await target.destroy();
  });

  it('passes heartbeat and timeout on to the source changes requests', async () => {
    const urls: string[] = [];
    const remote = new Satchel(`${server.url}/heartbeat-${++counter}`, {
      fetch: (url: string | URL | Request, init?: RequestInit) => {
        urls.push(String(url));
        return fetch(url, init);
      },
    });
    await remote.put({ _id: 'a' });
    const local = new Satchel(`heartbeat-local-${++counter}`, { adapter: 'memory' });
    await local.replicate.from(remote, { heartbeat: 1234, timeout: 20000 });
    const changes = urls.filter((u) => u.includes('/_changes'));
    expect(changes.length).toBeGreaterThan(0);
    for (const url of changes) {
      expect(url).toContain('heartbeat=1234');
      expect(url).toContain('timeout=20000');
    }
    await remote.destroy();
    await local.destroy();
  });
});

describe('closing', () => {
  it('a handle closed before it finished opening is unref’d on its constructor', async () => {
    const unrefs: unknown[] = [];
    const onUnref = (db: unknown) => unrefs.push(db);
    Satchel.on('unref', onUnref);
    try {
      const db = new Satchel(join(dir, `closed-early-${++counter}`));
      await db.close();
      expect(unrefs).toEqual([db]);
    } finally {
      Satchel.removeListener('unref', onUnref);
    }
  });
});

describe('activeTasks', () => {
  it('keeps its tasks in a plain, replaceable `tasks` object', () => {
    const tasks = Satchel.activeTasks;
    const saved = tasks.tasks;
    try {
      tasks.tasks = {};
      const id = tasks.add({ name: 'job', total_items: 3 });
      expect(Object.keys(tasks.tasks)).toEqual([id]);
      tasks.update(id, { completed_items: 2 });
      expect(tasks.get(id)).toMatchObject({ id, name: 'job', completed_items: 2 });
      expect(tasks.list()).toHaveLength(1);
      tasks.remove(id);
      expect(tasks.tasks).toEqual({});
      expect(tasks.get('toString')).toBeUndefined();
    } finally {
      tasks.tasks = saved;
    }
  });
});

/** What a replication from `source` with `selector: 'foo'` rejects with: its status, name and reason. */
async function refusedSelector(
  replicate: (opts: { selector: Record<string, unknown> }) => PromiseLike<unknown>,
): Promise<unknown> {
  const err = await Promise.resolve(
    replicate({ selector: 'foo' as unknown as Record<string, unknown> }),
  ).then(
    () => undefined,
    (e: unknown) => e,
  );
  const { status, name, reason } = (err ?? {}) as Record<string, unknown>;
  return { status, name, reason };
}

describe('replication with a selector that is not an object', () => {
  // The source decides how to refuse it, as pouchdb@9 and CouchDB let it: Satchel puts no
  // wording of its own in front of the source's answer.
  it('fails with the same error as pouchdb@9, from a local source and over http', async () => {
    for (const [kind, open] of Object.entries(kinds)) {
      const source = open();
      await source.bulkDocs([{ _id: '3' }, { _id: '4' }]);
      const target = new Satchel(`selector-target-${++counter}`, { adapter: 'memory' });
      const ours = await refusedSelector((opts) => target.replicate.from(source, opts));
      const pouchSource =
        kind === 'http'
          ? new PouchDB(`${server.url}/parity-${counter}-pouch`)
          : new PouchDB(`selector-source-${counter}`, pouchOptions);
      await pouchSource.bulkDocs([{ _id: '3' }, { _id: '4' }]);
      const pouchTarget = new PouchDB(`selector-pouch-target-${counter}`, pouchOptions);
      const pouchReplicate = (
        pouchTarget as unknown as {
          replicate: { from(source: unknown, opts: object): PromiseLike<unknown> };
        }
      ).replicate;
      const theirs = await refusedSelector((opts) => pouchReplicate.from(pouchSource, opts));
      expect({ kind, ...(ours as object) }).toEqual({ kind, ...(theirs as object) });
      expect(ours).toMatchObject({ status: 400, name: 'bad_request' });
      expect((await target.allDocs()).rows).toEqual([]);
      await Promise.all([
        source.destroy(),
        target.destroy(),
        pouchSource.destroy(),
        pouchTarget.destroy(),
      ]);
    }
  });

  it('carries CouchDB’s reason from a Satchel server', async () => {
    const satchelServer = await startSatchelServer();
    try {
      const source = new Satchel(`${satchelServer.url}/selector-source`);
      await source.bulkDocs([{ _id: '3' }]);
      const target = new Satchel(`selector-target-${++counter}`, { adapter: 'memory' });
      const err = await refusedSelector((opts) => target.replicate.from(source, opts));
      expect(err).toMatchObject({ status: 400, name: 'bad_request' });
      expect((err as { reason: string }).reason).toContain('expected a JSON object');
      await target.destroy();
    } finally {
      await satchelServer.stop();
    }
  });
});
