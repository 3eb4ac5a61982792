import type { AnyDoc } from '@satchel/core';
import { afterEach, describe, expect, it } from 'vitest';
import { type ReplicateOptions, replicationId } from '../src/index.js';
import { memDb, Pouch, pouchDb, S, seed, snapshot } from './helpers.js';

type Db = Parameters<typeof replicationId>[0];

/** The checkpoint document of a replication on one side. */
async function checkpointOf(db: { get(id: string): Promise<unknown> }, id: string) {
  return (await db.get(id)) as AnyDoc & {
    session_id: string;
    last_seq: unknown;
    history: { session_id: string; last_seq: unknown }[];
    replicator: string;
    version: number;
  };
}

describe('Satchel and pouchdb@9 resume from each other’s checkpoints', () => {
  const open: { destroy(): Promise<unknown> }[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((db) => db.destroy().catch(() => undefined)));
  });

  for (const direction of ['satchel→pouch', 'pouch→satchel'] as const) {
    for (const first of ['satchel', 'pouchdb'] as const) {
      it(`${direction}: ${first} replicates first, the other resumes`, async () => {
        const s = memDb();
        const p = pouchDb();
        open.push(s, p);
        const [src, target] = direction === 'satchel→pouch' ? [s, p] : [p, s];
        const run = (who: 'satchel' | 'pouchdb', opts: ReplicateOptions = {}) =>
          who === 'satchel'
            ? S.replicate(src as unknown as Db, target as unknown as Db, opts)
            : Pouch().replicate(src, target, opts);
        const second = first === 'satchel' ? 'pouchdb' : 'satchel';

        await seed(src, 40);
        const r1 = await run(first);
        expect(r1.docs_written).toBe(40);
        const id = await replicationId(src as unknown as Db, target as unknown as Db, {});
        const c1 = await checkpointOf(target, id);
        const c1src = await checkpointOf(src, id);
        expect(c1).toMatchObject({ replicator: 'pouchdb', version: 1 });
        expect(c1src.session_id).toBe(c1.session_id);
        expect(c1.history).toHaveLength(1);

        await seed(src, 7, 'later');
        const r2 = await run(second);
        expect(r2.docs_read).toBe(7);
        expect(r2.docs_written).toBe(7);
        const c2 = await checkpointOf(target, id);
        expect(c2.session_id).not.toBe(c1.session_id);
        expect(c2.history.map((h) => h.session_id)).toEqual([c2.session_id, c1.session_id]);
        expect(await snapshot(target)).toEqual(await snapshot(src));

        // And back to the first library: nothing new, nothing read.
        const r3 = await run(first);
        expect(r3.docs_read).toBe(0);
      });
    }
  }

  it('filtered replications (doc_ids, query_params) get the same id in both libraries', async () => {
    const s = memDb();
    const p = pouchDb();
    open.push(s, p);
    await seed(s, 20);
    const opts = { doc_ids: ['doc-00003', 'doc-00001', 'doc-00012'] };
    const r1 = await Pouch().replicate(s, p, { ...opts });
    expect(r1.docs_written).toBe(3);
    const id = await replicationId(s as unknown as Db, p as unknown as Db, opts);
    expect((await checkpointOf(p, id)).replicator).toBe('pouchdb');
    const r2 = await S.replicate(s, p as unknown as Db, opts);
    expect(r2.docs_read).toBe(0);
  });

  it('conflicting edits end with the same rev trees and winners in both', async () => {
    const s = memDb();
    const p = pouchDb();
    open.push(s, p);
    await seed(s, 10);
    await S.replicate(s, p as unknown as Db);
    for (let i = 0; i < 10; i++) {
      const id = `doc-${String(i).padStart(5, '0')}`;
      const a = (await s.get(id)) as AnyDoc;
      const b = await p.get(id);
      await s.put({ ...a, side: 's', i });
      await p.put({ ...b, side: 'p', extra: [i, i] });
      if (i % 3 === 0) await s.remove(id, (await s.get(id))._rev);
    }
    await S.sync(s, p as unknown as Db);
    const [ss, ps] = [await snapshot(s), await snapshot(p)];
    expect(ss).toEqual(ps);
    const state = ps['doc-00001'] as { leaves: unknown[]; winner: { _conflicts?: string[] } };
    expect(state.leaves).toHaveLength(2);
    expect(state.winner._conflicts).toHaveLength(1);
  });
});
