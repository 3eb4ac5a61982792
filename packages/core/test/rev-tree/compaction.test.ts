import { describe, expect, it } from 'vitest';
import { compactableRevs, compactTree, type RevTree } from '../../src/rev-tree/index.js';
import { AV, MI, n } from './build.js';

function sample(): RevTree {
  // 1-a(av) > 2-b(av) > {3-c(av), 3-d(mi) > 4-e(av)}
  return [{ pos: 1, ids: n('a', AV, n('b', AV, n('c', AV), n('d', MI, n('e', AV)))) }];
}

describe('compactTree', () => {
  it('marks available non-leaves missing, in place, and lists them', () => {
    const meta = { rev_tree: sample() };
    expect(compactTree(meta)).toStrictEqual(['1-a', '2-b']);
    expect(meta.rev_tree).toStrictEqual([
      { pos: 1, ids: n('a', MI, n('b', MI, n('c', AV), n('d', MI, n('e', AV)))) },
    ]);
    expect(compactTree(meta)).toStrictEqual([]);
  });
});

describe('compactableRevs', () => {
  it('lists available revisions further than maxHeight from their nearest leaf', () => {
    const tree = sample();
    expect(compactableRevs(tree, 0)).toStrictEqual(['1-a', '2-b']);
    // 2-b is one step from leaf 3-c; 1-a is two.
    expect(compactableRevs(tree, 1)).toStrictEqual(['1-a']);
    expect(compactableRevs(tree, 2)).toStrictEqual([]);
    expect(tree).toStrictEqual(sample());
  });
});
