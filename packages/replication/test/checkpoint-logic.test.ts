import type { AnyDoc } from '@satchel/core';
import { describe, expect, it } from 'vitest';
import { compareReplicationLogs, defaultBackOff, replicationId } from '../src/index.js';
import { S, uniqueName } from './helpers.js';

const h = (session_id: string, last_seq: number) => ({ session_id, last_seq });

describe('checkpoint comparison (CouchDB’s algorithm, as PouchDB ports it)', () => {
  it('same session on both sides: the source’s last_seq', () => {
    expect(
      compareReplicationLogs({ session_id: 's', last_seq: 9 }, { session_id: 's', last_seq: 7 }),
    ).toBe(9);
  });

  it('different sessions: the newest session both histories share', () => {
    const source = { session_id: 'c', last_seq: 30, history: [h('c', 30), h('b', 20), h('a', 10)] };
    // The target missed session c's checkpoint (crash between the two writes).
    const target = { session_id: 'b', last_seq: 20, history: [h('b', 20), h('a', 10)] };
    expect(compareReplicationLogs(source, target)).toBe(20);
    const targetAhead = { session_id: 'd', last_seq: 40, history: [h('d', 40), h('a', 10)] };
    expect(compareReplicationLogs(source, targetAhead)).toBe(10);
  });

  it('nothing shared, or no history: start over', () => {
    expect(
      compareReplicationLogs(
        { session_id: 'x', history: [h('x', 5)] },
        { session_id: 'y', history: [h('y', 6)] },
      ),
    ).toBe(0);
    expect(compareReplicationLogs({ session_id: 'x' }, { session_id: 'y' })).toBe(0);
  });
});

describe('default back-off (PouchDB’s)', () => {
  it('first delay below 2 s, then between the previous delay and twice it, capped at 10 min', () => {
    for (let i = 0; i < 200; i++) {
      const first = defaultBackOff(0);
      expect(first).toBeGreaterThanOrEqual(0);
      expect(first).toBeLessThanOrEqual(2000);
      const next = defaultBackOff(1500);
      expect(next).toBeGreaterThanOrEqual(1500);
      expect(next).toBeLessThan(3000);
      const capped = defaultBackOff(500_000);
      expect(capped).toBeGreaterThanOrEqual(300_000);
      expect(capped).toBeLessThan(600_000);
    }
  });
});

describe('checkpoint documents someone else damaged', () => {
  it('are read as no shared session: the replication starts over and rewrites them whole', async () => {
    const source = new S(uniqueName('damaged-src'));
    const target = new S(uniqueName('damaged-dst'));
    await source.bulkDocs([{ _id: 'a' }, { _id: 'b' }]);
    await S.replicate(source, target);
    const id = await replicationId(source, target, {});
    // Another replicator, or a hostile server, wrote anything under this id on both sides.
    for (const db of [source, target]) {
      const old = await db.get(id);
      await db.put({ _id: id, _rev: old._rev, session_id: 7, last_seq: { x: 1 }, history: 'x' });
    }
    await source.put({ _id: 'c' });
    const result = await S.replicate(source, target);
    // Started over from 0: the two documents the target holds are found there, not fetched.
    expect(result).toMatchObject({
      ok: true,
      docs_read: 1,
      docs_written: 1,
      doc_write_failures: 0,
    });
    expect((await target.allDocs()).rows.map((row) => row.id)).toEqual(['a', 'b', 'c']);
    for (const db of [source, target]) {
      const doc = (await db.get(id)) as AnyDoc & { history: unknown[]; last_seq: unknown };
      expect(doc).toMatchObject({ last_seq: 3, version: 1, replicator: 'pouchdb' });
      expect(doc.history).toEqual([{ last_seq: 3, session_id: doc.session_id }]);
    }
    await source.destroy();
    await target.destroy();
  });
});

describe('a side that answers every checkpoint write with a conflict', () => {
  it('fails the replication after a few re-reads instead of writing forever', async () => {
    const source = new S(uniqueName('conflict-src'));
    const target = new S(uniqueName('conflict-dst'));
    await source.bulkDocs([{ _id: 'a' }, { _id: 'b' }]);
    // A cache in front of the target serves a stale revision: every write conflicts.
    let writes = 0;
    target.put = (async () => {
      writes += 1;
      await new Promise((r) => setTimeout(r, 1));
      throw Object.assign(new Error('Document update conflict.'), {
        status: 409,
        name: 'conflict',
      });
    }) as typeof target.put;
    const outcome = await Promise.race([
      S.replicate(source, target).then(
        () => 'completed',
        (err: unknown) => err,
      ),
      new Promise((r) => setTimeout(() => r('still writing'), 2000)),
    ]);
    expect(outcome).toMatchObject({ status: 409, name: 'conflict' });
    expect(writes).toBeLessThanOrEqual(11);
    // The documents themselves were written before the checkpoint.
    expect((await target.allDocs()).rows.map((r) => r.id)).toEqual(['a', 'b']);
  });
});
