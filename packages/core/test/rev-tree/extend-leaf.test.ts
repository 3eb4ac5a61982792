import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extendLeaf } from '../../src/rev-tree/extend-leaf.js';
import {
  isDeleted,
  merge,
  type RevNodeOpts,
  type RevTree,
  type RevTreePath,
  winningRev,
} from '../../src/rev-tree/index.js';
import { anyTreeArb, chain, hashArb, optsArb, revsLimitArb } from './arbitraries.js';
import { jsonClone, pouch, SCALE } from './reference.js';

/** A new edit's path: the parent (missing) with one new child. */
function editOf(pos: number, parent: string, hash: string, opts: RevNodeOpts): RevTreePath {
  return { pos, ids: [parent, { status: 'missing' }, [[hash, { ...opts }, []]]] };
}

/** Edits of every node of a tree, and a few of nodes it does not have. */
function editsOf(tree: RevTree, hash: string, opts: RevNodeOpts): RevTreePath[] {
  const edits: RevTreePath[] = [editOf(1, 'zz', hash, opts)];
  pouch.traverseRevTree(tree, (_leaf, pos, id) => {
    edits.push(editOf(pos, id, hash, opts), editOf(pos + 1, id, hash, opts));
  });
  return edits;
}

/** Checks `extendLeaf` against merge, winningRev and isDeleted wherever it answers. */
function agrees(tree: RevTree, path: RevTreePath, limit: number, owned: boolean): boolean {
  const before = jsonClone({ tree, path });
  const expected = merge(tree, path, limit);
  expect(pouch.merge(jsonClone(tree), jsonClone(path), limit)).toStrictEqual(expected);
  const input = owned ? jsonClone(tree) : tree;
  const fast = extendLeaf(input, path, limit, owned);
  if (!owned) expect(tree).toStrictEqual(before.tree);
  expect(path).toStrictEqual(before.path);
  if (fast === undefined) return false;
  const { winningRev: winner, deleted, ...merged } = fast;
  expect(merged).toStrictEqual(expected);
  expect(winner).toBe(winningRev({ rev_tree: expected.tree }));
  expect(deleted).toBe(isDeleted({ rev_tree: expected.tree }, winner));
  return true;
}

describe('extendLeaf', () => {
  it('gives what merge gives, or declines, for any edit of any tree', () => {
    let answered = 0;
    fc.assert(
      fc.property(
        anyTreeArb,
        hashArb,
        optsArb,
        revsLimitArb,
        fc.boolean(),
        (tree, h, o, l, own) => {
          for (const path of editsOf(tree, h, o)) if (agrees(tree, path, l, own)) answered++;
        },
      ),
      { numRuns: 300 * SCALE },
    );
    expect(answered).toBeGreaterThan(20);
  });

  it('extends long unbranched histories, stemming them to the revs limit', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.string({ unit: fc.constantFrom('0', '7', 'a', 'f'), minLength: 2, maxLength: 4 }),
          {
            minLength: 1,
            maxLength: 40,
          },
        ),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 45 }),
        fc.boolean(),
        fc.boolean(),
        (hashes, start, limit, deleted, own) => {
          const ids = hashes.map((h, i) => `${h}${i}`);
          const tree = [chain(start, ids, { status: 'available' }, { status: 'available' })];
          const opts: RevNodeOpts = deleted
            ? { status: 'available', deleted }
            : { status: 'available' };
          const path = editOf(start + ids.length - 1, ids.at(-1)!, 'new', opts);
          expect(agrees(tree, path, limit, own)).toBe(true);
        },
      ),
      { numRuns: 300 * SCALE },
    );
  });

  it('declines an invalid revs limit, so merge reports it', () => {
    const tree = [chain(1, ['a'], {}, { status: 'available' })];
    expect(extendLeaf(tree, editOf(1, 'a', 'b', { status: 'available' }), 0, false)).toBe(
      undefined,
    );
  });

  it('changes an owned tree in place and never shares the path with the result', () => {
    const tree = [chain(1, ['a', 'b'], { status: 'available' }, { status: 'available' })];
    const path = editOf(2, 'b', 'c', { status: 'available' });
    const result = extendLeaf(tree, path, 1000, true)!;
    expect(result.tree[0]!.ids).toBe(tree[0]!.ids);
    expect(result.tree[0]!.ids[2][0]![2][0]).not.toBe(path.ids[2][0]);
    expect(result.winningRev).toBe('3-c');
  });
});
