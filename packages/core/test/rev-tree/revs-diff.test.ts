import { describe, expect, it } from 'vitest';
import { missingRevs, possibleAncestors, type RevTree } from '../../src/rev-tree/index.js';
import { AV, DEL, MI, n } from './build.js';

const tree: RevTree = [{ pos: 1, ids: n('a', MI, n('b', AV, n('c', AV), n('d', DEL))) }];

describe('missingRevs', () => {
  it('reports stubs first (walk order), then unknown revisions (request order)', () => {
    expect(missingRevs(tree, ['9-z', '2-b', '1-a', '3-c', '5-y'])).toStrictEqual([
      '1-a',
      '9-z',
      '5-y',
    ]);
  });

  it('returns nothing when everything is stored', () => {
    expect(missingRevs(tree, ['2-b', '3-d'])).toStrictEqual([]);
  });

  it('consumes one request entry per node, as PouchDB does', () => {
    expect(missingRevs(tree, ['2-b', '2-b'])).toStrictEqual(['2-b']);
  });

  it('compares whole rev strings', () => {
    expect(missingRevs(tree, ['02-b', '2-b-x'])).toStrictEqual(['02-b', '2-b-x']);
  });
});

describe('possibleAncestors (CouchDB only)', () => {
  it('lists leaves below the highest missing generation, deleted first, then ascending', () => {
    const forked: RevTree = [
      { pos: 1, ids: n('a', MI, n('b', AV, n('c', AV), n('d', DEL)), n('e', AV)) },
    ];
    expect(possibleAncestors(forked, ['4-x'])).toStrictEqual(['3-d', '2-e', '3-c']);
    expect(possibleAncestors(forked, ['3-x', '1-q'])).toStrictEqual(['2-e']);
    expect(possibleAncestors(forked, ['1-q'])).toStrictEqual([]);
  });
});
