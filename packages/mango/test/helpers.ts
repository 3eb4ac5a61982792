import { createRequire } from 'node:module';
import { memoryAdapter } from '@satchel/adapter-memory';
import { changesPlugin } from '@satchel/changes';
import { Satchel } from '@satchel/core';
import { expect } from 'vitest';
import { mangoPlugin } from '../src/index.js';

Satchel.adapter('memory', memoryAdapter, true);
Satchel.plugin(changesPlugin);
Satchel.plugin(mangoPlugin);

export { Satchel };

let counter = 0;

/** A database name no other test uses (memory databases are shared by name). */
export function uniqueName(prefix = 'mango'): string {
  counter += 1;
  return `${prefix}-${process.pid}-${Date.now()}-${counter}`;
}

/** A fresh Satchel database on the memory adapter. */
export function newDb(): Satchel {
  return new Satchel(uniqueName(), { adapter: 'memory' });
}

/** The oracle's database type: only what the tests use. */
export interface PouchLike {
  name: string;
  bulkDocs(docs: object[], opts?: object): Promise<unknown[]>;
  createIndex(req: unknown): Promise<unknown>;
  getIndexes(): Promise<unknown>;
  deleteIndex(index: unknown): Promise<unknown>;
  find(req: unknown): Promise<{ docs: Record<string, unknown>[]; warning?: string }>;
  explain(req: unknown): Promise<unknown>;
  get(id: string): Promise<Record<string, unknown>>;
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  destroy(): Promise<unknown>;
}

type PouchCtor = (new (name: string, opts?: object) => PouchLike) & { plugin(p: unknown): void };

const require = createRequire(import.meta.url);
let pouchCtor: PouchCtor | undefined;

/** pouchdb@9 + pouchdb-find@9 on its memory adapter: the oracle. */
export function newPouch(name = uniqueName('pouch')): PouchLike {
  if (!pouchCtor) {
    pouchCtor = require('pouchdb') as PouchCtor;
    pouchCtor.plugin(require('pouchdb-adapter-memory'));
    pouchCtor.plugin(require('pouchdb-find'));
  }
  return new pouchCtor(name, { adapter: 'memory' });
}

/** Settles a promise into `{result}` or `{error}` (the message and any string `error`). */
export async function outcome(p: Promise<unknown>): Promise<unknown> {
  try {
    return { result: await p };
  } catch (err) {
    const e = err as { error?: unknown; message?: string };
    return {
      error: { message: e.message, error: typeof e.error === 'string' ? e.error : undefined },
    };
  }
}

type Request = Record<string, unknown>;
type Docs = Record<string, unknown>[];

/** pouchdb-selector-core 9's `matchesSelector`: the oracle of what a selector matches. */
const pouchMatches = (() => {
  const findRequire = createRequire(require.resolve('pouchdb-find'));
  const core = findRequire('pouchdb-selector-core') as {
    matchesSelector(doc: unknown, selector: unknown): boolean;
  };
  return (doc: unknown, selector: unknown): boolean | undefined => {
    try {
      return core.matchesSelector(doc, structuredClone(selector));
    } catch {
      return undefined; // a selector pouchdb cannot evaluate: no verdict
    }
  };
})();

/**
 * The right answer to a find, from pouchdb-find's: its answer read whole (no `skip`, no
 * `limit`), less the documents the selector does not match (it returns some: documents lacking
 * an indexed field sit in the index as `null`, two bounds on one field become one, selector
 * fields the sort outnumbers are never tested), then `skip` and `limit`. Reading whole also
 * leaves out pouchdb-find's paging slips (a `$gt` start dropped after `limit`, design
 * documents counted by `skip`). `undefined` when pouchdb cannot answer or evaluate the selector.
 * @param pouch - the oracle database.
 * @param req - the find request.
 * @param theirs - `outcome(pouch.find(req))`.
 */
export async function withoutWrongDocs(
  pouch: PouchLike,
  req: Request,
  theirs: unknown,
): Promise<unknown> {
  const result = (theirs as { result?: { docs: Docs; warning?: string } }).result;
  if (!result) return theirs;
  const everything: Request = { ...structuredClone(req), limit: 1e9, skip: 0 };
  delete everything.fields;
  let full: Docs;
  let projected: Docs;
  try {
    full = (await pouch.find(everything)).docs;
    projected = (await pouch.find({ ...everything, fields: req.fields })).docs;
  } catch {
    return undefined;
  }
  const keep = full.map((doc) => pouchMatches(doc, req.selector));
  if (keep.includes(undefined)) return undefined;
  const skip = (req.skip as number | undefined) ?? 0;
  const limit = (req.limit as number | undefined) ?? 25;
  const docs = projected.filter((_, i) => keep[i]).slice(skip, skip + limit);
  return { result: result.warning ? { docs, warning: result.warning } : { docs } };
}

/**
 * For requests pouchdb-find cannot answer (it throws a TypeError): Satchel's answer, read
 * without projection, holds only documents the selector matches.
 */
export async function expectOnlyMatches(db: Satchel, req: Request, label: string): Promise<void> {
  const plain: Request = { ...structuredClone(req) };
  delete plain.fields;
  const ours = await outcome(db.find(plain as never));
  const docs = (ours as { result?: { docs: Docs } }).result?.docs ?? [];
  for (const doc of docs) {
    const verdict = pouchMatches(doc, req.selector);
    if (verdict !== undefined)
      expect(verdict, `${label} returned ${JSON.stringify(doc)}`).toBe(true);
  }
}
