import { execFileSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { memoryAdapter } from '@satchel/adapter-memory';
import PouchDB from '@satchel/node';
import { afterEach, describe, expect, it } from 'vitest';
import pkg from '../package.json';

/**
 * The preset's constructor surface, as code written for PouchDB 9 uses it. The CommonJS and
 * ESM entry points are checked against the BUILT dist (`npx tsup` first; turbo's `test` task
 * depends on `build`), the way Node resolves `@satchel/node` for a user.
 */

const here = dirname(fileURLToPath(import.meta.url));
const presetDir = resolve(here, '..');

type Listener = (...args: unknown[]) => void;
interface Db {
  name: string;
  adapter: string;
  __opts: Record<string, unknown>;
  put(doc: object): Promise<{ rev: string }>;
  get(
    id: string,
    opts?: object,
  ): Promise<Record<string, unknown> & { _revisions?: { ids: string[] } }>;
  info(): Promise<{ db_name: string; doc_count: number }>;
  destroy(): Promise<unknown>;
  type(): string;
}
interface Ctor {
  new (name: string, opts?: object): Db;
  (name: string, opts?: object): Db;
  version: string;
  prefix: string;
  preferredAdapters: string[];
  adapters: Record<string, unknown>;
  plugin(plugin: unknown): Ctor;
  adapter(name: string, factory: unknown, preferred?: boolean): unknown;
  defaults(opts: object): Ctor;
  on(event: string, listener: Listener): unknown;
  once(event: string, listener: Listener): unknown;
  removeListener(event: string, listener: Listener): unknown;
}

const P = PouchDB as unknown as Ctor;
const mem = { adapter: 'memory' };
const opened: Db[] = [];
let counter = 0;
const fresh = (): string => `preset-${process.pid}-${++counter}`;
const track = (db: Db): Db => {
  opened.push(db);
  return db;
};

afterEach(async () => {
  await Promise.allSettled(opened.splice(0).map((db) => db.destroy()));
});

/** Runs a script with plain Node in the preset directory, so `@satchel/node` self-resolves to dist. */
function runNode(args: string[]): string {
  return execFileSync(process.execPath, args, {
    cwd: presetDir,
    encoding: 'utf8',
    timeout: 30_000,
  }).trim();
}

describe('entry points', () => {
  // vitest runs with --conditions satchel-source (workspace packages resolve to src/), so the
  // built entry points are checked in plain Node child processes, as a user would load them.
  it('require("@satchel/node") through createRequire returns the constructor itself', () => {
    const script = [
      "import { createRequire } from 'node:module';",
      "const require = createRequire(process.cwd() + '/package.json');",
      "const P = require('@satchel/node');",
      "const db = typeof P === 'function' ? new P('cjs-check', { adapter: 'memory' }) : undefined;",
      'if (db) { await db.put({ _id: "x" }); }',
      "console.log(typeof P, typeof P?.plugin, P?.version, db ? (await db.info()).doc_count : '-');",
      'if (db) await db.destroy();',
    ].join('\n');
    expect(runNode(['--input-type=module', '-e', script])).toBe(
      `function function ${pkg.version} 1`,
    );
  });

  it('import PouchDB from "@satchel/node" (built ESM) gives the constructor', () => {
    const script = [
      "import P from '@satchel/node';",
      "const db = new P('esm-check', { adapter: 'memory' });",
      "await db.put({ _id: 'x' });",
      'console.log(typeof P, P.version, (await db.info()).doc_count);',
      'await db.destroy();',
    ].join('\n');
    expect(runNode(['--input-type=module', '-e', script])).toBe(`function ${pkg.version} 1`);
  });

  it('import PouchDB from "@satchel/node" gives the constructor (sources)', async () => {
    expect(typeof P).toBe('function');
    expect(P.version).toBe(pkg.version);
    const db = track(new P(fresh(), mem));
    expect((await db.put({ _id: 'esm' })).rev).toMatch(/^1-/);
  });
});

describe('the constructor', () => {
  it('is callable with and without new', async () => {
    const withNew = track(new P(fresh(), mem));
    const without = track(P(fresh(), mem));
    expect(without).toBeInstanceOf(P);
    expect(withNew).toBeInstanceOf(P);
    expect(without.constructor).toBe(withNew.constructor);
    await without.put({ _id: 'a' });
    expect((await without.get('a'))._id).toBe('a');
  });

  it('takes the name inside the options object', async () => {
    const name = fresh();
    const db = track(new P({ name, ...mem } as unknown as string));
    expect(db.name).toBe(name);
    expect((await db.info()).db_name).toBe(name);
  });

  it('rejects an unknown adapter and a missing name', () => {
    expect(() => new P(fresh(), { adapter: 'no-such-adapter' })).toThrow(
      'Invalid Adapter: no-such-adapter',
    );
    expect(() => new P(undefined as unknown as string)).toThrow('Missing/invalid DB name');
  });

  it('reports the adapter through db.adapter and db.type()', () => {
    const db = track(new P(fresh(), mem));
    expect(db.adapter).toBe('memory');
    expect(db.type()).toBe('memory');
  });
});

describe('defaults', () => {
  it('returns a constructor whose databases start from the given options', async () => {
    const Mem = P.defaults({ ...mem, revs_limit: 2 });
    const db = track(new Mem(fresh()));
    expect(db.adapter).toBe('memory');
    expect(db.__opts.revs_limit).toBe(2);
    let rev = (await db.put({ _id: 'a' })).rev;
    for (let i = 0; i < 3; i++) rev = (await db.put({ _id: 'a', _rev: rev, i })).rev;
    expect((await db.get('a', { revs: true }))._revisions?.ids).toHaveLength(2);
    expect(track(Mem(fresh()))).toBeInstanceOf(Mem);
  });

  it('is transitive and lets per-database options win', () => {
    const Mem = P.defaults(mem);
    const Limited = Mem.defaults({ revs_limit: 3 });
    const db = track(new Limited(fresh()));
    expect(db.adapter).toBe('memory');
    expect(db.__opts.revs_limit).toBe(3);
    expect(track(new Limited(fresh(), { revs_limit: 9 })).__opts.revs_limit).toBe(9);
  });

  it('keeps the statics: plugin, adapter, defaults, events', () => {
    const Mem = P.defaults(mem);
    for (const name of ['plugin', 'adapter', 'defaults', 'on', 'once', 'removeListener'] as const) {
      expect(typeof Mem[name]).toBe('function');
    }
    expect(Array.isArray(Mem.preferredAdapters)).toBe(true);
  });
});

describe('plugin', () => {
  afterEach(() => {
    const proto = P.prototype as unknown as Record<string, unknown>;
    delete proto.greet;
    delete proto.viaFunction;
  });

  it('mixes a PouchDB-style object plugin into every instance, defaults ones included', async () => {
    const returned = P.plugin({
      greet(this: Db): string {
        return `hello ${this.name}`;
      },
    });
    expect(returned).toBe(P);
    const db = track(new P(fresh(), mem)) as Db & { greet(): string };
    expect(db.greet()).toBe(`hello ${db.name}`);
    const viaDefaults = track(new (P.defaults(mem))(fresh())) as Db & { greet(): string };
    expect(viaDefaults.greet()).toBe(`hello ${viaDefaults.name}`);
  });

  it('calls a function plugin with the constructor', () => {
    let given: unknown;
    P.plugin((ctor: Ctor) => {
      given = ctor;
      (ctor.prototype as unknown as Record<string, unknown>).viaFunction = () => 42;
    });
    expect(given).toBe(P);
    expect((track(new P(fresh(), mem)) as Db & { viaFunction(): number }).viaFunction()).toBe(42);
  });

  it('rejects an empty or non-object plugin like PouchDB', () => {
    expect(() => P.plugin({})).toThrow(
      'Invalid plugin: got "[object Object]", expected an object or a function',
    );
    expect(() => P.plugin(5)).toThrow('Invalid plugin: got "5", expected an object or a function');
  });
});

describe('adapters', () => {
  const original = [...P.preferredAdapters];
  afterEach(() => {
    P.preferredAdapters = [...original];
  });

  it('registers an adapter under a new name', async () => {
    P.adapter('memory-again', memoryAdapter);
    expect(P.adapters['memory-again']).toBe(memoryAdapter);
    const db = track(new P(fresh(), { adapter: 'memory-again' }));
    expect(db.adapter).toBe('memory-again');
    await db.put({ _id: 'a' });
    expect((await db.info()).doc_count).toBe(1);
  });

  it('adds a preferred adapter at the end of preferredAdapters', () => {
    P.adapter('memory-preferred', memoryAdapter, true);
    expect(P.preferredAdapters.at(-1)).toBe('memory-preferred');
  });

  it('uses the first preferred adapter when none is named, and preferredAdapters is assignable', () => {
    expect(P.preferredAdapters).toContain('memory');
    P.preferredAdapters = ['memory'];
    const db = track(new P(fresh()));
    expect(db.adapter).toBe('memory');
  });

  it('prefers leveldb by default on Node, as PouchDB does', () => {
    expect(original[0]).toBe('leveldb');
  });
});

describe('constructor events', () => {
  it('emits created and destroyed with the database name', async () => {
    const name = fresh();
    const created: unknown[] = [];
    const destroyed: unknown[] = [];
    const onCreated: Listener = (n) => created.push(n);
    const onDestroyed: Listener = (n) => destroyed.push(n);
    P.on('created', onCreated);
    P.on('destroyed', onDestroyed);
    try {
      const db = new P(name, mem);
      await db.info();
      await new Promise((r) => setTimeout(r, 0));
      expect(created).toContain(name);
      await db.destroy();
      expect(destroyed).toContain(name);
    } finally {
      P.removeListener('created', onCreated);
      P.removeListener('destroyed', onDestroyed);
    }
  });

  it('once listens a single time; removeListener stops listening', async () => {
    const seen: unknown[] = [];
    const listener: Listener = (n) => seen.push(n);
    P.once('created', listener);
    const a = track(new P(fresh(), mem));
    const b = track(new P(fresh(), mem));
    await Promise.all([a.info(), b.info()]);
    await new Promise((r) => setTimeout(r, 0));
    expect(seen).toEqual([a.name]);
    P.on('created', listener);
    P.removeListener('created', listener);
    await track(new P(fresh(), mem)).info();
    expect(seen).toHaveLength(1);
  });
});
