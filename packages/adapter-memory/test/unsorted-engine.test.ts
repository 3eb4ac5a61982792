import type { DocRecord, EngineSupports, IdRange, SeqEntry, SeqRange } from '@satchel/core';
import { LocalAdapter } from '@satchel/core';
import { describe, expect, it } from 'vitest';
import { MemoryEngine } from '../src/memory-engine.js';

/** A key-value engine: no sorted scans, whole scans come back in a scrambled order. */
class UnsortedEngine extends MemoryEngine {
  override readonly supports: EngineSupports = {
    externalWrites: true,
    sortedScans: false,
    purge: true,
    persistent: true,
  };
  override async scanDocs(range: IdRange): Promise<DocRecord[]> {
    expect(range).toEqual({});
    return scramble(await super.scanDocs({}));
  }
  override async scanSeqs(range: SeqRange): Promise<SeqEntry[]> {
    expect(range).toEqual({});
    return scramble(await super.scanSeqs({}));
  }
}

function scramble<T>(items: T[]): T[] {
  const odd = items.filter((_, i) => i % 2 === 1).reverse();
  return [...odd, ...items.filter((_, i) => i % 2 === 0)];
}

describe('an engine without sorted scans', () => {
  it('answers ranges, limits and descending reads like a sorted one', async () => {
    const ids = ['b', 'a', '\u{10000}', '\uffff', 'c', 'aa', 'z', 'm'];
    const sorted = new LocalAdapter(new MemoryEngine());
    const unsorted = new LocalAdapter(new UnsortedEngine());
    for (const adapter of [sorted, unsorted]) {
      await adapter.bulkDocs(
        ids.map((_id) => ({ _id })),
        { new_edits: true },
      );
    }
    const queries = [
      {},
      { startkey: 'aa', endkey: 'm' },
      { descending: true, limit: 3 },
      { startkey: 'b', skip: 1, limit: 2 },
      { endkey: 'c', inclusive_end: false },
    ];
    for (const query of queries) {
      expect(await unsorted.allDocs(query)).toEqual(await sorted.allDocs(query));
    }
    for (const query of [{}, { since: 3 }, { descending: true }, { since: 2, limit: 2 }]) {
      expect(await unsorted.changes(query)).toEqual(await sorted.changes(query));
    }
  });
});
