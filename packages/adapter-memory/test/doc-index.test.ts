import type { DocRecord, IdRange } from '@satchel/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareIds } from '../src/compare-ids.js';
import { DocIndex } from '../src/doc-index.js';

const record = (id: string): DocRecord => ({
  id,
  rev_tree: [],
  winningRev: '1-a',
  deleted: false,
  seq: 1,
});

/** What a scan must return: the ids in code-point order, filtered and cut by hand. */
function expected(ids: Set<string>, range: IdRange): string[] {
  let out = [...ids].sort(compareIds).filter((id) => {
    if (range.gt !== undefined && compareIds(id, range.gt) <= 0) return false;
    if (range.gte !== undefined && compareIds(id, range.gte) < 0) return false;
    if (range.lt !== undefined && compareIds(id, range.lt) >= 0) return false;
    if (range.lte !== undefined && compareIds(id, range.lte) > 0) return false;
    return true;
  });
  if (range.reverse) out = out.reverse();
  return range.limit === undefined || range.limit < 0 ? out : out.slice(0, range.limit);
}

const id = fc.string({ unit: 'binary', maxLength: 4 });
const bound = fc.option(id, { nil: undefined });

describe('DocIndex', () => {
  it('scans any range like a sorted, filtered list after random puts and deletes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.boolean(), id), { maxLength: 200 }),
        fc.record({
          gt: bound,
          gte: bound,
          lt: bound,
          lte: bound,
          reverse: fc.boolean(),
          limit: fc.option(fc.integer({ min: -1, max: 20 }), { nil: undefined }),
        }),
        (ops, raw) => {
          const index = new DocIndex();
          const model = new Set<string>();
          for (const [put, key] of ops) {
            if (put) {
              index.put([record(key)]);
              model.add(key);
            } else {
              index.delete([key]);
              model.delete(key);
            }
          }
          const range = Object.fromEntries(
            Object.entries(raw).filter(([, v]) => v !== undefined),
          ) as IdRange;
          expect(index.size).toBe(model.size);
          expect(index.scan(range).map((r) => r.id)).toEqual(expected(model, range));
        },
      ),
      { numRuns: 300 },
    );
  });
});
