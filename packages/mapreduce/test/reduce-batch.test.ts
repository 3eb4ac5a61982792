import vm from 'node:vm';
import { describe, expect, it, vi } from 'vitest';
import { MAP_CHUNK_TIMEOUT_MS } from '../src/map-batch.js';
import { REDUCE_CHUNK, sandboxedReduceBatch } from '../src/reduce-batch.js';
import { newDb } from './helpers.js';

describe('custom reduce functions run in the sandbox a chunk of groups at a time', () => {
  it('reduces each group apart across chunk boundaries, keeping a thrower’s error', () => {
    const batch = sandboxedReduceBatch(
      'function (keys, values, rereduce) { if (keys[0][0] % 7 === 0) { throw new Error("seven " + keys[0][0]); } return [sum(values), keys.length, rereduce, typeof process]; }',
    );
    const groups = Array.from({ length: REDUCE_CHUNK * 2 + 5 }, (_, n): [unknown[], unknown[]] => [
      [[n, `d${n}`]],
      [n, 1],
    ]);
    const out = batch?.(groups) ?? [];
    expect(out).toHaveLength(groups.length);
    out.forEach((outcome, n) => {
      if (n % 7 === 0)
        expect(String((outcome as { error: unknown }).error)).toContain(`seven ${n}`);
      else expect((outcome as { result: unknown }).result).toEqual([n + 1, 1, false, 'undefined']);
    });
  });

  it('cuts off a reduce function that never returns with os_process_error (500)', () => {
    const batch = sandboxedReduceBatch('function (keys, values) { while (true) {} }', 200);
    const started = Date.now();
    expect(() => batch?.([[[[1, 'a']], [1]]])).toThrowError(
      expect.objectContaining({ status: 500, name: 'os_process_error' }),
    );
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('gives no batch for source that does not compile (the per-call path reports it)', () => {
    expect(sandboxedReduceBatch('function (k, v) { return ; + }')).toBeUndefined();
  });

  it('a grouped query reduces under the watchdog, one entry a chunk of groups', async () => {
    const db = newDb('memory');
    const groups = REDUCE_CHUNK + 20;
    await db.bulkDocs(Array.from({ length: groups * 2 }, (_, n) => ({ _id: `d${n}`, n })));
    let reported = 0;
    db.on('error', () => {
      reported += 1;
    });
    const reduce =
      'function (keys, values) { if (keys[0][0] === 3) { throw 1; } return sum(values); }';
    const entries = vi.spyOn(vm.Script.prototype, 'runInContext');
    try {
      const res = await db.query(
        { map: 'function (doc) { emit(doc.n % 120, doc.n); }', reduce } as never,
        { group: true },
      );
      const timed = entries.mock.calls.filter(([, opts]) => opts?.timeout === MAP_CHUNK_TIMEOUT_MS);
      // Two entries map the 240 documents (100, then the 140 left), two reduce the 120 groups.
      expect(timed).toHaveLength(4);
      expect(res.rows).toHaveLength(groups);
      expect(res.rows[3]).toEqual({ key: 3, value: null });
      expect(res.rows[119]).toEqual({ key: 119, value: 119 + 239 });
      expect(reported).toBe(1);
    } finally {
      entries.mockRestore();
      await db.destroy();
    }
  });
});
