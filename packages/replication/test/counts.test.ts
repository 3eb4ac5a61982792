import { LevelEngine } from '@satchel/adapter-leveldb';
import { MemoryEngine } from '@satchel/adapter-memory';
import type { EngineBatch } from '@satchel/core';
import { afterAll, describe, expect, it } from 'vitest';
import { levelDb, memDb, seed, tempDir } from './helpers.js';

/**
 * The storage work of a one-shot replication between two local databases, counted at the
 * Engine contract (deterministic, unlike its time): per batch of changes, one commit of the
 * documents on the target, one checkpoint commit on each side, one read of the revision bodies
 * on the source, and no timer anywhere in the loop.
 */

const dirs = tempDir();
afterAll(() => dirs.cleanup());

type Calls = Record<string, number>;

/** Engine calls per engine instance, and timers started, while `fn` runs. */
async function count(fn: () => Promise<unknown>): Promise<{ engines: Calls[]; timers: number }> {
  const perEngine = new Map<object, Calls>();
  const bump = (engine: object, key: string) => {
    const calls = perEngine.get(engine) ?? {};
    calls[key] = (calls[key] ?? 0) + 1;
    perEngine.set(engine, calls);
  };
  const restore: (() => void)[] = [];
  for (const E of [LevelEngine, MemoryEngine]) {
    const proto = E.prototype as unknown as Record<string, (...a: unknown[]) => unknown>;
    for (const name of ['getDocs', 'getRevs', 'scanSeqs', 'commit']) {
      const original = proto[name] as (...a: unknown[]) => unknown;
      proto[name] = function (this: object, ...args: unknown[]) {
        if (name !== 'commit') bump(this, name);
        else bump(this, (args[0] as EngineBatch).putDocs?.length ? 'docCommit' : 'localCommit');
        return original.apply(this, args);
      };
      restore.push(() => {
        proto[name] = original;
      });
    }
  }
  let timers = 0;
  const { setTimeout: realTimeout, setImmediate: realImmediate } = globalThis;
  globalThis.setTimeout = ((...args: Parameters<typeof setTimeout>) => {
    timers++;
    return realTimeout(...args);
  }) as typeof setTimeout;
  globalThis.setImmediate = ((...args: Parameters<typeof setImmediate>) => {
    timers++;
    return realImmediate(...args);
  }) as typeof setImmediate;
  try {
    await fn();
  } finally {
    for (const undo of restore) undo();
    globalThis.setTimeout = realTimeout;
    globalThis.setImmediate = realImmediate;
  }
  return { engines: [...perEngine.values()], timers };
}

for (const store of ['memory', 'leveldb'] as const) {
  describe(`a one-shot replication on ${store}`, () => {
    it.each([
      [250, 100],
      [300, 100],
      [40, 7],
    ])(
      'of %i docs in batches of %i: one doc commit, one checkpoint per side and one body read per batch',
      async (docs, batchSize) => {
        const open = () => (store === 'memory' ? memDb() : levelDb(dirs.dir));
        const [src, target] = [open(), open()];
        await seed(src, docs);
        await Promise.all([src.info(), target.info()]);
        const batches = Math.ceil(docs / batchSize);
        let written = 0;
        const { engines, timers } = await count(async () => {
          const res = await target.replicate.from(src, { batch_size: batchSize });
          written = res.docs_written;
        });
        expect(written).toBe(docs);
        const targetCalls = engines.find((calls) => (calls.docCommit ?? 0) > 0);
        const srcCalls = engines.find((calls) => calls !== targetCalls);
        expect(targetCalls).toMatchObject({
          docCommit: batches,
          localCommit: batches,
          // revsDiff, then the records the write replaces
          getDocs: 2 * batches,
        });
        expect(targetCalls?.getRevs ?? 0).toBe(0);
        expect(srcCalls).toMatchObject({
          localCommit: batches,
          getRevs: batches,
          // a page of changes per batch, then the empty page that ends the one-shot run
          scanSeqs: batches + 1,
        });
        expect(srcCalls?.docCommit ?? 0).toBe(0);
        expect(timers).toBe(0);
        await Promise.all([src.destroy(), target.destroy()]);
      },
    );
  });
}
