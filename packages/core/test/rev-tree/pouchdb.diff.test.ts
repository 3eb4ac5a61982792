import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  collectConflicts,
  collectLeaves,
  compactableRevs,
  findRevAncestry,
  isDeleted,
  latest,
  makeRevTreeFromRevisions,
  merge,
  missingRevs,
  type RevHistory,
  type RevTree,
  revExists,
  revisionsFromPath,
  revsInfoFromPath,
  traverseRevTree,
  winningRev,
} from '../../src/rev-tree/index.js';
import { allRevs, hashArb, pathFor, type WriteOp, writeOpArb } from './arbitraries.js';
import { SCALE } from './reference.js';

/** The slice of a PouchDB instance these tests use. */
interface PouchDb {
  bulkDocs(docs: object[], opts: { new_edits: false }): Promise<unknown[]>;
  revsDiff(req: Record<string, string[]>): Promise<Record<string, unknown>>;
  get(id: string, opts?: Record<string, unknown>): Promise<Record<string, unknown>>;
  compact(): Promise<unknown>;
  destroy(): Promise<unknown>;
  _getRevisionTree(id: string, cb: (err: unknown, tree: RevTree) => void): void;
}
type PouchCtor = (new (name: string, opts: object) => PouchDb) & { plugin(p: unknown): void };

const require = createRequire(import.meta.url);
const PouchDB = require('pouchdb') as PouchCtor;
PouchDB.plugin(require('pouchdb-adapter-memory'));

let dbCount = 0;
const ID = 'doc';

function storedTree(db: PouchDb): Promise<RevTree> {
  return new Promise((resolve, reject) => {
    db._getRevisionTree(ID, (err, tree) => (err ? reject(err) : resolve(tree)));
  });
}

/** What `bulkDocs(..., {new_edits: false})` does to one document's tree, restated with ours. */
function replicate(tree: RevTree, revisions: RevHistory, deleted: boolean, limit: number): RevTree {
  const leafOpts = deleted
    ? { status: 'available' as const, deleted: true }
    : { status: 'available' as const };
  const path = makeRevTreeFromRevisions(revisions, leafOpts)[0]!;
  if (tree.length > 0 && revExists(tree, `${revisions.start}-${revisions.ids[0]}`)) return tree;
  return merge(tree, path, limit).tree;
}

/** Applies the writes to a real PouchDB and to our tree side by side. */
async function writeBoth(db: PouchDb, ops: WriteOp[], limit: number): Promise<RevTree> {
  let tree: RevTree = [];
  for (const [i, op] of ops.entries()) {
    const path = pathFor(tree, op);
    const ids: string[] = [];
    for (let node = path.ids; ; node = node[2][0]!) {
      ids.unshift(node[0]);
      if (node[2].length === 0) break;
    }
    const revisions = { start: path.pos + ids.length - 1, ids };
    const deleted = Boolean(op.leafOpts.deleted);
    const doc = { _id: ID, _rev: `${revisions.start}-${ids[0]}`, _revisions: revisions, n: i };
    await db.bulkDocs([deleted ? { ...doc, _deleted: true } : doc], { new_edits: false });
    tree = replicate(tree, revisions, deleted, limit);
  }
  return tree;
}

const caseArb = fc.record({
  limit: fc.oneof(fc.integer({ min: 1, max: 8 }), fc.constant(1000)),
  ops: fc.array(writeOpArb, { minLength: 1, maxLength: 10 }),
  extra: fc.array(fc.tuple(fc.integer({ min: 1, max: 14 }), hashArb), { maxLength: 5 }),
  shuffleSeed: fc.nat(),
});

async function withDb<T>(limit: number, run: (db: PouchDb) => Promise<T>): Promise<T> {
  const db = new PouchDB(`rev-tree-diff-${dbCount++}`, { adapter: 'memory', revs_limit: limit });
  try {
    return await run(db);
  } finally {
    await db.destroy();
  }
}

