import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { leveldbAdapter } from '@satchel/adapter-leveldb';
import { afterAll, describe, expect, it } from 'vitest';
import {
  expectOnlyMatches,
  newDb,
  newPouch,
  outcome,
  type PouchLike,
  Satchel,
  uniqueName,
  withoutWrongDocs,
} from './helpers.js';
import { chance, pick, prng, randomDocs } from './random-data.js';
import { randomIndex, randomRequest } from './random-queries.js';

const SEEDS = Number(process.env.MANGO_SEEDS ?? 30);
const QUERIES_PER_SEED = 40;

const copy = <T>(value: T): T => structuredClone(value);

/** PouchDB crashes with a TypeError on a few malformed plans where Satchel answers. */
function pouchCrashed(theirs: unknown): boolean {
  const err = (theirs as { error?: { message?: string } }).error;
  return err?.message !== undefined && /Cannot (read|convert)|is not|undefined/.test(err.message);
}

/** Replaces, deletes or creates documents the same way in both databases. */
async function editBoth(
  db: Satchel,
  pouch: PouchLike,
  docs: Record<string, unknown>[],
  rand: () => number,
) {
  for (const doc of docs) {
    const existing = (await db.get(doc._id as string).catch(() => undefined)) as
      | { _rev: string }
      | undefined;
    let next: Record<string, unknown> = existing ? { ...doc, _rev: existing._rev } : doc;
    if (existing && chance(rand, 0.3)) next = { _id: doc._id, _rev: existing._rev, _deleted: true };
    await db.bulkDocs([copy(next)]);
    await pouch.bulkDocs([copy(next)]);
  }
}

Satchel.adapter('leveldb', leveldbAdapter);
const dir = mkdtempSync(join(tmpdir(), 'satchel-mango-diff-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const leveldbDb = () => new Satchel(join(dir, uniqueName()), { adapter: 'leveldb' });

describe('differential against pouchdb@9 + pouchdb-find@9 (memory)', () => {
  for (let seed = 1; seed <= SEEDS; seed++) {
    it(`gives identical results (seed ${seed})`, () => runSeed(seed, newDb));
  }
});

describe('differential against pouchdb@9 + pouchdb-find@9 (leveldb)', () => {
  for (let seed = 1001; seed <= 1005; seed++) {
    it(`gives identical results (seed ${seed})`, () => runSeed(seed, leveldbDb));
  }
});

/**
 * One random run: random documents, indexes, queries (find and explain), edits between
 * queries and an index deletion, each compared with pouchdb-find's answer.
 */
async function runSeed(seed: number, makeDb: () => Satchel): Promise<void> {
  const rand = prng(seed);
  const docs = randomDocs(rand, 10 + Math.floor(rand() * 40));
  const db = makeDb();
  const pouch = newPouch();
  pouch.on('error', () => undefined);
  await db.bulkDocs(copy(docs));
  await pouch.bulkDocs(copy(docs));
  const ddocs: string[] = [];
  const indexCount = 1 + Math.floor(rand() * 4);
  const indexFields: string[][] = [];
  for (let i = 0; i < indexCount; i++) {
    const req = randomIndex(rand, i);
    const ours = await outcome(db.createIndex(copy(req) as never));
    const theirs = await outcome(pouch.createIndex(copy(req)));
    expect(ours, JSON.stringify(req)).toEqual(theirs);
    const id = (ours as { result?: { id: string } }).result?.id;
    if (id) ddocs.push(id);
    indexFields.push(
      (req.index as { fields: unknown[] }).fields.map((f) =>
        typeof f === 'string' ? f : (Object.keys(f as object)[0] as string),
      ),
    );
  }
  expect(await db.getIndexes()).toEqual(await pouch.getIndexes());
  for (let q = 0; q < QUERIES_PER_SEED; q++) {
    if (q % 10 === 9) await editBoth(db, pouch, randomDocs(rand, 4), rand);
    const req = randomRequest(rand, ddocs, indexFields);
    const label = JSON.stringify(req);
    const theirs = await outcome(pouch.find(copy(req)));
    const ours = await outcome(db.find(copy(req) as never));
    await expectOnlyMatches(db, req, label);
    const expected = pouchCrashed(theirs) ? undefined : await withoutWrongDocs(pouch, req, theirs);
    if (expected === undefined) continue;
    expect(ours, label).toEqual(expected);
    const theirPlan = await outcome(pouch.explain(copy(req)));
    if (pouchCrashed(theirPlan)) continue;
    const ourPlan = (await outcome(db.explain(copy(req) as never))) as {
      result?: { dbname: string };
    };
    if (ourPlan.result) ourPlan.result.dbname = pouch.name;
    expect(ourPlan, `explain ${label}`).toEqual(theirPlan);
  }
  if (ddocs.length > 0) {
    const { indexes } = (await db.getIndexes()) as {
      indexes: { ddoc: string | null; name: string }[];
    };
    const victim = pick(
      rand,
      indexes.filter((i) => i.ddoc !== null),
    );
    expect(await outcome(db.deleteIndex(copy(victim) as never))).toEqual(
      await outcome(pouch.deleteIndex(copy(victim))),
    );
    expect(await db.getIndexes()).toEqual(await pouch.getIndexes());
    const req = { selector: { a: { $gt: null } }, sort: ['a'] };
    const theirs = await outcome(pouch.find(copy(req)));
    const expected = pouchCrashed(theirs) ? undefined : await withoutWrongDocs(pouch, req, theirs);
    if (expected !== undefined)
      expect(await outcome(db.find(copy(req) as never))).toEqual(expected);
  }
  await db.destroy();
  await pouch.destroy();
}
