import {
  type AnyDoc,
  type BulkDocsResultRow,
  type EngineBatch,
  type EngineVersion,
  LocalAdapter,
} from '@satchel/core';
import { describe, expect, it } from 'vitest';
import { MemoryEngine } from '../src/memory-engine.js';

/** A memory engine that keeps the batches it commits, so a test can see how writes grouped. */
class RecordingEngine extends MemoryEngine {
  readonly batches: EngineBatch[] = [];
  /** A commit writing this document id fails with this error. */
  failOn: { id: string; error: Error } | undefined;

  override async commit(batch: EngineBatch, version: EngineVersion): Promise<EngineVersion> {
    const fail = this.failOn;
    if (fail && batch.putDocs?.some((r) => r.id === fail.id)) throw fail.error;
    this.batches.push(batch);
    return super.commit(batch, version);
  }
}

async function open() {
  const engine = new RecordingEngine();
  const adapter = new LocalAdapter(engine);
  await adapter.ready();
  return { engine, adapter };
}

const write = (adapter: LocalAdapter, docs: AnyDoc[], newEdits = true) =>
  adapter.bulkDocs(docs, { new_edits: newEdits });

const okRow = (row: BulkDocsResultRow | undefined) => row as { ok: true; id: string; rev: string };

describe('group commit of concurrent writes', () => {
  it('commits writes queued behind a running one in one batch, each caller with its rows', async () => {
    const { engine, adapter } = await open();
    const calls = Array.from({ length: 20 }, (_, i) => write(adapter, [{ _id: `d${i}`, i }]));
    const results = await Promise.all(calls);
    results.forEach((rows, i) => {
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ ok: true, id: `d${i}` });
    });
    // The first write found the lock free and ran alone; the 19 behind it shared one commit.
    expect(engine.batches).toHaveLength(2);
    expect(engine.batches[1]!.putDocs).toHaveLength(19);
    // Seqs follow the order of the calls, as one-by-one writes would give them.
    const { results: changes } = await adapter.changes({ since: 0 });
    expect(changes.map((c) => c.id)).toEqual(results.map((_, i) => `d${i}`));
    expect(await adapter.info()).toMatchObject({ doc_count: 20, update_seq: 20 });
  });

  it('tells change listeners once per commit, not once per caller', async () => {
    const { adapter } = await open();
    let notices = 0;
    adapter.onChange(() => {
      notices++;
    });
    await Promise.all(Array.from({ length: 10 }, (_, i) => write(adapter, [{ _id: `d${i}` }])));
    // The first write committed alone, the nine others in one commit.
    expect(notices).toBe(2);
    // A group in which nothing changed (every member a conflict) tells nobody.
    const blocker = write(adapter, [{ _id: 'blocker' }]);
    await Promise.all([blocker, write(adapter, [{ _id: 'd1' }]), write(adapter, [{ _id: 'd2' }])]);
    expect(notices).toBe(3);
  });

  it('decides conflicts between members in call order', async () => {
    const { engine, adapter } = await open();
    const first = okRow((await write(adapter, [{ _id: 'x', v: 0 }]))[0]);
    const blocker = write(adapter, [{ _id: 'other' }]);
    const a = write(adapter, [{ _id: 'x', _rev: first.rev, v: 'a' }]);
    const b = write(adapter, [{ _id: 'x', _rev: first.rev, v: 'b' }]);
    const created = write(adapter, [{ _id: 'new', v: 1 }]);
    const again = write(adapter, [{ _id: 'new', v: 2 }]);
    const [, rowsA, rowsB, rowsNew, rowsAgain] = await Promise.all([blocker, a, b, created, again]);
    expect(rowsA[0]).toMatchObject({ ok: true, id: 'x' });
    expect(rowsB[0]).toMatchObject({ status: 409, name: 'conflict' });
    expect(rowsNew[0]).toMatchObject({ ok: true, id: 'new' });
    expect(rowsAgain[0]).toMatchObject({ status: 409, name: 'conflict' });
    expect(await adapter.get('x', {})).toMatchObject({ v: 'a' });
    expect(await adapter.get('new', {})).toMatchObject({ v: 1 });
    expect(engine.batches).toHaveLength(3);
  });

  it('lets an edit build on a revision written earlier in the same group', async () => {
    const { adapter } = await open();
    const blocker = write(adapter, [{ _id: 'blocker' }]);
    const made = write(adapter, [{ _id: 'doc', v: 1 }]);
    // The caller cannot know the rev yet, but a replicated edit names its own history.
    const replicated = write(
      adapter,
      [{ _id: 'doc', _rev: '2-abc', _revisions: { start: 2, ids: ['abc', 'zzz'] }, v: 2 }],
      false,
    );
    await Promise.all([blocker, made, replicated]);
    const leaves = (await adapter.get('doc', { open_revs: 'all' })) as { ok: AnyDoc }[];
    expect(leaves.map((l) => l.ok._rev).sort()).toEqual([okRow((await made)[0]).rev, '2-abc']);
  });

  it('writes _local documents of grouped calls, each with its own result', async () => {
    const { engine, adapter } = await open();
    const blocker = write(adapter, [{ _id: 'blocker' }]);
    const put = write(adapter, [{ _id: '_local/a', v: 1 }]);
    const stale = write(adapter, [{ _id: '_local/a', _rev: '0-7', v: 2 }]);
    const [, rowsPut, rowsStale] = await Promise.all([blocker, put, stale]);
    expect(rowsPut[0]).toMatchObject({ ok: true, id: '_local/a', rev: '0-1' });
    expect(rowsStale[0]).toMatchObject({ status: 409 });
    expect(await adapter.get('_local/a', {})).toMatchObject({ v: 1 });
    expect(engine.batches).toHaveLength(2);
  });

  it('fails every call of a group whose commit fails, and applies none of them', async () => {
    const { engine, adapter } = await open();
    const failure = new Error('disk full');
    engine.failOn = { id: 'b', error: failure };
    const blocker = write(adapter, [{ _id: 'blocker' }]);
    const a = write(adapter, [{ _id: 'a' }]);
    const b = write(adapter, [{ _id: 'b' }]);
    await blocker;
    await expect(a).rejects.toBe(failure);
    await expect(b).rejects.toBe(failure);
    expect(await adapter.info()).toMatchObject({ doc_count: 1 });
    engine.failOn = undefined;
    expect(okRow((await write(adapter, [{ _id: 'a' }]))[0]).ok).toBe(true);
  });

  it('does not move a write ahead of a read or a write queued before it', async () => {
    const { engine, adapter } = await open();
    const blocker = write(adapter, [{ _id: 'blocker' }]);
    const first = write(adapter, [{ _id: 'a' }]);
    const read = adapter.allDocs({});
    const second = write(adapter, [{ _id: 'b' }]);
    const [, , listed] = await Promise.all([blocker, first, read, second]);
    // The read ran between the two writes, as it was called.
    expect(listed.rows.map((r) => r.id)).toEqual(['a', 'blocker']);
    expect(engine.batches).toHaveLength(3);
  });
});
