import { describe, expect, it } from 'vitest';
import {
  cloneTree,
  collectConflicts,
  collectLeaves,
  compactableRevs,
  compactTree,
  findPathToLeaf,
  findRevAncestry,
  isDeleted,
  latest,
  makeRevTreeFromRevisions,
  merge,
  missingRevs,
  type RevTree,
  type RevTreeNode,
  removeLeafFromTree,
  revExists,
  revisionsFromPath,
  revsInfoFromPath,
  rootToLeaf,
  stem,
  traverseRevTree,
  winningRev,
} from '../../src/rev-tree/index.js';
import { pouch } from './reference.js';

const DEPTH = 20_000;

/** `_revisions` for generations `from..to` (newest first), hashes `h<generation>`. */
function revisions(from: number, to: number, prefix = 'h') {
  const ids: string[] = [];
  for (let g = to; g >= from; g--) ids.push(`${prefix}${g}`);
  return { start: to, ids };
}

/** A replicated write of generations `from..to`, as `new_edits: false` builds it. */
function write(from: number, to: number, prefix = 'h') {
  return makeRevTreeFromRevisions(revisions(from, to, prefix), { status: 'available' })[0]!;
}

/** Height of the first root, counted without recursion. */
function height(tree: RevTree): number {
  let n = 0;
  for (let node: RevTreeNode | undefined = tree[0]?.ids; node; node = node[2][0]) n++;
  return n;
}

describe(`a ${DEPTH}-revision path`, () => {
  const tree = merge([], write(1, DEPTH), Number.POSITIVE_INFINITY).tree;
  const meta = { id: 'deep', rev_tree: tree };
  const leaf = `${DEPTH}-h${DEPTH}`;

  it('merges without stemming when the limit allows, and stems to revs_limit', () => {
    expect(height(tree)).toBe(DEPTH);
    const grown = merge(tree, write(DEPTH, DEPTH + 1), DEPTH + 1);
    expect(grown.conflicts).toBe('new_leaf');
    expect(height(grown.tree)).toBe(DEPTH + 1);
    const stemmed = merge(tree, write(DEPTH, DEPTH + 1), 1000);
    expect(stemmed.tree[0]!.pos).toBe(DEPTH + 1 - 999);
    expect(stemmed.stemmedRevs).toHaveLength(DEPTH + 1 - 1000);
    expect(stemmed.stemmedRevs[0]).toBe('1-h1');
    expect(stem(tree, 5000).tree[0]!.pos).toBe(DEPTH - 4999);
  });

  it('agrees with pouchdb-merge on merging and stemming a deep path', () => {
    // pouchdb-merge's stemming is quadratic in depth (the full DEPTH takes half a minute);
    // a quarter of it keeps the comparison to a second. The other tests use the full depth.
    const depth = DEPTH / 4;
    const base = merge([], write(1, depth), Number.POSITIVE_INFINITY).tree;
    const path = write(depth - 10, depth + 3);
    const ours = merge(base, path, 1000);
    const theirs = pouch.merge(cloneTree(base), cloneTree([path])[0]!, 1000);
    expect(ours.stemmedRevs).toStrictEqual(theirs.stemmedRevs);
    expect(ours.conflicts).toBe(theirs.conflicts);
    expect(rootToLeaf(ours.tree)).toStrictEqual(rootToLeaf(theirs.tree));
  });

  it('answers every reader without overflowing the stack', () => {
    expect(winningRev(meta)).toBe(leaf);
    expect(isDeleted(meta)).toBe(false);
    expect(collectLeaves(tree).map((l) => l.rev)).toStrictEqual([leaf]);
    expect(collectConflicts(meta)).toStrictEqual([]);
    expect(revExists(tree, '1-h1')).toBe(true);
    expect(latest('1-h1', meta)).toBe(leaf);
    expect(rootToLeaf(tree)[0]!.ids).toHaveLength(DEPTH);
    const ancestry = findRevAncestry(tree, leaf)!;
    expect(revisionsFromPath(ancestry)).toStrictEqual(revisions(1, DEPTH));
    expect(revsInfoFromPath(ancestry)[DEPTH - 1]).toStrictEqual({ rev: '1-h1', status: 'missing' });
    expect(findPathToLeaf(tree, leaf)).toHaveLength(DEPTH);
    expect(removeLeafFromTree(tree, leaf)[0]!.pos).toBe(1);
    expect(missingRevs(tree, ['1-h1', leaf, '1-x'])).toStrictEqual(['1-h1', '1-x']);
    let visited = 0;
    traverseRevTree(tree, () => {
      visited++;
    });
    expect(visited).toBe(DEPTH);
  });

  it('compacts it', () => {
    const available = merge(
      [],
      makeRevTreeFromRevisions(revisions(1, DEPTH), { status: 'available' })[0]!,
      1e9,
    );
    traverseRevTree(available.tree, (_l, _p, _h, _c, o) => {
      o.status = 'available';
    });
    expect(compactableRevs(available.tree, 0)).toHaveLength(DEPTH - 1);
    expect(compactTree({ rev_tree: available.tree })).toHaveLength(DEPTH - 1);
    expect(compactableRevs(available.tree, 0)).toHaveLength(0);
  });

  it('handles two deep branches sharing half their history', () => {
    const half = DEPTH / 2;
    // A conflicting history: x<generation> from `half + 1` on, forking after h<half>.
    const fork = revisions(half + 1, DEPTH, 'x');
    fork.ids.push(`h${half}`);
    const path = makeRevTreeFromRevisions(fork, { status: 'available' })[0]!;
    const branched = merge(tree, path, 1e9);
    expect(branched.conflicts).toBe('new_branch');
    const leaves = collectLeaves(branched.tree).map((l) => l.rev);
    expect(leaves.sort()).toStrictEqual([leaf, `${DEPTH}-x${DEPTH}`]);
    expect(findPathToLeaf(branched.tree, `${DEPTH}-x${DEPTH}`)).toHaveLength(DEPTH - half);
    const stemmed = stem(branched.tree, 10);
    expect(stemmed.tree).toHaveLength(2);
    expect(stemmed.revs).toHaveLength(DEPTH - 10 + (DEPTH - half - 10));
  });
});