describe('against pouchdb@9 itself (memory adapter, new_edits: false)', () => {
  it('stores the same tree and answers revsDiff the same', async () => {
    await fc.assert(
      fc.asyncProperty(caseArb, ({ limit, ops, extra }) =>
        withDb(limit, async (db) => {
          const tree = await writeBoth(db, ops, limit);
          expect(await storedTree(db)).toStrictEqual(tree);
          const revs = allRevs(tree);
          const asked = [...revs, ...extra.map(([p, h]) => `${p}-${h}`), ...revs.slice(0, 2)];
          const expected: Record<string, unknown> = { nope: { missing: ['1-a', '1-a'] } };
          const missing = missingRevs(tree, asked);
          if (missing.length > 0) expected[ID] = { missing };
          expect(await db.revsDiff({ [ID]: asked, nope: ['1-a', '1-a'] })).toStrictEqual(expected);
        }),
      ),
      { numRuns: 500 * SCALE },
    );
  });

  it('reads: winner, deleted, conflicts, open_revs, latest, _revisions, _revs_info', async () => {
    await fc.assert(
      fc.asyncProperty(caseArb, ({ limit, ops }) =>
        withDb(limit, async (db) => {
          const tree = await writeBoth(db, ops, limit);
          const meta = { id: ID, rev_tree: tree };
          const winner = winningRev(meta);
          if (isDeleted(meta)) {
            await expect(db.get(ID)).rejects.toMatchObject({ status: 404 });
          } else {
            const doc = await db.get(ID, { conflicts: true });
            expect(doc._rev).toBe(winner);
            const conflicts = collectConflicts(meta);
            expect(doc._conflicts).toStrictEqual(conflicts.length > 0 ? conflicts : undefined);
          }
          const open = (await db.get(ID, { open_revs: 'all' })) as unknown as {
            ok: { _rev: string };
          }[];
          // get() drops repeated revs; a stemmed tree can list one leaf under two roots.
          const leaves = [...new Set(collectLeaves(tree).map((l) => l.rev))];
          expect(open.map((r) => r.ok._rev)).toStrictEqual(leaves);
          for (const rev of availableRevs(tree)) await expectSameRead(db, tree, rev);
        }),
      ),
      { numRuns: 300 * SCALE },
    );
  });

  it('compaction marks the same revisions missing', async () => {
    await fc.assert(
      fc.asyncProperty(caseArb, ({ limit, ops }) =>
        withDb(limit, async (db) => {
          const tree = await writeBoth(db, ops, limit);
          const doomed = new Set(compactableRevs(tree, 0));
          traverseRevTree(tree, (_leaf, pos, hash, _ctx, o) => {
            if (doomed.has(`${pos}-${hash}`)) o.status = 'missing';
          });
          await db.compact();
          expect(await storedTree(db)).toStrictEqual(tree);
        }),
      ),
      { numRuns: 300 * SCALE },
    );
  });
});

function availableRevs(tree: RevTree): string[] {
  const revs: string[] = [];
  traverseRevTree(tree, (_leaf, pos, hash, _ctx, o) => {
    if (o.status === 'available') revs.push(`${pos}-${hash}`);
  });
  return revs;
}

/** `get` of one stored revision, with `revs`, `revs_info` and `latest`, matches ours. */
async function expectSameRead(db: PouchDb, tree: RevTree, rev: string): Promise<void> {
  const doc = await db.get(ID, { rev, revs: true, revs_info: true });
  const ancestry = findRevAncestry(tree, rev);
  expect(ancestry).toBeDefined();
  expect(doc._revisions).toStrictEqual(revisionsFromPath(ancestry!));
  expect(doc._revs_info).toStrictEqual(revsInfoFromPath(ancestry!));
  const newest = await db.get(ID, { rev, latest: true });
  expect(newest._rev).toBe(latest(rev, { rev_tree: tree }));
}
