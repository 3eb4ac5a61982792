import { describe, expect, it } from 'vitest';
import {
  collectConflicts,
  collectDeletedConflicts,
  collectLeaves,
  isDeleted,
  isLocalId,
  latest,
  type RevTree,
  revExists,
  traverseRevTree,
  winningRev,
} from '../../src/rev-tree/index.js';
import { AV, DEL, MI, n } from './build.js';

/** 1-a -> 2-b -> {3-c (deleted), 3-d -> 4-e}, plus a disjoint stemmed root 3-x. */
const branched: RevTree = [
  { pos: 1, ids: n('a', MI, n('b', MI, n('c', DEL), n('d', MI, n('e', AV)))) },
  { pos: 3, ids: n('x', AV) },
];
const meta = { id: 'doc', rev_tree: branched };

describe('winningRev', () => {
  it('prefers live leaves, then the higher generation, then the greater hash', () => {
    expect(winningRev(meta)).toBe('4-e');
    const tie = [{ pos: 1, ids: n('a', MI, n('b', AV), n('f', AV), n('z', DEL)) }];
    expect(winningRev({ rev_tree: tie })).toBe('2-f');
    const allDeleted = [{ pos: 1, ids: n('a', MI, n('b', DEL), n('c', MI, n('d', DEL))) }];
    expect(winningRev({ rev_tree: allDeleted })).toBe('3-d');
  });

  it("keeps PouchDB's quirks: empty tree, empty hash never leads", () => {
    expect(winningRev({ rev_tree: [] })).toBe('undefined-undefined');
    // '3-' outranks '2-b', but PouchDB lets the next leaf visited replace an empty hash.
    const tree = [{ pos: 1, ids: n('a', MI, n('b', AV), n('c', MI, n('', AV))) }];
    expect(winningRev({ rev_tree: tree })).toBe('2-b');
  });
});

describe('isDeleted', () => {
  it('checks the winner by default, or a given revision', () => {
    expect(isDeleted(meta)).toBe(false);
    expect(isDeleted(meta, '3-c')).toBe(true);
    expect(isDeleted(meta, '3-d')).toBe(false);
  });

  it('looks up by hash only, and answers false for unknown hashes', () => {
    expect(isDeleted(meta, '9-c')).toBe(true);
    expect(isDeleted(meta, '3-nope')).toBe(false);
  });
});

describe('collectLeaves / collectConflicts / collectDeletedConflicts', () => {
  it('lists leaves highest generation first', () => {
    expect(collectLeaves(branched)).toStrictEqual([
      { rev: '4-e', opts: AV },
      { rev: '3-c', opts: DEL },
      { rev: '3-x', opts: AV },
    ]);
  });

  it('splits the other leaves into live and deleted conflicts', () => {
    expect(collectConflicts(meta)).toStrictEqual(['3-x']);
    expect(collectDeletedConflicts(meta)).toStrictEqual(['3-c']);
  });

  it('returns the tree opts objects themselves', () => {
    expect(collectLeaves(branched)[0]!.opts).toBe(branched[0]!.ids[2][0]![2][1]![2][0]![1]);
  });
});

describe('revExists', () => {
  it('finds available and missing revisions, at their generation only', () => {
    expect(revExists(branched, '1-a')).toBe(true);
    expect(revExists(branched, '3-x')).toBe(true);
    expect(revExists(branched, '2-a')).toBe(false);
  });

  it("parses leniently, like PouchDB's parseInt and split", () => {
    expect(revExists(branched, '01-a')).toBe(true);
    expect(revExists(branched, '1-a-whatever')).toBe(true);
    expect(revExists(branched, 'a')).toBe(false);
  });
});

describe('latest', () => {
  it('returns a leaf as itself and an ancestor as the first leaf below it', () => {
    expect(latest('4-e', meta)).toBe('4-e');
    expect(latest('3-d', meta)).toBe('4-e');
    // Walk order visits the last child first: 3-d's branch before 3-c.
    expect(latest('2-b', meta)).toBe('4-e');
    expect(latest('3-x', meta)).toBe('3-x');
  });

  it("throws PouchDB's error for an unknown revision", () => {
    expect(() => latest('9-z', meta)).toThrow(
      'Unable to resolve latest revision for id doc, rev 9-z',
    );
  });
});

describe('traverseRevTree', () => {
  it("visits last root first, last child first, passing each node its parent's result", () => {
    const seen: string[] = [];
    traverseRevTree<string>(branched, (isLeaf, pos, hash, parent) => {
      seen.push(`${parent ?? '-'}>${pos}-${hash}${isLeaf ? '*' : ''}`);
      return `${pos}-${hash}`;
    });
    expect(seen).toStrictEqual(['->3-x*', '->1-a', '1-a>2-b', '2-b>3-d', '3-d>4-e*', '2-b>3-c*']);
  });
});

describe('isLocalId', () => {
  it('recognises _local/ ids only', () => {
    expect(isLocalId('_local/x')).toBe(true);
    expect(isLocalId('_local')).toBe(false);
    expect(isLocalId('_design/x')).toBe(false);
    expect(isLocalId(42)).toBe(false);
  });
});
