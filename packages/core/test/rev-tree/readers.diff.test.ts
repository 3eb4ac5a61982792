import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  collectConflicts,
  collectDeletedConflicts,
  collectLeaves,
  compactTree,
  findPathToLeaf,
  findRevAncestry,
  isDeleted,
  isLocalId,
  latest,
  missingRevs,
  type RevTree,
  removeLeafFromTree,
  revExists,
  revisionsFromPath,
  revsInfoFromPath,
  rootToLeaf,
  traverseRevTree,
  winningRev,
} from '../../src/rev-tree/index.js';
import { allRevs, anyTreeArb, hashArb } from './arbitraries.js';
import { jsonClone, pouch, SCALE } from './reference.js';

/** The value returned, or the message thrown, so both outcomes can be compared. */
function outcome<T>(run: () => T): { value: T } | { error: string } {
  try {
    return { value: run() };
  } catch (err) {
    return { error: (err as Error).message };
  }
}

/** Revisions worth asking about: every one in the tree, plus near misses and odd spellings. */
const probesArb = (tree: RevTree) =>
  fc.array(fc.tuple(fc.integer({ min: 0, max: 14 }), hashArb), { maxLength: 6 }).map((extra) => {
    const revs = allRevs(tree);
    const odd = revs.flatMap((r) => [`0${r}`, `${r}-x`, r.slice(r.indexOf('-') + 1)]);
    return [...revs, ...odd.slice(0, 6), ...extra.map(([p, h]) => `${p}-${h}`)];
  });

const treeAndProbes = anyTreeArb.chain((tree) => fc.tuple(fc.constant(tree), probesArb(tree)));

/**
 * PouchDB's `get` picks the path for `revs`/`revs_info` inline (not exported); this oracle
 * restates that procedure over pouchdb-merge's `rootToLeaf`.
 */
function pouchAncestry(tree: RevTree, rev: string) {
  const [num, hash] = rev.split('-');
  const revNo = Number.parseInt(num!, 10);
  let chosen: ReturnType<typeof pouch.rootToLeaf>[number] | undefined;
  for (const path of pouch.rootToLeaf(tree)) {
    const at = path.ids.findIndex((x) => x.id === hash);
    if (at === revNo - 1 || (!chosen && at !== -1)) chosen = path;
  }
  if (!chosen) return undefined;
  const ids = chosen.ids.slice(0, chosen.ids.findIndex((x) => x.id === hash) + 1).reverse();
  const start = chosen.pos + ids.length - 1;
  return {
    revisions: { start, ids: ids.map((x) => x.id) },
    info: ids.map((x, i) => ({ rev: `${start - i}-${x.id}`, status: x.opts.status })),
  };
}

/** PouchDB's `revsDiff` for one existing document, restated from its source. */
function pouchMissing(tree: RevTree, revs: string[]): string[] {
  const pending = revs.slice();
  const missing: string[] = [];
  pouch.traverseRevTree(tree, (_leaf, pos, hash, _ctx, o) => {
    const rev = `${pos}-${hash}`;
    const at = pending.indexOf(rev);
    if (at === -1) return;
    pending.splice(at, 1);
    if (o.status !== 'available') missing.push(rev);
  });
  return [...missing, ...pending];
}

const RUNS = { numRuns: 1200 * SCALE };

