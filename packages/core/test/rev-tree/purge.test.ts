import { describe, expect, it } from 'vitest';
import { findPathToLeaf, type RevTree, removeLeafFromTree } from '../../src/rev-tree/index.js';
import { AV, MI, n } from './build.js';

// PouchDB's own example:
// 1-9692 > 2-37aa > 3-df22 > 4-6e94 > 5-df4a > 6-6a3a > 7-57e5
//                 |                 > 5-8d8c > 6-65e0
//                 > 3-43f6 > 4-a3b4
const tree: RevTree = [
  {
    pos: 1,
    ids: n(
      '9692',
      MI,
      n(
        '37aa',
        MI,
        n(
          'df22',
          MI,
          n('6e94', MI, n('df4a', MI, n('6a3a', MI, n('57e5', AV))), n('8d8c', MI, n('65e0', AV))),
        ),
        n('43f6', MI, n('a3b4', AV)),
      ),
    ),
  },
];

describe('findPathToLeaf', () => {
  it("returns the leaf's own branch, leaf first, up to the nearest fork", () => {
    expect(findPathToLeaf(tree, '7-57e5')).toStrictEqual(['7-57e5', '6-6a3a', '5-df4a']);
    expect(findPathToLeaf(tree, '6-65e0')).toStrictEqual(['6-65e0', '5-8d8c']);
    expect(findPathToLeaf(tree, '4-a3b4')).toStrictEqual(['4-a3b4', '3-43f6']);
  });

  it('goes up to the root when there is no fork', () => {
    const line = [{ pos: 1, ids: n('a', MI, n('b', AV)) }];
    expect(findPathToLeaf(line, '2-b')).toStrictEqual(['2-b', '1-a']);
  });

  it("throws PouchDB's errors", () => {
    expect(() => findPathToLeaf(tree, '4-6e94')).toThrow('The requested revision is not a leaf');
    expect(() => findPathToLeaf(tree, '9-nope')).toThrow('The requested revision does not exist');
  });
});

describe('removeLeafFromTree', () => {
  it('cuts the leaf and nothing else, leaving a missing parent as a leaf', () => {
    const cut = removeLeafFromTree(tree, '4-a3b4');
    expect(cut[0]!.ids[2][0]![2].map((c) => c[0])).toStrictEqual(['df22', '43f6']);
    expect(cut[0]!.ids[2][0]![2][1]).toStrictEqual(n('43f6', MI));
  });

  it('drops a root that is the leaf itself', () => {
    const forest: RevTree = [
      { pos: 1, ids: n('a', AV) },
      { pos: 3, ids: n('c', AV) },
    ];
    expect(removeLeafFromTree(forest, '1-a')).toStrictEqual([{ pos: 3, ids: n('c', AV) }]);
  });

  it('returns a copy and leaves the input alone', () => {
    const snapshot = structuredClone(tree);
    const copy = removeLeafFromTree(tree, '9-nope');
    expect(copy).toStrictEqual(tree);
    copy[0]!.ids[1].status = 'available';
    expect(tree).toStrictEqual(snapshot);
  });
});
