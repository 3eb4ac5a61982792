import { describe, expect, it } from 'vitest';
import { readPaged } from '../src/paged-read.js';
import type { DocRow } from '../src/read-index.js';

/** The paging loop on its own, over a sorted array standing in for an index range. */
describe('readPaged', () => {
  const entries: DocRow[] = Array.from({ length: 300 }, (_, i) => ({
    id: `k${String(i).padStart(3, '0')}`,
    doc: { i },
  }));

  it('starts each page after the last key of the one before: no entry is read twice', async () => {
    const asked: (string | undefined)[] = [];
    let served = 0;
    const kept = await readPaged({
      read: async (after, limit) => {
        asked.push(after);
        const from = after === undefined ? 0 : entries.findIndex((e) => e.id > after);
        const rows = entries.slice(from, from + limit);
        served += rows.length;
        return { rows, scanned: rows.length, last: rows.at(-1)?.id };
      },
      keep: (page) => page.filter((row) => (row.doc.i as number) % 50 === 49),
      wanted: 10,
      moved: () => false,
    });
    expect(kept?.map((row) => row.id)).toEqual(['k049', 'k099', 'k149', 'k199', 'k249', 'k299']);
    // Pages of 32, 64, 128 and 256 (cut short by the end of the range).
    expect(asked).toEqual([undefined, 'k031', 'k095', 'k223']);
    expect(served).toBe(entries.length);
  });

  it('gives up when the source moved between pages', async () => {
    let pages = 0;
    const kept = await readPaged({
      read: async (_after, limit) => {
        pages += 1;
        const rows = entries.slice(0, limit);
        return { rows, scanned: rows.length, last: rows.at(-1)?.id };
      },
      keep: () => [],
      wanted: 1,
      moved: () => pages > 1,
    });
    expect(kept).toBeUndefined();
    expect(pages).toBe(2);
  });
});
