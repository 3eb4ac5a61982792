import { type EngineBatch, isEngineConflict } from '@satchel/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GDriveEngine } from '../src/index.js';
import { type DriveServer, startDriveServer } from './drive-server.js';
import { device } from './helpers.js';

let server: DriveServer;
beforeAll(async () => {
  server = await startDriveServer();
});
afterAll(() => server.stop());

function engine(name: string): GDriveEngine {
  return new GDriveEngine(name, device(server.url));
}

/** A batch writing one document at the next seq. */
function write(id: string, seq: number): EngineBatch {
  const rev = `1-${id}`;
  return {
    putDocs: [
      {
        id,
        rev_tree: [{ pos: 1, ids: [id, { status: 'available' }, []] }],
        winningRev: rev,
        deleted: false,
        seq,
      },
    ],
    putRevs: [{ id, rev, body: { id } }],
    putSeqs: [{ seq, id }],
    meta: { updateSeq: seq, docCount: seq, uuid: 'u' },
  } as EngineBatch;
}

describe('GDriveEngine and the Engine contract', () => {
  it('the version is the pointer ETag: commits advance it, a stale one is refused', async () => {
    const e = engine('versions');
    const opened = await e.open();
    expect(e.supports).toEqual({
      externalWrites: true,
      sortedScans: true,
      purge: true,
      persistent: true,
    });
    const v1 = await e.commit(write('a', 1), opened.version);
    expect(v1).not.toBe(opened.version);
    const v2 = await e.commit(write('b', 2), v1);
    expect(new Set([opened.version, v1, v2]).size).toBe(3);
    const stale = await e.commit(write('c', 3), v1).catch((err: unknown) => err);
    expect(isEngineConflict(stale)).toBe(true);
    expect(await e.getDocs(['a', 'b', 'c'])).toEqual([
      expect.objectContaining({ id: 'a' }),
      expect.objectContaining({ id: 'b' }),
      undefined,
    ]);
    await e.close();
  });

  it('two engines on one folder: the second commit is refused, reload shows the first', async () => {
    const a = engine('race');
    const b = engine('race');
    const va = (await a.open()).version;
    const vb = (await b.open()).version;
    expect(va).toBe(vb);
    await a.commit(write('from-a', 1), va);
    const refused = await b.commit(write('from-b', 1), vb).catch((err: unknown) => err);
    expect(isEngineConflict(refused)).toBe(true);
    const reloaded = await b.reload();
    expect(reloaded.meta.updateSeq).toBe(1);
    expect(await b.getRevs([{ id: 'from-a', rev: '1-from-a' }])).toEqual([{ id: 'from-a' }]);
    const vb2 = await b.commit(write('from-b', 2), reloaded.version);
    expect(typeof vb2).toBe('string');
    // Nothing of the refused batch is visible anywhere.
    const fresh = engine('race');
    await fresh.open();
    expect((await fresh.scanSeqs({})).map((s) => s.id)).toEqual(['from-a', 'from-b']);
    await Promise.all([a.close(), b.close(), fresh.close()]);
  });

  it('watch reports another engine’s commit; a snapshot of its own keeps the version valid', async () => {
    const a = new GDriveEngine('watched', device(server.url, { pollIntervalMs: 100 }));
    const b = engine('watched');
    const va = (await a.open()).version;
    const vb = (await b.open()).version;
    let calls = 0;
    const stop = a.watch(() => {
      calls++;
    });
    await b.commit(write('x', 1), vb);
    const deadline = Date.now() + 5_000;
    while (calls === 0) {
      expect(Date.now()).toBeLessThan(deadline);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    stop();
    const { version } = await a.reload();
    expect(version).not.toBe(va);
    expect(await a.snapshot()).toBe(true);
    // The snapshot changed the ETag but no data: a commit on the version read before succeeds.
    await a.commit(write('y', 2), version);
    await Promise.all([a.close(), b.close()]);
  });
});
