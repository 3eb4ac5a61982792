import type { Engine } from '@satchel/core/engine';
import { expect } from 'vitest';
import { type EngineCheck, record } from './check.js';

const area = 'atomicity';
const IDS = Array.from({ length: 40 }, (_, i) => `doc-${String(i).padStart(2, '0')}`);

/**
 * Reads `IDS` over and over while `commit` runs: each read must see every record at the old
 * seq or every record at the new one, never a mix.
 */
async function readDuring(reader: Engine, commit: Promise<unknown>): Promise<number> {
  let settled = false;
  const done = commit.finally(() => {
    settled = true;
  });
  let reads = 0;
  do {
    const seqs = new Set((await reader.getDocs(IDS)).map((r) => r?.seq));
    expect(seqs.size, `a read saw part of a commit: seqs ${[...seqs].join(', ')}`).toBe(1);
    reads++;
    // Let the commit make progress between reads, whatever it waits on.
    await new Promise((resolve) => setTimeout(resolve, 0));
  } while (!settled);
  await done;
  return reads;
}

/**
 * A commit is seen whole or not at all. LocalAdapter never reads through an engine while that
 * engine commits (its lock keeps them apart), so what can see a half-applied commit is another
 * writer's engine on the same store; crash atomicity is the engine's own test to write.
 */
export const atomicityChecks: EngineCheck[] = [
  {
    area,
    title: 'another engine on the store never sees part of a commit',
    needs: ['externalWrites'],
    async run(h) {
      const a = await h.open();
      await a.engine.commit({ putDocs: IDS.map((id) => record(id, 1)) }, a.snapshot.version);
      const b = await h.open(a.name);
      const commit = a.engine.commit(
        { putDocs: IDS.map((id) => record(id, 2)) },
        (await a.engine.reload()).version,
      );
      await readDuring(b.engine, commit);
      await b.engine.reload();
      expect(new Set((await b.engine.getDocs(IDS)).map((r) => r?.seq))).toEqual(new Set([2]));
    },
  },
];
