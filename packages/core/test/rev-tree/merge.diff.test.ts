import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { merge, type RevTree, stem } from '../../src/rev-tree/index.js';
import {
  anyTreeArb,
  pathFor,
  rawTreeArb,
  revsLimitArb,
  writeOpArb,
  writesArb,
} from './arbitraries.js';
import { jsonClone, pouch, SCALE } from './reference.js';

/** Merges with both implementations and checks they agree and ours leaves its inputs alone. */
function mergeBoth(tree: RevTree, path: Parameters<typeof merge>[1], limit: number) {
  const before = jsonClone({ tree, path });
  const ours = merge(tree, path, limit);
  expect({ tree, path }).toStrictEqual(before);
  const theirs = pouch.merge(jsonClone(tree), jsonClone(path), limit);
  expect(ours).toStrictEqual(theirs);
  return theirs;
}

describe('merge agrees with pouchdb-merge', () => {
  it('on random write sequences (stemmed, branched, disjoint)', () => {
    fc.assert(
      fc.property(writesArb, (ops) => {
        let tree: RevTree = [];
        for (const op of ops)
          tree = jsonClone(mergeBoth(tree, pathFor(tree, op), op.revsLimit).tree);
      }),
      { numRuns: 700 * SCALE },
    );
  });

  it('when merging into arbitrary forests (unsorted, duplicate siblings)', () => {
    fc.assert(
      fc.property(rawTreeArb, writeOpArb, (tree, op) => {
        mergeBoth(tree, pathFor(tree, op), op.revsLimit);
      }),
      { numRuns: 1500 * SCALE },
    );
  });

  it('when merging an arbitrary forest as the path', () => {
    fc.assert(
      fc.property(anyTreeArb, rawTreeArb, revsLimitArb, (tree, other, limit) => {
        mergeBoth(tree, other[0]!, limit);
      }),
      { numRuns: 1000 * SCALE },
    );
  });
});

describe('stem agrees with pouchdb-merge', () => {
  it('on any tree and depth', () => {
    fc.assert(
      fc.property(anyTreeArb, revsLimitArb, (tree, depth) => {
        const before = jsonClone(tree);
        const ours = stem(tree, depth);
        expect(tree).toStrictEqual(before);
        expect(ours).toStrictEqual(pouch.stem(jsonClone(tree), depth));
      }),
      { numRuns: 1500 * SCALE },
    );
  });
});
