import { describe, expect, it } from 'vitest';
import {
  findRevAncestry,
  makeRevTreeFromRevisions,
  type RevTree,
  revisionsFromPath,
  revsInfoFromPath,
  rootToLeaf,
} from '../../src/rev-tree/index.js';
import { AV, DEL, MI, n } from './build.js';

const tree: RevTree = [
  { pos: 1, ids: n('a', MI, n('b', AV, n('c', DEL), n('d', AV))) },
  { pos: 4, ids: n('x', n('x')[1], n('y', AV)) },
];

function ancestry(rev: string) {
  const found = findRevAncestry(tree, rev);
  return found && { revisions: revisionsFromPath(found), info: revsInfoFromPath(found) };
}

describe('rootToLeaf', () => {
  it('lists root-to-leaf paths left to right with their root generation', () => {
    expect(rootToLeaf(tree)).toStrictEqual([
      {
        pos: 1,
        ids: [
          { id: 'a', opts: MI },
          { id: 'b', opts: AV },
          { id: 'c', opts: DEL },
        ],
      },
      {
        pos: 1,
        ids: [
          { id: 'a', opts: MI },
          { id: 'b', opts: AV },
          { id: 'd', opts: AV },
        ],
      },
      {
        pos: 4,
        ids: [
          { id: 'x', opts: {} },
          { id: 'y', opts: AV },
        ],
      },
    ]);
  });
});

describe('findRevAncestry / revisionsFromPath / revsInfoFromPath', () => {
  it('builds _revisions and _revs_info, newest first', () => {
    expect(ancestry('3-d')).toStrictEqual({
      revisions: { start: 3, ids: ['d', 'b', 'a'] },
      info: [
        { rev: '3-d', status: 'available' },
        { rev: '2-b', status: 'available' },
        { rev: '1-a', status: 'missing' },
      ],
    });
  });

  it('stops at the oldest stored ancestor, and reports absent statuses as undefined', () => {
    expect(ancestry('5-y')).toStrictEqual({
      revisions: { start: 5, ids: ['y', 'x'] },
      info: [
        { rev: '5-y', status: 'available' },
        { rev: '4-x', status: undefined },
      ],
    });
  });

  it('answers undefined for an unknown hash', () => {
    expect(findRevAncestry(tree, '2-zz')).toBeUndefined();
  });

  it('prefers a path holding the hash at index N-1, else the first path holding it', () => {
    // `b` sits at index 1 of the first root (pos 1) and index 0 of the second (pos 2).
    const twice: RevTree = [
      { pos: 1, ids: n('a', MI, n('b', AV)) },
      { pos: 2, ids: n('b', AV, n('c', AV)) },
    ];
    expect(revisionsFromPath(findRevAncestry(twice, '2-b')!)).toStrictEqual({
      start: 2,
      ids: ['b', 'a'],
    });
    // Looked up by hash: generation 7 matches no index, so the first path holding `b` is used.
    expect(revisionsFromPath(findRevAncestry(twice, '7-b')!)).toStrictEqual({
      start: 2,
      ids: ['b', 'a'],
    });
  });

  it('keeps the PouchDB quirk for generation 0: the last path, no revisions', () => {
    expect(ancestry('0-nope')).toStrictEqual({ revisions: { start: 3, ids: [] }, info: [] });
  });
});

describe('makeRevTreeFromRevisions', () => {
  it('builds one branch: the given opts on the leaf, missing ancestors', () => {
    const leafOpts = { status: 'available' as const };
    const built = makeRevTreeFromRevisions({ start: 5, ids: ['e', 'd', 'c'] }, leafOpts);
    expect(built).toStrictEqual([{ pos: 3, ids: n('c', MI, n('d', MI, n('e', AV))) }]);
    expect(built[0]!.ids[2][0]![2][0]![1]).toBe(leafOpts);
  });

  it('rejects an empty ids list', () => {
    expect(() => makeRevTreeFromRevisions({ start: 1, ids: [] }, AV)).toThrow(TypeError);
  });
});
