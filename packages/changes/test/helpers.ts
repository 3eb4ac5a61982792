import { createRequire } from 'node:module';
import { memoryAdapter } from '@satchel/adapter-memory';
import { Satchel } from '@satchel/core';
import { changesPlugin } from '../src/index.js';

Satchel.adapter('memory', memoryAdapter, true);
Satchel.plugin(changesPlugin);

export { Satchel };

let counter = 0;

/** A database name no other test uses (memory databases are shared by name). */
export function uniqueName(prefix = 'changes'): string {
  counter += 1;
  return `${prefix}-${process.pid}-${Date.now()}-${counter}`;
}

/** A fresh Satchel database on the memory adapter. */
export function newDb(): Satchel {
  return new Satchel(uniqueName(), { adapter: 'memory' });
}

/** The oracle's database type: only what the tests use. */
export interface PouchLike {
  put(doc: object): Promise<{ rev: string }>;
  bulkDocs(docs: object[], opts?: object): Promise<unknown[]>;
  get(id: string): Promise<Record<string, unknown>>;
  changes(opts?: object): PouchFeed;
  info(): Promise<{ update_seq: number | string }>;
  destroy(): Promise<unknown>;
}

/** The oracle's feed: an emitter that is a promise. */
export interface PouchFeed extends PromiseLike<unknown> {
  on(event: string, listener: (...args: unknown[]) => void): PouchFeed;
  cancel(): void;
  catch(onRejected: (err: unknown) => unknown): Promise<unknown>;
}

type PouchCtor = (new (name: string, opts?: object) => PouchLike) & { plugin(p: unknown): void };

const require = createRequire(import.meta.url);
let pouchCtor: PouchCtor | undefined;

/** pouchdb@9 with its memory adapter: the oracle differential tests compare against. */
export function newPouch(): PouchLike {
  if (!pouchCtor) {
    pouchCtor = require('pouchdb') as PouchCtor;
    pouchCtor.plugin(require('pouchdb-adapter-memory'));
  }
  return new pouchCtor(uniqueName('pouch'), { adapter: 'memory' });
}

/** Runs a feed to the end, recording its `change` events and its outcome. */
export async function runFeed(
  feed: PromiseLike<unknown> & {
    on(event: string, listener: (...args: unknown[]) => void): unknown;
  },
): Promise<{ events: unknown[]; result?: unknown; error?: unknown }> {
  const events: unknown[] = [];
  feed.on('change', (change) => events.push(change));
  try {
    const result = await feed;
    return { events, result };
  } catch (error) {
    return { events, error: errorShape(error) };
  }
}

/** The fields of an error code compares (PouchDB's public error shape). */
export function errorShape(err: unknown): Record<string, unknown> {
  const e = err as Record<string, unknown>;
  const shape: Record<string, unknown> = { status: e.status, name: e.name, message: e.message };
  if (e.reason !== undefined) shape.reason = e.reason;
  if (e.error !== undefined) shape.error = e.error;
  return shape;
}

/** Resolves after `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Waits until `check` is true (polling), failing after `timeoutMs`. */
export async function waitFor(check: () => boolean, timeoutMs = 2000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out waiting');
    await sleep(2);
  }
}

/** A Satchel database and a pouchdb@9 database that receive the same writes. */
export interface Pair {
  satchel: Satchel;
  pouch: PouchLike;
}

/** A fresh pair of empty databases. */
export function newPair(): Pair {
  return { satchel: newDb(), pouch: newPouch() };
}

/** Writes `docs` one `bulkDocs` call at a time to both databases (same revs on both). */
export async function writeBoth(pair: Pair, docs: object[], opts: object = {}): Promise<void> {
  for (const doc of docs) {
    await pair.satchel.bulkDocs([doc as Record<string, unknown>], opts);
    await pair.pouch.bulkDocs([doc], opts);
  }
}

/** Runs `changes(opts)` on both databases and returns both outcomes for comparison. */
export async function changesOnBoth(
  pair: Pair,
  opts: object,
): Promise<{ satchel: unknown; pouch: unknown }> {
  const satchel = await runFeed(pair.satchel.changes(opts));
  const pouch = await runFeed(pair.pouch.changes(opts));
  return { satchel, pouch };
}
