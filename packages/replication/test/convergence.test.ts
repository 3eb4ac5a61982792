import { isDeepStrictEqual } from 'node:util';
import type { AnyDoc, Satchel } from '@satchel/core';
import { type CouchServer, startCouchServer } from '@satchel/servers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sync } from '../src/index.js';
import { levelDb, memDb, S, snapshot, tempDir, uniqueName, waitFor } from './helpers.js';

let server: CouchServer;
const dirs = tempDir();

beforeAll(async () => {
  server = await startCouchServer();
});

afterAll(async () => {
  await server.stop();
  dirs.cleanup();
});

/** A small seeded PRNG (mulberry32), so a failing run can be replayed. */
function random(seed: number): () => number {
  let t = seed >>> 0;
  return () => {
    t = (t + 0x6d2b79f5) >>> 0;
    let r = Math.imul(t ^ (t >>> 15), 1 | t);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}

/** One random edit on `db`: create, update, delete or attach, on a small set of ids. */
async function randomEdit(db: Satchel, rnd: () => number, step: number): Promise<void> {
  const id = `doc-${Math.floor(rnd() * 12)}`;
  const current = (await db.get(id).catch(() => undefined)) as AnyDoc | undefined;
  const op = rnd();
  try {
    if (!current) await db.put({ _id: id, step, by: db.name });
    else if (op < 0.2) await db.remove(id, current._rev as string);
    else if (op < 0.35) {
      const data = Buffer.from(`step ${step}`).toString('base64');
      await db.put({ ...current, _attachments: { 'f.txt': { content_type: 'text/plain', data } } });
    } else await db.put({ ...current, step, by: db.name });
  } catch (err) {
    // A live pull may have changed the doc between our read and write: that is fine.
    if ((err as { status?: number }).status !== 409) throw err;
  }
}

/** Every leaf revision of every document (taken while edits still run, so reads may race). */
async function leafRevs(db: Satchel): Promise<Set<string>> {
  const out = new Set<string>();
  const feed = await db.changes({ style: 'all_docs' });
  for (const change of feed.results) {
    for (const { rev } of change.changes) out.add(`${change.id}@${rev}`);
  }
  return out;
}

/** Whether `rev` is in the rev tree of `id` on `db` (a leaf or an ancestor of one). */
async function inTree(db: Satchel, id: string, rev: string): Promise<boolean> {
  const pos = Number.parseInt(rev, 10);
  const hash = rev.slice(rev.indexOf('-') + 1);
  const leaves = (await db.get(id, { open_revs: 'all', revs: true })) as { ok?: AnyDoc }[];
  return leaves.some(({ ok }) => {
    const revisions = ok?._revisions;
    return revisions !== undefined && revisions.ids[revisions.start - pos] === hash;
  });
}

describe('convergence: replicas editing at random while syncing live', () => {
  for (const seed of [1, 2]) {
    it(`four replicas (memory, memory, leveldb, server) end identical — seed ${seed}`, async () => {
      const rnd = random(seed);
      const hub = new S(`${server.url}/${uniqueName('hub')}`);
      const r1 = memDb();
      const r2 = levelDb(dirs.dir);
      const r3 = memDb();
      // Retries are part of the run on a busy machine; PouchDB's default back-off (up to
      // minutes) would only make the wait for quiescence longer, so it is kept short here.
      const retry = { live: true, retry: true, back_off_function: () => 500 };
      const syncs: Sync[] = [
        r1.sync(hub, { ...retry, batch_size: 5 }),
        r2.sync(hub, retry),
        r3.sync(r1, { ...retry, batches_limit: 1, batch_size: 3 }),
      ];
      const errors: unknown[] = [];
      const retried: string[] = [];
      for (const s of syncs) {
        s.on('error', (e) => errors.push(e));
        s.on('paused', (e) => {
          if (e) retried.push(String((e as Error).message ?? e));
        });
      }
      const replicas = [r1, r2, r3];
      const seen: Set<string>[] = [];
      for (let step = 0; step < 150; step++) {
        const db = replicas[Math.floor(rnd() * replicas.length)] as Satchel;
        await randomEdit(db, rnd, step);
        if (step % 25 === 24) seen.push(...(await Promise.all(replicas.map(leafRevs))));
        if (rnd() < 0.1) await new Promise((r) => setTimeout(r, 5));
      }
      const all = [...replicas, hub];
      await waitFor(async () => {
        const snaps = await Promise.all(all.map((db) => snapshot(db)));
        return snaps.every((s) => isDeepStrictEqual(s, snaps[0]));
      }, 60_000).catch((err: Error) => {
        throw new Error(`${err.message}; retried after: ${JSON.stringify(retried)}`);
      });
      for (const s of syncs) s.cancel();
      await Promise.all(syncs);
      expect(errors).toEqual([]);
      const final = await snapshot(hub);
      for (const db of replicas) expect(await snapshot(db)).toEqual(final);
      // Nothing lost: every leaf any replica ever had is still in the hub's tree (maybe no
      // longer a leaf).
      const keys = new Set(seen.flatMap((set) => [...set]));
      expect(keys.size).toBeGreaterThan(10);
      for (const key of keys) {
        const [id, rev] = key.split('@') as [string, string];
        expect(await inTree(hub, id, rev)).toBe(true);
      }
      await Promise.all([...all.map((db) => db.destroy())]);
    }, 120_000);
  }
});
