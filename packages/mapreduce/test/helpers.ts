import { createRequire } from 'node:module';
import { memoryAdapter } from '@satchel/adapter-memory';
import { changesPlugin } from '@satchel/changes';
import { Satchel } from '@satchel/core';
import { mapreducePlugin } from '../src/index.js';

Satchel.adapter('memory', memoryAdapter, true);
Satchel.plugin(changesPlugin);
Satchel.plugin(mapreducePlugin);

export { Satchel };

let counter = 0;

/** A database name no other test uses (memory databases are shared by name). */
export function uniqueName(prefix = 'mapreduce'): string {
  counter += 1;
  return `${prefix}-${process.pid}-${Date.now()}-${counter}`;
}

/** A fresh Satchel database on the memory adapter. */
export function newDb(): Satchel {
  return new Satchel(uniqueName(), { adapter: 'memory' });
}

/** The oracle's database type: only what the tests use. */
export interface PouchLike {
  bulkDocs(docs: object[], opts?: object): Promise<unknown[]>;
  query(fun: unknown, opts?: object): Promise<unknown>;
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  destroy(): Promise<unknown>;
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

/** Settles a promise into `{result}` or `{error}` with the error's PouchDB fields. */
export async function outcome(p: Promise<unknown>): Promise<unknown> {
  try {
    return { result: await p };
  } catch (err) {
    const e = err as { status?: number; name?: string; message?: string };
    return { error: { status: e.status, name: e.name, message: e.message } };
  }
}
