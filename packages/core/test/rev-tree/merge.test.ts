import { describe, expect, it } from 'vitest';
import { merge, stem } from '../../src/rev-tree/index.js';
import { AV, DEL, MI, n } from './build.js';
import { pouch } from './reference.js';

describe('merge', () => {
  it('starts a tree with the first path', () => {
    const path = { pos: 1, ids: n('a', AV) };
    expect(merge([], path, 1000)).toStrictEqual({
      tree: [path],
      stemmedRevs: [],
      conflicts: 'new_leaf',
    });
  });

  it('extends a leaf', () => {
    const tree = [{ pos: 1, ids: n('a', AV) }];
    const result = merge(tree, { pos: 1, ids: n('a', MI, n('b', AV)) }, 1000);
    expect(result.conflicts).toBe('new_leaf');
    // The stored status wins unless the incoming copy has the body.
    expect(result.tree).toStrictEqual([{ pos: 1, ids: n('a', AV, n('b', AV)) }]);
  });

  it('adds a conflicting branch, siblings sorted by hash', () => {
    const tree = [{ pos: 1, ids: n('a', MI, n('z', AV)) }];
    const result = merge(tree, { pos: 1, ids: n('a', MI, n('m', AV)) }, 1000);
    expect(result.conflicts).toBe('new_branch');
    expect(result.tree).toStrictEqual([{ pos: 1, ids: n('a', MI, n('m', AV), n('z', AV)) }]);
  });

  it('reports internal_node for a known revision and upgrades its status', () => {
    const tree = [{ pos: 1, ids: n('a', MI, n('b', AV)) }];
    const result = merge(tree, { pos: 1, ids: n('a', AV) }, 1000);
    expect(result.conflicts).toBe('internal_node');
    expect(result.tree).toStrictEqual([{ pos: 1, ids: n('a', AV, n('b', AV)) }]);
  });

  it("keeps the stored node's deleted flag", () => {
    const tree = [{ pos: 1, ids: n('a', DEL) }];
    const result = merge(tree, { pos: 1, ids: n('a', AV) }, 1000);
    expect(result.tree[0]!.ids[1]).toStrictEqual(DEL);
  });

  it('adds an unrelated path as a new root, reported as internal_node (PouchDB does)', () => {
    const tree = [{ pos: 3, ids: n('c', AV) }];
    const result = merge(tree, { pos: 1, ids: n('x', AV) }, 1000);
    expect(result.conflicts).toBe('internal_node');
    expect(result.tree).toStrictEqual([
      { pos: 1, ids: n('x', AV) },
      { pos: 3, ids: n('c', AV) },
    ]);
  });

  it('stems to revs_limit and lists what was dropped, oldest first', () => {
    const path = { pos: 1, ids: n('a', MI, n('b', MI, n('c', MI, n('d', MI, n('e', AV))))) };
    const result = merge([], path, 3);
    expect(result.tree).toStrictEqual([{ pos: 3, ids: n('c', MI, n('d', MI, n('e', AV))) }]);
    expect(result.stemmedRevs).toStrictEqual(['1-a', '2-b']);
  });

  it('joins history that reaches back before a stemmed root', () => {
    const tree = [{ pos: 3, ids: n('c', AV, n('d', AV)) }];
    const result = merge(
      tree,
      { pos: 1, ids: n('a', MI, n('b', MI, n('c', MI, n('x', AV)))) },
      1000,
    );
    expect(result.conflicts).toBe('new_branch');
    // The earlier path becomes the root and keeps its own opts for the shared revision.
    expect(result.tree).toStrictEqual([
      { pos: 1, ids: n('a', MI, n('b', MI, n('c', AV, n('d', AV), n('x', AV)))) },
    ]);
  });

  it('grafts a path onto a deeper node of an earlier root', () => {
    const tree = [{ pos: 1, ids: n('a', MI, n('b', AV)) }];
    const result = merge(tree, { pos: 2, ids: n('b', MI, n('c', AV)) }, 1000);
    expect(result.conflicts).toBe('new_leaf');
    expect(result.tree).toStrictEqual([{ pos: 1, ids: n('a', MI, n('b', AV, n('c', AV))) }]);
  });

  it('copies a revision kept by two windows under both roots (PouchDB quirk)', () => {
    // r-a-b forks into l1 and c-l2; with depth 3, l1 keeps a-b and l2 keeps b-c.
    const tree = [
      { pos: 1, ids: n('r', MI, n('a', MI, n('b', MI, n('l1', AV), n('c', MI, n('l2', AV))))) },
    ];
    const expected = {
      tree: [
        { pos: 2, ids: n('a', MI, n('b', MI, n('l1', AV))) },
        { pos: 3, ids: n('b', MI, n('c', MI, n('l2', AV))) },
      ],
      stemmedRevs: ['1-r'],
      conflicts: 'internal_node',
    };
    expect(merge(tree, { pos: 1, ids: n('r', MI) }, 3)).toStrictEqual(expected);
    expect(pouch.merge(tree, { pos: 1, ids: n('r', MI) }, 3)).toStrictEqual(expected);
  });

  it('never mutates its inputs and shares nothing with them', () => {
    const tree = [{ pos: 1, ids: n('a', MI, n('b', MI)) }];
    const path = { pos: 1, ids: n('a', AV, n('b', AV, n('c', AV))) };
    const snapshot = structuredClone({ tree, path });
    const result = merge(tree, path, 1000);
    expect({ tree, path }).toStrictEqual(snapshot);
    result.tree[0]!.ids[1].status = 'missing';
    result.tree[0]!.ids[2][0]![2].push(n('z'));
    expect({ tree, path }).toStrictEqual(snapshot);
  });

  it('rejects revs limits PouchDB cannot stem with', () => {
    const path = { pos: 1, ids: n('a', AV) };
    for (const bad of [0, -1, 1.5]) expect(() => merge([], path, bad)).toThrow(RangeError);
    expect(merge([], path, Number.POSITIVE_INFINITY).tree).toHaveLength(1);
  });
});

describe('stem', () => {
  it('normalises without dropping anything when the tree is short enough', () => {
    const tree = [{ pos: 1, ids: n('a', MI, n('z', AV), n('b', AV)) }];
    expect(stem(tree, 5)).toStrictEqual({
      tree: [{ pos: 1, ids: n('a', MI, n('b', AV), n('z', AV)) }],
      revs: [],
    });
  });

  it('only lists revisions that are gone from every path', () => {
    // a-b-c-d and a-e: with depth 2, `a` survives on the short branch.
    const tree = [{ pos: 1, ids: n('a', MI, n('b', MI, n('c', MI, n('d', AV))), n('e', AV)) }];
    const result = stem(tree, 2);
    expect(result.revs).toStrictEqual(['2-b']);
    expect(result.tree).toStrictEqual([
      { pos: 1, ids: n('a', MI, n('e', AV)) },
      { pos: 3, ids: n('c', MI, n('d', AV)) },
    ]);
  });

  it('does not mutate the tree', () => {
    const tree = [{ pos: 1, ids: n('a', MI, n('b', AV)) }];
    const snapshot = structuredClone(tree);
    stem(tree, 1).tree[0]!.ids[1].status = 'missing';
    expect(tree).toStrictEqual(snapshot);
  });
});
