import { describe, expect, it } from 'vitest';
import { runner } from '../src/start-replication.js';
import { memDb, S } from './helpers.js';

/** Runs a one-shot sync of two databases, each with one document, recording its events. */
async function syncAndRecord(): Promise<string[]> {
  const a = memDb();
  const b = memDb();
  await a.put({ _id: 'from-a' });
  await b.put({ _id: 'from-b' });
  const events: string[] = [];
  const sync = S.sync(a, b)
    .on('active', (e: { direction: string }) => events.push(`active ${e.direction}`))
    .on('change', (e: { direction: string }) => events.push(`change ${e.direction}`))
    .on('paused', () => events.push('paused'))
    .on('complete', () => events.push('complete'));
  await sync;
  expect((await a.allDocs()).rows.map((r) => r.id)).toEqual(['from-a', 'from-b']);
  expect((await b.allDocs()).rows.map((r) => r.id)).toEqual(['from-a', 'from-b']);
  await Promise.all([a.destroy(), b.destroy()]);
  return events;
}

/**
 * A sync forwards its directions' events with code loaded with the replication code on first
 * use (sync-events.ts). Each test file runs in a fresh module graph, so the first sync below is
 * created before that code is loaded; the tests run in order.
 */
describe('sync events forwarded by code loaded on first use', () => {
  it('the first sync, created before the code is loaded, reports every event', async () => {
    expect(runner.loaded).toBeUndefined();
    const events = await syncAndRecord();
    expect(runner.loaded).toBeDefined();
    expect(events.filter((e) => e.startsWith('change')).sort()).toEqual([
      'change pull',
      'change push',
    ]);
    expect(events.filter((e) => e.startsWith('active')).length).toBeGreaterThan(0);
    expect(events.at(-1)).toBe('complete');
  });

  it('a sync created once the code is there reports the same events', async () => {
    expect(runner.loaded).toBeDefined();
    const events = await syncAndRecord();
    expect(events.filter((e) => e.startsWith('change')).sort()).toEqual([
      'change pull',
      'change push',
    ]);
    expect(events.at(-1)).toBe('complete');
  });
});
