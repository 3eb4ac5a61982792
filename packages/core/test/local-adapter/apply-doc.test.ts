import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { applyDoc, type WriteSettings } from '../../src/local-adapter/apply-doc.js';
import { parseNewEdit } from '../../src/local-adapter/parse-doc.js';
import { parseReplicated } from '../../src/local-adapter/parse-replicated.js';
import { WritePlan } from '../../src/local-adapter/write-plan.js';
import { occasional } from '../../src/occasional.js';
import { isDeleted, merge, winningRev } from '../../src/rev-tree/index.js';

const settings = (newEdits: boolean): WriteSettings => ({
  revsLimit: 1000,
  autoCompaction: false,
  deterministicRevs: true,
  newEdits,
  wasDelete: false,
  ownedRecords: false,
});

const hash = fc.stringMatching(/^[0-9a-f]{1,32}$/);

/**
 * A new document's first revision is recorded without the general merge or a walk of the tree
 * for its winner: the record must be what the general route gives.
 */
describe('applyDoc on a new document', () => {
  // Replicated writes use code loaded on first use: bulkDocs loads it before it applies them.
  beforeAll(() => occasional.load());

  it('records the tree, winner and deletion the general merge gives (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5000 }),
        hash,
        fc.boolean(),
        fc.boolean(),
        (pos, h, deleted, replicated) => {
          const doc = { _id: 'doc', n: 1, ...(deleted ? { _deleted: true } : {}) };
          const parsed = replicated
            ? parseReplicated({ ...doc, _rev: `${pos}-${h}` })
            : parseNewEdit({ ...doc }, true);
          const plan = new WritePlan({ updateSeq: 0, docCount: 0, uuid: 'u' });
          const row = applyDoc(plan, parsed, settings(!replicated));
          expect(row).toEqual({ ok: true, id: 'doc', rev: parsed.rev });
          const record = plan.records.get('doc')!;
          const tree = merge([], parsed.path, 1000).tree;
          expect(record.rev_tree).toEqual(tree);
          expect(record.winningRev).toBe(winningRev({ rev_tree: tree }));
          expect(record.deleted).toBe(isDeleted({ rev_tree: tree }));
          expect(plan.meta.docCount).toBe(deleted ? 0 : 1);
          // The record's tree shares nothing with the parsed path.
          expect(record.rev_tree[0]!.ids[1]).not.toBe(parsed.path.ids[1]);
        },
      ),
      { numRuns: 300 },
    );
  });
});
