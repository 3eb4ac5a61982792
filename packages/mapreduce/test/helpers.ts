import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { leveldbAdapter } from '@satchel/adapter-leveldb';
import { memoryAdapter } from '@satchel/adapter-memory';
import { changesPlugin } from '@satchel/changes';
import { Satchel } from '@satchel/core';
import { mapreducePlugin } from '../src/index.js';

Satchel.adapter('memory', memoryAdapter, true);
Satchel.adapter('leveldb', leveldbAdapter);
Satchel.plugin(changesPlugin);
Satchel.plugin(mapreducePlugin);

export { Satchel };

/** The storage a test database lives in. */
export type Storage = 'memory' | 'leveldb';

let counter = 0;
let tempDir: string | undefined;

/** A database name no other test uses (memory databases are shared by name). */
export function uniqueName(prefix = 'mapreduce'): string {
  counter += 1;
  return `${prefix}-${process.pid}-${Date.now()}-${counter}`;
}

/** The directory LevelDB test databases go in (the OS cleans it; tests destroy their dbs). */
export function leveldbDir(): string {
  tempDir ??= mkdtempSync(join(tmpdir(), 'satchel-mapreduce-'));
  return tempDir;
}

/** A fresh Satchel database on the memory adapter, or on LevelDB in a temp dir. */
export function newDb(storage: Storage = 'memory', opts: object = {}): Satchel {
  if (storage === 'memory') return new Satchel(uniqueName(), { adapter: 'memory', ...opts });
  return new Satchel(join(leveldbDir(), uniqueName()), { adapter: 'leveldb', ...opts });
}

/** The oracle's database type: only what the tests use. */
export interface PouchLike {
  bulkDocs(docs: object[], opts?: object): Promise<unknown[]>;
  query(fun: unknown, opts?: object): Promise<unknown>;
  viewCleanup(): Promise<unknown>;
  info(): Promise<{ db_name: string }>;
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  destroy(): Promise<unknown>;
}

type PouchCtor = (new (name: string, opts?: object) => PouchLike) & { plugin(p: unknown): void };

const require = createRequire(import.meta.url);
let pouchCtor: PouchCtor | undefined;

/** pouchdb@9 with its memory adapter plugged in. */
export function pouchDB(): PouchCtor {
  if (!pouchCtor) {
    pouchCtor = require('pouchdb') as PouchCtor;
    pouchCtor.plugin(require('pouchdb-adapter-memory'));
  }
  return pouchCtor;
}

/** pouchdb@9 (memory, or its own LevelDB in a temp dir): the differential tests' oracle. */
export function newPouch(storage: Storage = 'memory'): PouchLike {
  const Ctor = pouchDB();
  if (storage === 'memory') return new Ctor(uniqueName('pouch'), { adapter: 'memory' });
  return new Ctor(join(leveldbDir(), uniqueName('pouch')), { adapter: 'leveldb' });
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
