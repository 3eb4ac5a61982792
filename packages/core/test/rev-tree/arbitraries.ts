import fc from 'fast-check';
import type { RevNodeOpts, RevTree, RevTreeNode, RevTreePath } from '../../src/rev-tree/index.js';
import { pouch } from './reference.js';

/** Hashes from a small alphabet, so revisions collide across branches and generations. */
export const hashArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom('a', 'b', 'c', 'd') },
  {
    weight: 3,
    arbitrary: fc.string({ unit: fc.constantFrom('0', '1', 'e', 'f'), minLength: 1, maxLength: 3 }),
  },
  { weight: 1, arbitrary: fc.constant('') },
);

const statusArb = fc.constantFrom<RevNodeOpts['status']>('available', 'missing', undefined);

/** Opts as found in real trees, plus the status-less ones of very old PouchDB trees. */
export const optsArb: fc.Arbitrary<RevNodeOpts> = fc
  .record({ status: statusArb, deleted: fc.boolean() })
  .map(({ status, deleted }) => {
    const o: RevNodeOpts = {};
    if (status !== undefined) o.status = status;
    if (deleted) o.deleted = true;
    return o;
  });

/** Mostly small limits (lots of stemming), sometimes PouchDB's default. */
export const revsLimitArb: fc.Arbitrary<number> = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 1, max: 8 }) },
  { weight: 2, arbitrary: fc.integer({ min: 9, max: 20 }) },
  { weight: 1, arbitrary: fc.constant(1000) },
);

/**
 * One write, described independently of the tree it will meet; {@link pathFor} turns it into a
 * path against the current tree:
 * - `extend`: a tail of an existing root-to-node path (`ancestors` long), then new revisions:
 *   a normal edit, a conflicting edit from an old revision, or a replicated `_revisions` chain;
 * - `fresh`: an unrelated chain at any generation (a new disjoint root);
 * - `prepend`: a chain reaching back before a root (history the stemmed tree forgot).
 */
export interface WriteOp {
  kind: 'extend' | 'fresh' | 'prepend';
  pickPath: number;
  pickNode: number;
  ancestors: number;
  newIds: string[];
  prefixIds: string[];
  startPos: number;
  ancestorOpts: RevNodeOpts;
  leafOpts: RevNodeOpts;
  revsLimit: number;
}

export const writeOpArb: fc.Arbitrary<WriteOp> = fc.record({
  kind: fc.constantFrom<WriteOp['kind']>('extend', 'extend', 'extend', 'fresh', 'prepend'),
  pickPath: fc.nat(),
  pickNode: fc.nat(),
  ancestors: fc.nat({ max: 12 }),
  newIds: fc.array(hashArb, { maxLength: 4 }),
  prefixIds: fc.array(hashArb, { minLength: 1, maxLength: 4 }),
  startPos: fc.integer({ min: 1, max: 12 }),
  ancestorOpts: fc.oneof(
    { weight: 5, arbitrary: fc.constant<RevNodeOpts>({ status: 'missing' }) },
    { weight: 1, arbitrary: optsArb },
  ),
  leafOpts: fc.oneof(
    { weight: 3, arbitrary: fc.constant<RevNodeOpts>({ status: 'available' }) },
    { weight: 1, arbitrary: fc.constant<RevNodeOpts>({ status: 'available', deleted: true }) },
    { weight: 1, arbitrary: optsArb },
  ),
  revsLimit: revsLimitArb,
});

/** Builds a single-branch path from hashes; the last one gets `leafOpts`. */
export function chain(
  pos: number,
  ids: string[],
  ancestorOpts: RevNodeOpts,
  leafOpts: RevNodeOpts,
): RevTreePath {
  let node: RevTreeNode | undefined;
  for (let i = ids.length - 1; i >= 0; i--) {
    const o = node === undefined ? leafOpts : ancestorOpts;
    node = [ids[i]!, { ...o }, node === undefined ? [] : [node]];
  }
  if (node === undefined) throw new Error('empty chain');
  return { pos, ids: node };
}

/** The path `op` writes into `tree` (see {@link WriteOp}). */
export function pathFor(tree: RevTree, op: WriteOp): RevTreePath {
  const paths = pouch.rootToLeaf(tree);
  const target = paths[op.pickPath % Math.max(1, paths.length)];
  if (op.kind === 'fresh' || target === undefined) {
    const ids = op.newIds.length > 0 ? op.newIds : op.prefixIds;
    return chain(op.startPos, ids, op.ancestorOpts, op.leafOpts);
  }
  const known = target.ids.map((n) => n.id);
  const upTo = op.pickNode % known.length;
  if (op.kind === 'prepend') {
    const prefix = op.prefixIds.slice(0, Math.max(0, target.pos - 1));
    const ids = [...prefix, ...known.slice(0, upTo + 1), ...op.newIds];
    return chain(target.pos - prefix.length, ids, op.ancestorOpts, op.leafOpts);
  }
  const from = Math.max(0, upTo - op.ancestors);
  const ids = [...known.slice(from, upTo + 1), ...op.newIds];
  return chain(target.pos + from, ids, op.ancestorOpts, op.leafOpts);
}

/** Grows a tree the way a database would: each write merged by PouchDB itself. */
export function treeFromWrites(ops: WriteOp[]): RevTree {
  let tree: RevTree = [];
  for (const op of ops) tree = pouch.merge(tree, pathFor(tree, op), op.revsLimit).tree;
  return JSON.parse(JSON.stringify(tree)) as RevTree;
}

export const writesArb = fc.array(writeOpArb, { minLength: 1, maxLength: 16 });

/** A tree grown by random writes (stemmed, branched, sometimes disjoint). */
export const grownTreeArb: fc.Arbitrary<RevTree> = writesArb.map(treeFromWrites);

interface RawNode {
  parent: number;
  id: string;
  opts: RevNodeOpts;
}

/**
 * Arbitrary forests no merge would produce: unsorted and duplicate siblings, roots out of
 * order, any opts. Functions must still agree with PouchDB on them.
 */
export const rawTreeArb: fc.Arbitrary<RevTree> = fc
  .record({
    rootPositions: fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 3 }),
    nodes: fc.array(fc.record({ parent: fc.nat(), id: hashArb, opts: optsArb }), { maxLength: 24 }),
    rootIds: fc.array(hashArb, { minLength: 3, maxLength: 3 }),
    rootOpts: fc.array(optsArb, { minLength: 3, maxLength: 3 }),
  })
  .map(({ rootPositions, nodes, rootIds, rootOpts }) => {
    const all: RevTreeNode[] = rootPositions.map((_, i) => [rootIds[i]!, rootOpts[i]!, []]);
    for (const raw of nodes as RawNode[]) {
      const node: RevTreeNode = [raw.id, raw.opts, []];
      all[raw.parent % all.length]![2].push(node);
      all.push(node);
    }
    return rootPositions.map((pos, i) => ({ pos, ids: all[i]! }));
  });

/** Either kind of tree. */
export const anyTreeArb: fc.Arbitrary<RevTree> = fc.oneof(
  { weight: 3, arbitrary: grownTreeArb },
  { weight: 1, arbitrary: rawTreeArb },
);

/** Every `pos-hash` in a tree, walk order, duplicates kept. */
export function allRevs(tree: RevTree): string[] {
  const revs: string[] = [];
  pouch.traverseRevTree(tree, (_leaf, pos, id) => {
    revs.push(`${pos}-${id}`);
  });
  return revs;
}
