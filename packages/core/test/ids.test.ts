import { createRequire } from 'node:module';
import { afterEach, describe, expect, it } from 'vitest';
import { randomRevId, replicationSessionId, uuid } from '../src/ids.js';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const REV_V4 = /^[0-9a-f]{12}4[0-9a-f]{3}[89ab][0-9a-f]{15}$/;

interface PouchLike {
  post(doc: object): Promise<{ id: string; rev: string }>;
  put(doc: object): Promise<{ id: string; rev: string }>;
  destroy(): Promise<unknown>;
}
type PouchCtor = new (name: string, opts: object) => PouchLike;

const PouchDB = (() => {
  const require = createRequire(import.meta.url);
  const ctor = require('pouchdb') as PouchCtor & { plugin(p: unknown): void };
  ctor.plugin(require('pouchdb-adapter-memory'));
  return ctor;
})();

/** Runs `body` as if the platform had no `crypto.randomUUID` (browsers on plain http). */
function withoutRandomUUID(body: () => void): void {
  Object.defineProperty(globalThis.crypto, 'randomUUID', { value: undefined, configurable: true });
  try {
    body();
  } finally {
    Reflect.deleteProperty(globalThis.crypto, 'randomUUID');
  }
}

afterEach(() => {
  expect(typeof globalThis.crypto.randomUUID).toBe('function');
});

describe('uuid', () => {
  it('is a lowercase v4 UUID with dashes, like the _id PouchDB 9 gives a posted doc', async () => {
    const db = new PouchDB(`ids-${Math.random()}`, { adapter: 'memory' });
    const { id } = await db.post({ a: 1 });
    await db.destroy();
    expect(id).toMatch(UUID_V4);
    for (let i = 0; i < 1000; i++) expect(uuid()).toMatch(UUID_V4);
  });

  it('does not repeat', () => {
    const seen = new Set(Array.from({ length: 20_000 }, uuid));
    expect(seen.size).toBe(20_000);
  });

  it('falls back to getRandomValues without randomUUID', () => {
    withoutRandomUUID(() => {
      const ids = Array.from({ length: 5000 }, uuid);
      for (const id of ids) expect(id).toMatch(UUID_V4);
      expect(new Set(ids).size).toBe(5000);
    });
  });

  it('uses every hex digit in the random positions', () => {
    withoutRandomUUID(() => {
      const digits = new Set(Array.from({ length: 200 }, uuid).join('').replaceAll('-', ''));
      expect(digits.size).toBe(16);
    });
  });
});

describe('randomRevId', () => {
  it('is 32 lowercase hex digits shaped like PouchDB 9 non-deterministic revs', async () => {
    const db = new PouchDB(`ids-${Math.random()}`, {
      adapter: 'memory',
      deterministic_revs: false,
    });
    const { rev } = await db.put({ _id: 'a' });
    await db.destroy();
    expect(rev.split('-')[1]).toMatch(REV_V4);
    for (let i = 0; i < 1000; i++) expect(randomRevId()).toMatch(REV_V4);
    expect(new Set(Array.from({ length: 10_000 }, randomRevId)).size).toBe(10_000);
  });
});

describe('replicationSessionId', () => {
  it('is a fresh v4 UUID each time', () => {
    const a = replicationSessionId();
    expect(a).toMatch(UUID_V4);
    expect(replicationSessionId()).not.toBe(a);
  });
});
