import { describe, expect, it, vi } from 'vitest';
import { createLocalAdapterFactory, type EngineBatch } from '../../src/engine/index.js';
import { Satchel } from '../../src/index.js';
import { TinyEngine } from '../readme/tiny-engine.js';

/** A TinyEngine that keeps every batch it commits. */
class RecordingEngine extends TinyEngine {
  readonly batches: EngineBatch[] = [];
  override commit(batch: EngineBatch, version: number) {
    this.batches.push(batch);
    return super.commit(batch, version);
  }
}

describe('purge and its log', () => {
  it("records the purge in _local/purges in the purge's own commit", async () => {
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const engines: RecordingEngine[] = [];
    Satchel.adapter(
      'recording',
      createLocalAdapterFactory({
        type: 'recording',
        engine: () => {
          const engine = new RecordingEngine();
          engines.push(engine);
          return engine;
        },
      }),
    );
    const db = new Satchel('purged', { adapter: 'recording', purged_infos_limit: 2 });
    const revs: string[] = [];
    for (const id of ['a', 'b', 'c']) revs.push((await db.put({ _id: id })).rev);
    const engine = engines[0] as RecordingEngine;
    const before = engine.batches.length;
    const res = await db.purge('a', revs[0] as string);
    expect(res).toEqual({ ok: true, deletedRevs: [revs[0]], documentWasRemovedCompletely: true });
    // One commit removes the document and logs it: a crash cannot keep one without the other.
    expect(engine.batches.length).toBe(before + 1);
    const batch = engine.batches.at(-1) as EngineBatch;
    expect(batch.deleteDocs).toEqual(['a']);
    expect(batch.putLocals?.map((l) => l.id)).toEqual(['_local/purges']);
    await db.purge('b', revs[1] as string);
    await db.purge('c', revs[2] as string);
    // The log keeps the last `purged_infos_limit` entries, as PouchDB's.
    expect(await db.get('_local/purges')).toMatchObject({
      _rev: '0-3',
      purgeSeq: 2,
      purges: [
        { docId: 'b', rev: revs[1], purgeSeq: 1 },
        { docId: 'c', rev: revs[2], purgeSeq: 2 },
      ],
    });
    expect(engine.batches.length).toBe(before + 3);
    await db.destroy();
  });
});
