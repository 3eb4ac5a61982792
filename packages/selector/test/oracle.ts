import { createRequire } from 'node:module';

/** pouchdb-selector-core@9's exports the tests compare against. */
export interface PouchSelectorCore {
  matchesSelector(doc: unknown, selector: unknown): boolean;
  massageSelector(selector: unknown): Record<string, unknown>;
  rowFilter(doc: unknown, selector: unknown, fields: string[]): boolean;
  filterInMemoryFields<R>(rows: R[], request: object, fields: string[]): R[];
  parseField(field: string): string[];
  getFieldFromDoc(doc: unknown, path: string[]): unknown;
}

/** The slice of a pouchdb@9 database (with pouchdb-find) the tests use. */
export interface PouchFindDb {
  bulkDocs(docs: object[]): Promise<unknown[]>;
  allDocs(opts: object): Promise<{ rows: { doc?: Record<string, unknown> }[] }>;
  find(request: object): Promise<{ docs: Record<string, unknown>[] }>;
  destroy(): Promise<unknown>;
}

type PouchCtor = (new (
  name: string,
  opts?: object,
) => PouchFindDb) & {
  plugin(plugin: unknown): PouchCtor;
};

const require = createRequire(import.meta.url);

/** The oracle's selector functions. */
export const pouchCore = require('pouchdb-selector-core') as PouchSelectorCore;

let ctor: PouchCtor | undefined;
let counter = 0;

/** A fresh pouchdb@9 memory database with pouchdb-find. */
export function newPouchDb(): PouchFindDb {
  if (!ctor) {
    ctor = require('pouchdb') as PouchCtor;
    ctor.plugin(require('pouchdb-adapter-memory'));
    ctor.plugin(require('pouchdb-find'));
  }
  counter += 1;
  return new ctor(`selector-${process.pid}-${counter}`, { adapter: 'memory' });
}

/** Runs `fn`, returning its value or the error it threw. */
export function attempt<T>(fn: () => T): { ok: true; value: T } | { ok: false; error: unknown } {
  try {
    return { ok: true, value: fn() };
  } catch (error) {
    return { ok: false, error };
  }
}