describe('read-only functions agree with pouchdb-merge', () => {
  it('winningRev, collectLeaves, collectConflicts, rootToLeaf', () => {
    fc.assert(
      fc.property(anyTreeArb, (tree) => {
        const before = jsonClone(tree);
        const meta = { rev_tree: tree };
        expect(winningRev(meta)).toBe(pouch.winningRev(meta));
        expect(collectLeaves(tree)).toStrictEqual(pouch.collectLeaves(tree));
        expect(collectConflicts(meta)).toStrictEqual(pouch.collectConflicts(meta));
        expect(rootToLeaf(tree)).toStrictEqual(pouch.rootToLeaf(tree));
        const win = pouch.winningRev(meta);
        const deleted = pouch
          .collectLeaves(tree)
          .filter((l) => l.rev !== win && l.opts.deleted)
          .map((l) => l.rev);
        expect(collectDeletedConflicts(meta)).toStrictEqual(deleted);
        expect(tree).toStrictEqual(before);
      }),
      RUNS,
    );
  });

  it('traverseRevTree: same calls, same order, same contexts', () => {
    fc.assert(
      fc.property(anyTreeArb, (tree) => {
        const record = (fn: typeof traverseRevTree) => {
          const calls: unknown[] = [];
          let n = 0;
          fn<number>(tree, (isLeaf, pos, hash, ctx, o) => {
            calls.push([isLeaf, pos, hash, ctx, o]);
            return n++;
          });
          return calls;
        };
        expect(record(traverseRevTree)).toStrictEqual(record(pouch.traverseRevTree));
      }),
      RUNS,
    );
  });

  it('isDeleted, revExists, latest, findPathToLeaf for every revision and near misses', () => {
    fc.assert(
      fc.property(treeAndProbes, ([tree, probes]) => {
        const meta = { id: 'doc', rev_tree: tree };
        expect(isDeleted(meta)).toBe(Boolean(pouch.isDeleted(meta)));
        for (const rev of probes) {
          expect(isDeleted(meta, rev)).toBe(Boolean(pouch.isDeleted(meta, rev)));
          expect(revExists(tree, rev)).toBe(pouch.revExists(tree, rev));
          expect(outcome(() => latest(rev, meta))).toStrictEqual(
            outcome(() => pouch.latest(rev, meta)),
          );
          expect(outcome(() => findPathToLeaf(tree, rev))).toStrictEqual(
            outcome(() => pouch.findPathToLeaf(tree, rev)),
          );
        }
      }),
      RUNS,
    );
  });

  it('removeLeafFromTree copies and cuts as PouchDB does', () => {
    fc.assert(
      fc.property(treeAndProbes, ([tree, probes]) => {
        const before = jsonClone(tree);
        for (const rev of probes) {
          expect(removeLeafFromTree(tree, rev)).toStrictEqual(pouch.removeLeafFromTree(tree, rev));
        }
        expect(tree).toStrictEqual(before);
      }),
      RUNS,
    );
  });

  it('compactTree returns the same revs and marks the tree the same way', () => {
    fc.assert(
      fc.property(anyTreeArb, (tree) => {
        const ours = { rev_tree: jsonClone(tree) };
        const theirs = { rev_tree: jsonClone(tree) };
        expect(compactTree(ours)).toStrictEqual(pouch.compactTree(theirs));
        expect(ours).toStrictEqual(theirs);
      }),
      RUNS,
    );
  });

  it('_revisions and _revs_info pick the path PouchDB get picks', () => {
    fc.assert(
      fc.property(treeAndProbes, ([tree, probes]) => {
        for (const rev of probes) {
          const found = findRevAncestry(tree, rev);
          const ours = found && {
            revisions: revisionsFromPath(found),
            info: revsInfoFromPath(found),
          };
          expect(ours).toStrictEqual(pouchAncestry(tree, rev));
        }
      }),
      RUNS,
    );
  });

  it('missingRevs matches PouchDB revsDiff, duplicates and order included', () => {
    const caseArb = treeAndProbes.chain(([tree, probes]) =>
      fc.tuple(fc.constant(tree), fc.shuffledSubarray([...probes, ...probes.slice(0, 3)])),
    );
    fc.assert(
      fc.property(caseArb, ([tree, request]) => {
        expect(missingRevs(tree, request)).toStrictEqual(pouchMissing(tree, request));
      }),
      RUNS,
    );
  });

  it('isLocalId', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.constant('_local/x'), fc.constant('_local'), fc.nat()),
        (id) => {
          expect(isLocalId(id)).toBe(pouch.isLocalId(id));
        },
      ),
    );
  });
});
