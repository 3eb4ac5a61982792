import { createRequire } from 'node:module';
import { memoryAdapter } from '@satchel/adapter-memory';
import { changesPlugin } from '@satchel/changes';
import { Satchel } from '@satchel/core';
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
