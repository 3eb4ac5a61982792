import vm from 'node:vm';
import { describe, expect, it, vi } from 'vitest';
import {
  MAP_CHUNK,
  MAP_CHUNK_TIMEOUT_MS,
  MAX_MAP_CHUNK,
  nextChunkSize,
  sandboxedMapBatch,
} from '../src/map-batch.js';
import { newDb } from './helpers.js';

describe('map functions run in the sandbox a chunk at a time', () => {
  it('keeps each document’s emits apart across chunk boundaries and drops a thrower’s', () => {
    const batch = sandboxedMapBatch(
      'function (doc) { emit(doc.n, doc.n * 2); if (doc.n % 7 === 0) { throw new Error("seven " + doc.n); } emit([doc.n]); }',
    );
    const docs = Array.from({ length: MAP_CHUNK * 2 + 5 }, (_, n) => ({ _id: `d${n}`, n }));
    const out = batch?.(docs) ?? [];
    expect(out).toHaveLength(docs.length);
    out.forEach((result, n) => {
      if (n % 7 === 0) expect(String((result as { error: unknown }).error)).toContain(`seven ${n}`);
      else
        expect((result as { emits: unknown }).emits).toEqual([
          [n, n * 2],
          [[n], undefined],
        ]);
    });
  });

  it('sees JSON copies only: no host object, no process', () => {
    const batch = sandboxedMapBatch(
      'function (doc) { emit(typeof process, typeof require); emit(doc.when, doc.nested.x); }',
    );
    expect(batch?.([{ _id: 'a', when: 'w', nested: { x: [1] } }])).toEqual([
      {
        emits: [
          ['undefined', 'undefined'],
          ['w', [1]],
        ],
      },
    ]);
  });

  it('cuts off a map function that never returns with os_process_error (500)', () => {
    const batch = sandboxedMapBatch('function (doc) { while (true) {} }', 200);
    const started = Date.now();
    expect(() => batch?.([{ _id: 'a' }])).toThrowError(
      expect.objectContaining({ status: 500, name: 'os_process_error' }),
    );
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('gives no batch for source that does not compile (the per-call path reports it)', () => {
    expect(sandboxedMapBatch('function (doc) { emit(doc.n; }')).toBeUndefined();
  });

  it('a query over more documents than one chunk gives every row, in view order', async () => {
    const db = newDb('memory');
    const docs = Array.from({ length: MAP_CHUNK * 3 + 1 }, (_, n) => ({
      _id: `doc-${String(n).padStart(4, '0')}`,
      n: (n * 37) % 101,
    }));
    await db.bulkDocs(docs);
    const res = await db.query({
      map: 'function (doc) { if (doc.n % 2 === 0) { emit(doc.n, doc._id); } }',
    } as never);
    const expected = docs
      .filter((d) => d.n % 2 === 0)
      .sort((a, b) => a.n - b.n || (a._id < b._id ? -1 : 1))
      .map((d) => d._id);
    expect(res.rows.map((r) => (r as { id: string }).id)).toEqual(expected);
    await db.destroy();
  });

  it('grows chunks fourfold while they stay quick and small, up to MAX_MAP_CHUNK', () => {
    const quick = 1;
    expect(nextChunkSize(MAP_CHUNK, quick, 10_000, MAP_CHUNK_TIMEOUT_MS)).toBe(MAP_CHUNK * 4);
    expect(nextChunkSize(MAP_CHUNK * 16, quick, 10_000, MAP_CHUNK_TIMEOUT_MS)).toBe(MAX_MAP_CHUNK);
    // A chunk that took a fortieth of the budget would take a tenth at four times the size.
    expect(nextChunkSize(MAP_CHUNK, MAP_CHUNK_TIMEOUT_MS / 40, 10_000, MAP_CHUNK_TIMEOUT_MS)).toBe(
      MAP_CHUNK,
    );
    // A chunk of large documents stays as it is (256 Ki characters of JSON, four times over).
    expect(nextChunkSize(MAP_CHUNK, quick, 300_000, MAP_CHUNK_TIMEOUT_MS)).toBe(MAP_CHUNK);
  });

  it('maps 1,200 quick documents in three entries into the sandbox (100, 400, 700)', () => {
    const batch = sandboxedMapBatch('function (doc) { emit(doc.n); }');
    const entries = vi.spyOn(vm.Script.prototype, 'runInContext');
    try {
      const docs = Array.from({ length: 1200 }, (_, n) => ({ _id: `d${n}`, n }));
      const out = batch?.(docs) ?? [];
      expect(out.map((r) => (r as { emits: [unknown, unknown][] }).emits[0]?.[0])).toEqual(
        docs.map((d) => d.n),
      );
      expect(entries).toHaveBeenCalledTimes(3);
    } finally {
      entries.mockRestore();
    }
  });

  it('compiles a temporary view once for repeated queries, and each index on its own', async () => {
    const db = newDb('memory');
    await db.bulkDocs([{ _id: 'a', n: 1 }]);
    const contexts = vi.spyOn(vm, 'createContext');
    try {
      // A source no other test uses: a context compiled for it earlier would serve here.
      const map = 'function (doc) { emit(doc.n, "once-per-source"); }';
      for (let i = 0; i < 3; i++) {
        expect((await db.query({ map } as never)).rows).toEqual([
          { id: 'a', key: 1, value: 'once-per-source' },
        ]);
      }
      expect(contexts).toHaveBeenCalledTimes(1);
      await db.put({ _id: '_design/d', views: { v: { map } } });
      expect((await db.query('d/v')).rows).toHaveLength(1);
      expect(contexts).toHaveBeenCalledTimes(2);
    } finally {
      contexts.mockRestore();
      await db.destroy();
    }
  });
});
