import { AsyncResource, createHook, executionAsyncId } from 'node:async_hooks';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Satchel } from '@satchel/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LeveldbAdapterPlugin } from '../src/index.js';

Satchel.plugin(LeveldbAdapterPlugin);

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'satchel-scan-trips-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/**
 * Trips to classic-level's iterator thread that `run` causes (each a `nextv` on the native
 * side), counted in its own asynchronous context and those it started.
 */
async function iteratorTrips(run: () => Promise<unknown>): Promise<number> {
  let trips = 0;
  const root = new AsyncResource('scan-under-test');
  const ours = new Set([root.asyncId()]);
  const hook = createHook({
    init(id, type, triggerId) {
      if (!ours.has(triggerId) && !ours.has(executionAsyncId())) return;
      ours.add(id);
      if (type === 'classic_level.iterator.next') trips++;
    },
  });
  hook.enable();
  try {
    await root.runInAsyncScope(run);
  } finally {
    hook.disable();
  }
  return trips;
}

describe('scans collected whole make one trip to the iterator thread per page', () => {
  it('allDocs include_docs over 1,200 documents of ~200 bytes: three pages, three trips', async () => {
    const db = new Satchel(join(dir, 'all-docs'), { adapter: 'leveldb' });
    const pad = 'x'.repeat(150);
    await db.bulkDocs(
      Array.from({ length: 1200 }, (_, i) => ({ _id: `d${String(i).padStart(5, '0')}`, pad })),
    );
    // Pages of 500, 500 and 200 entries, 100 KB each at most: classic-level's default of
    // 16 KB a trip would take seven trips for each full page.
    let rows = 0;
    const trips = await iteratorTrips(async () => {
      rows = (await db.allDocs({ include_docs: true })).rows.length;
    });
    expect(rows).toBe(1200);
    expect(trips).toBe(3);
    await db.close();
  });

  it('changes over 1,000 documents: two full pages of by-seq entries, a trip each', async () => {
    const db = new Satchel(join(dir, 'changes'), { adapter: 'leveldb' });
    await db.bulkDocs(
      Array.from({ length: 1000 }, (_, i) => ({
        _id: `a-document-with-a-long-id-${String(i).padStart(8, '0')}`,
      })),
    );
    // Pages of 500 entries of about 55 bytes (two 16 KB trips each by default), then the empty
    // page that ends the feed.
    let results = 0;
    const trips = await iteratorTrips(async () => {
      results = (await db._adapter.changes({ since: 0 })).results.length;
    });
    expect(results).toBe(1000);
    expect(trips).toBe(3);
    await db.close();
  });
});
